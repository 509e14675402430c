import { readConfig, type Environment } from '@skillproof/core';

/** The settings the verifier service runs with. */
export interface VerifierSettings {
  port: number;
  host: string;
  /** DIDs whose credentials the service trusts; empty: trust is reported as not evaluated. */
  trustedIssuers: string[];
  /** Hosts (`name` or `name:port`) status lists are fetched from, besides trusted did:web hosts. */
  statusListHosts: string[];
  /** Hosts a did:key issuer's transparency log is fetched from (did:web logs: their own host). */
  transparencyLogHosts: string[];
  /** did:web hosts that may resolve to private or loopback addresses (development, intranets). */
  didWebPrivateHosts: string[];
  /** Resolves `did:web:localhost…` over plain HTTP: a development flag, never for production. */
  didWebAllowHttpLoopback: boolean;
}

const hostPattern = /^[a-z0-9.-]+(?::[0-9]{1,5})?$|^\[[0-9a-f:.]+\](?::[0-9]{1,5})?$/i;

/**
 * Reads `PORT` (4200), `HOST` (127.0.0.1), `TRUSTED_ISSUERS` (comma-separated DIDs, default
 * none), `STATUS_LIST_HOSTS` (comma-separated hosts; default none: status lists only from trusted
 * did:web issuers' hosts), `TRANSPARENCY_LOG_HOSTS` (comma-separated hosts a did:key issuer's
 * transparency log may be fetched from; default none), `DID_WEB_PRIVATE_HOSTS` (default none) and
 * `DID_WEB_ALLOW_HTTP_LOOPBACK` (`1` to resolve did:web on localhost over plain HTTP; default
 * `0`). Blank values count as unset.
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
    statusListHosts: config.list('STATUS_LIST_HOSTS', { pattern: hostPattern, what: 'hosts' }),
    transparencyLogHosts: config.list('TRANSPARENCY_LOG_HOSTS', {
      pattern: hostPattern,
      what: 'hosts',
    }),
    didWebPrivateHosts: config.list('DID_WEB_PRIVATE_HOSTS', {
      pattern: hostPattern,
      what: 'hosts',
    }),
    didWebAllowHttpLoopback:
      config.integer('DID_WEB_ALLOW_HTTP_LOOPBACK', { min: 0, max: 1 }, 0) === 1,
  };
}
