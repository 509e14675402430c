import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { findChromium } from './find-chromium.js';

/**
 * Where browser tests save their screenshots: `test-artifacts/screenshots/` at the repository's
 * root (ignored by git and lint), created on first use.
 *
 * @example
 * ```ts
 * await page.screenshot({ path: join(screenshotsDirectory(), 'issuer-catalogue.png') });
 * ```
 */
export function screenshotsDirectory(): string {
  const directory = fileURLToPath(new URL('../../../test-artifacts/screenshots/', import.meta.url));
  mkdirSync(directory, { recursive: true });
  return directory;
}

/**
 * What playwright-core's `chromium.launch` needs to drive Debian's Chromium headless (the
 * browser tests download no browser): its path ({@link findChromium}) and
 * flags for a container without a GPU or a sandbox, and with no traffic but the test's own.
 *
 * @throws Error when no Chromium is found.
 * @example
 * ```ts
 * const browser = await chromium.launch(chromiumLaunchOptions());
 * ```
 */
export function chromiumLaunchOptions(): { executablePath: string; args: string[] } {
  return {
    executablePath: findChromium(process.env),
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  };
}
