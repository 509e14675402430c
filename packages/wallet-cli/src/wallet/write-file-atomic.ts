import { randomBytes } from 'node:crypto';
import {
  closeSync,
  fchmodSync,
  fsyncSync,
  linkSync,
  openSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';

/**
 * Replaces `path` with `text` so that a crash leaves either the old file or the new one, never a
 * mix: write a temporary file in the same folder (mode 0600), fsync it, rename it over `path`,
 * then fsync the folder so the rename itself is durable (rename(2) is atomic in one file system).
 *
 * @param options.exclusive refuse (`EEXIST`) when `path` exists, instead of replacing it.
 * @example
 * ```ts
 * writeFileAtomic('/home/me/.skillproof/wallet.json', JSON.stringify(wallet));
 * ```
 */
export function writeFileAtomic(
  path: string,
  text: string,
  options: { exclusive?: boolean } = {},
): void {
  const folder = dirname(path);
  const temporary = join(folder, `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  const fd = openSync(temporary, 'wx', 0o600);
  try {
    try {
      // The umask may have narrowed the mode; make it exactly 0600 whatever it says.
      fchmodSync(fd, 0o600);
      const bytes = Buffer.from(text, 'utf8');
      let written = 0;
      while (written < bytes.length) written += writeSync(fd, bytes, written);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    // link(2) fails when the target exists, so an exclusive write never replaces a file.
    if (options.exclusive) linkSync(temporary, path);
    else renameSync(temporary, path);
  } finally {
    rmSync(temporary, { force: true });
  }
  syncFolder(folder);
}

function syncFolder(folder: string): void {
  const fd = openSync(folder, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
