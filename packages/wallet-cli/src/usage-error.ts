/**
 * Exit codes, documented in `skillproof --help` and the README.
 *
 * @example
 * ```ts
 * process.exitCode = exitCodes.usage; // 2
 * ```
 */
export const exitCodes = { ok: 0, failure: 1, usage: 2 } as const;

/**
 * A usage mistake (unknown command, missing argument, a file that can't be read): exit code 2.
 *
 * @example
 * ```ts
 * throw new UsageError('no file badge.jwt');
 * ```
 */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/**
 * Thrown by a command that has already printed its outcome and only needs a non-zero exit code
 * (changesets' `ExitError`), e.g. `verify` on a credential that does not verify.
 *
 * @example
 * ```ts
 * throw new ExitError(exitCodes.failure);
 * ```
 */
export class ExitError extends Error {
  override readonly name = 'ExitError';

  constructor(readonly exitCode: number) {
    super(`exit code ${exitCode}`);
  }
}
