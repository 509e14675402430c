import { accessSync, constants, mkdirSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';

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

/** `CHROMIUM_PATH`, else the first `chromium` on PATH, as `command -v chromium` finds it. */
function chromiumPath(): string {
  const candidates = [
    process.env['CHROMIUM_PATH'],
    ...(process.env['PATH'] ?? '').split(delimiter).map((dir) => join(dir, 'chromium')),
  ].filter((path): path is string => path !== undefined && path !== '');
  for (const path of candidates) {
    try {
      accessSync(path, constants.X_OK);
      return path;
    } catch {
      // not this one
    }
  }
  throw new Error("no chromium on PATH: install Debian's chromium or set CHROMIUM_PATH");
}

/**
 * What playwright-core's `chromium.launch` needs to drive Debian's Chromium headless (the
 * browser tests download no browser): its path (`CHROMIUM_PATH`, else `chromium` on PATH) and
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
    executablePath: chromiumPath(),
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--no-first-run',
    ],
  };
}
