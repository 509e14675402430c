import { spawnSync } from 'node:child_process';

/**
 * Re-runs the current script pinned to CPU 0 under `taskset` (and exits with its status), so a
 * benchmark whose targets are per core measures one core. Returns in the pinned run, or when
 * `taskset` does not exist (after saying so).
 *
 * @example
 * ```ts
 * pinToOneCore(); // first line of a bench script
 * ```
 */
export function pinToOneCore(): void {
  if (process.env['BENCH_PINNED'] !== undefined) return;
  const pinned = spawnSync('taskset', ['-c', '0', process.execPath, ...process.argv.slice(1)], {
    stdio: 'inherit',
    env: { ...process.env, BENCH_PINNED: '1' },
  });
  if (!pinned.error) process.exit(pinned.status ?? 1);
  console.log('(taskset not found: running unpinned)');
}
