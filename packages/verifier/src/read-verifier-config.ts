import { readConfig, type Environment } from '@skillproof/core';

/** The settings the verifier service runs with. */
export interface VerifierSettings {
  port: number;
  host: string;
  /** DIDs whose credentials the service trusts; empty: trust is reported as not evaluated. */
  trustedIssuers: string[];
}

/**
 * Reads `PORT` (4200), `HOST` (127.0.0.1) and `TRUSTED_ISSUERS` (comma-separated DIDs, default
 * none). Blank values count as unset.
 *
 * @throws SkillproofError `CONFIGURATION_INVALID` naming the setting that is wrong.
 * @example
 * ```ts
 * const { port, host, trustedIssuers } = readVerifierConfig(process.env);
 * ```
 */
export function readVerifierConfig(env: Environment): VerifierSettings {
  const config = readConfig(env);
  return {
    port: config.port('PORT', 4200),
    host: config.text('HOST', '127.0.0.1'),
    trustedIssuers: config.list('TRUSTED_ISSUERS', {
      pattern: /^did:[a-z0-9]+:\S+$/,
      what: 'DIDs',
    }),
  };
}
