/**
 * Exit codes, documented in `skillproof --help` (and each affected command's help) and the
 * README. 3 and 4 let a script tell a definite "no" from a "could not be checked now": after 4,
 * trying again later may succeed; after 3, it will not.
 *
 * @example
 * ```ts
 * process.exitCode = exitCodes.usage; // 2
 * ```
 */
export const exitCodes = {
  ok: 0,
  failure: 1,
  usage: 2,
  /** A badge or presentation does not verify, or is revoked, suspended, expired or invalid. */
  notValid: 3,
  /** Something could not be checked or reached (an issuer, a status list): try again later. */
  statusUnknown: 4,
} as const;

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
 * Thrown by a command that needs a non-zero exit code (changesets' `ExitError`): either it has
 * printed its outcome already (e.g. `verify` on a credential that does not verify, its checks
 * on stdout), or `reason` says in one line what happened, which `bin.ts` prints on stderr.
 *
 * @example
 * ```ts
 * throw new ExitError(exitCodes.notValid);
 * throw new ExitError(exitCodes.statusUnknown, 'the board could not reach an issuer; try again later');
 * ```
 */
export class ExitError extends Error {
  override readonly name = 'ExitError';

  constructor(
    readonly exitCode: number,
    readonly reason?: string,
  ) {
    super(reason ?? `exit code ${exitCode}`);
  }
}
