import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

let root: string | undefined;

/**
 * A path inside the project (`config/…`, web assets), found by walking up to the folder
 * holding package.json, so it resolves the same from sources under Jest and from `dist/`.
 */
export function projectPath(...segments: string[]): string {
  root ??= findRoot(__dirname);
  return join(root, ...segments);
}

function findRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'config'))) return dir;
    if (dirname(dir) === dir) throw new Error(`Cannot find the project folder (package.json and config/) above ${from}`);
  }
}
