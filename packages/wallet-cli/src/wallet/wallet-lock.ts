import { closeSync, openSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import { SkillproofError } from '@skillproof/core';

const waitMs = 10_000;
const staleMs = 60_000;

/**
 * Whose the lock is: `held` by a live command, `released` (gone meanwhile: try again, and never
 * remove what is there now, which is another command's fresh lock), or `stale` (its command died).
 */
function lockHolder(lockPath: string): 'held' | 'released' | 'stale' {
  try {
    const pid = Number(readFileSync(lockPath, 'utf8'));
    if (Date.now() - statSync(lockPath).mtimeMs > staleMs) return 'stale';
    // Empty while its creator is still writing its pid: held.
    if (!Number.isInteger(pid) || pid <= 0) return 'held';
    process.kill(pid, 0);
    return 'held';
  } catch (error) {
    // ESRCH: no such process, so its lock is stale. ENOENT: released meanwhile.
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return 'released';
    return code === 'ESRCH' ? 'stale' : 'held';
  }
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * Runs `work` holding the wallet's lock file (created with `O_EXCL`), so two `skillproof`
 * commands writing at once can't lose each other's changes: each re-reads the wallet inside the
 * lock. A lock whose process has died is taken over.
 *
 * @throws SkillproofError `CONFLICT` when another command holds the lock for more than 10 s.
 * @example
 * ```ts
 * withWalletLock(paths.lock, () => writeFileAtomic(paths.data, text));
 * ```
 */
export function withWalletLock<T>(lockPath: string, work: () => T): T {
  const deadline = Date.now() + waitMs;
  for (;;) {
    try {
      const fd = openSync(lockPath, 'wx', 0o600);
      writeSync(fd, String(process.pid));
      closeSync(fd);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = lockHolder(lockPath);
      if (holder === 'released') continue;
      if (holder === 'stale') {
        rmSync(lockPath, { force: true });
        continue;
      }
      if (Date.now() > deadline) {
        throw new SkillproofError(
          'CONFLICT',
          `another skillproof command is changing the wallet (${lockPath}); try again when it has finished`,
        );
      }
      sleep(25);
    }
  }
  try {
    return work();
  } finally {
    rmSync(lockPath, { force: true });
  }
}
