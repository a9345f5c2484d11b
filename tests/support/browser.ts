import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { projectPath } from '@turbota/common';
import { databaseKind } from './test-database';

/** Debian's Chromium, or the one CHROMIUM_PATH names. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Whether browser tests can run here. On CI they must (a missing Chromium fails them); on a
 * developer's machine without it they are skipped with a note saying how to get it.
 */
export function browserAvailable(): boolean {
  if (existsSync(CHROMIUM)) return true;
  if (process.env.CI) throw new Error(`Chromium is missing at ${CHROMIUM}; CI installs it with apt-get install -y chromium`);
  console.error(`Skipping the browser tests: no Chromium at ${CHROMIUM} (apt-get install -y chromium, or set CHROMIUM_PATH)`);
  return false;
}

/**
 * Whether this pass runs the browser tests: where Chromium is, and on the embedded database
 * alone. The pages read the database only through the API, whose tests run on both databases;
 * a second pass in the browser would only repeat them.
 */
export const browserTestsRunHere = (): boolean => browserAvailable() && databaseKind === 'embedded PGlite';

/** Headless Chromium with the network it does not need switched off (the machine may be offline). */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * Saves a screenshot of what the screen shows into `test-artifacts/`, for a person to look at;
 * animations are finished first, so a bubble never appears half faded in.
 */
export async function saveScreenshot(page: Page, name: string, options: { fullPage?: boolean } = {}): Promise<string> {
  const dir = projectPath('test-artifacts');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, name);
  await page.screenshot({ path, animations: 'disabled', fullPage: options.fullPage ?? false });
  return path;
}
