import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    // Folders pass X_OK too; `command -v` finds files only.
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/**
 * The Chromium the browser tests drive: `CHROMIUM_PATH` when set, else the first `chromium` on
 * `PATH`, as `command -v chromium` finds it (Debian's package, which `.ci/run` installs, puts it
 * in /usr/bin; other systems elsewhere).
 *
 * @throws Error saying what to install or set, when there is none.
 * @example
 * ```ts
 * const browser = await chromium.launch({ executablePath: findChromium(process.env) });
 * ```
 */
export function findChromium(env: Record<string, string | undefined>): string {
  const configured = env['CHROMIUM_PATH'];
  if (configured !== undefined && configured !== '') {
    if (!isExecutable(configured)) {
      throw new Error(`CHROMIUM_PATH is ${configured}, which is not an executable file`);
    }
    return configured;
  }
  for (const directory of (env['PATH'] ?? '').split(delimiter)) {
    if (directory === '') continue;
    const candidate = join(directory, 'chromium');
    if (isExecutable(candidate)) return candidate;
  }
  throw new Error(
    'no chromium on PATH: install it (Debian: apt-get install chromium) or set CHROMIUM_PATH',
  );
}
