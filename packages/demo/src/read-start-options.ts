import { readConfig, SkillproofError, type Environment } from '@skillproof/core';

/** The three services `pnpm start` runs, in start order. */
export const serviceNames = ['issuer', 'verifier', 'jobboard'] as const;

/** One of {@link serviceNames}. */
export type ServiceName = (typeof serviceNames)[number];

/** How `pnpm start` runs: see {@link readStartOptions}. */
export interface StartOptions {
  /** Parent of every service's data directory (`<dataRoot>/<service>`), absolute. */
  dataRoot: string;
  /** The port each service listens on. */
  ports: Record<ServiceName, number>;
  /** Seed the sample employer and postings into an empty job board. */
  sample: boolean;
}

/** The usage line of `pnpm start`. */
export const startUsage = 'usage: pnpm start [--no-sample]';

/**
 * Reads `pnpm start`'s arguments and environment: `SKILLPROOF_DATA_ROOT` (`.skillproof`; a
 * relative one resolves against `INIT_CWD`, the folder `pnpm` was run from, exactly as each
 * service resolves its `DATA_DIR`, so the README's admin commands reach the same databases),
 * `ISSUER_PORT` (4100), `VERIFIER_PORT` (4200), `JOBBOARD_PORT` (4300), and whether to seed
 * sample data: off with `--no-sample` or `SKILLPROOF_SAMPLE=0`.
 *
 * @throws SkillproofError `CONFIGURATION_INVALID` for a bad variable or an unknown argument.
 * @example
 * ```ts
 * const options = readStartOptions(process.argv.slice(2), process.env);
 * ```
 */
export function readStartOptions(argv: readonly string[], env: Environment): StartOptions {
  const config = readConfig(env);
  let sample = config.text('SKILLPROOF_SAMPLE', '1') !== '0';
  for (const arg of argv) {
    // pnpm passes a `--` through when the user writes `pnpm start -- --no-sample`.
    if (arg === '--') continue;
    if (arg !== '--no-sample') {
      throw new SkillproofError(
        'CONFIGURATION_INVALID',
        `unknown argument "${arg}"; ${startUsage}`,
      );
    }
    sample = false;
  }
  return {
    dataRoot: config.path('SKILLPROOF_DATA_ROOT', '.skillproof'),
    ports: {
      issuer: config.port('ISSUER_PORT', 4100),
      verifier: config.port('VERIFIER_PORT', 4200),
      jobboard: config.port('JOBBOARD_PORT', 4300),
    },
    sample,
  };
}
