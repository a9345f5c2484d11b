import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { GENERATED_ADMIN_KEY_FILE } from '@turbota/auth';
import type { AppConfig } from '@turbota/config';
import type { SitePages } from './site-pages';

/** One line of the start-up summary, at the level it is logged. */
export interface StartUpLine {
  level: 'info' | 'warn';
  msg: string;
}

/** What the summary is made of: the parsed configuration and the pages this process serves. */
export interface StartUpFacts {
  config: Pick<AppConfig, 'port' | 'publicUrl' | 'adminApiKey' | 'dataDir' | 'tracing'>;
  pages: SitePages;
}

/**
 * What a person starting Turbota needs to read once it listens: where to open the web chat,
 * the console, the API docs and the health check, where the generated admin key is (never
 * the key), and a warning when links and QR codes fall back to the local address.
 */
export function startUpLines({ config, pages }: StartUpFacts): StartUpLine[] {
  const base = config.publicUrl ?? `http://localhost:${config.port}`;
  const lines: StartUpLine[] = [];
  if (pages.chat) lines.push({ level: 'info', msg: `Web chat for customers: ${base}/chat` });
  if (pages.dashboard) lines.push({ level: 'info', msg: `Console for supervisors and admins: ${base}/console/` });
  lines.push({ level: 'info', msg: `API docs: ${base}/docs` }, { level: 'info', msg: `Health: ${base}/health` });
  const keyFile = join(resolve(config.dataDir), GENERATED_ADMIN_KEY_FILE);
  if (!config.adminApiKey && existsSync(keyFile)) {
    lines.push({ level: 'info', msg: `Admin API key: in ${keyFile} (generated at the first start; set ADMIN_API_KEY to choose your own)` });
  }
  // The collector's origin only: a path or user name in the URL is nobody's business in a log.
  if (config.tracing) lines.push({ level: 'info', msg: `Traces: sent to ${new URL(config.tracing.endpoint).origin} over OTLP/HTTP` });
  if (!config.publicUrl) {
    lines.push({
      level: 'warn',
      msg: `PUBLIC_URL is not set: links and QR codes use the address they are asked at, here ${base}; set PUBLIC_URL to the address your customers reach`,
    });
  }
  return lines;
}
