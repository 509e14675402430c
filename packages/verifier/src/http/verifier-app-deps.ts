import type { ErrorLog } from '@skillproof/server/http';
import type { DidResolver } from '../did/create-did-resolver.js';
import type { TransparencyLogResolver } from '../transparency/transparency-log-resolver.js';
import type { StatusListResolver, TrustedIssuer } from '../verification-policy.js';

/** What the verifier service needs. */
export interface VerifierAppDeps {
  /** Issuers trusted; absent or empty: trust is reported as not evaluated. */
  trustedIssuers?: readonly TrustedIssuer[];
  now?: () => Date;
  /** Loads and caches status lists. Default: one `createStatusListResolver()` for the app. */
  statusLists?: StatusListResolver;
  log?: ErrorLog;
  /**
   * Hosts status lists may be fetched from, besides trusted did:web issuers' hosts. Default none:
   * the service never fetches a URL only because a credential names it.
   */
  statusListHosts?: readonly string[];
  /** Resolves issuers' and holders' DIDs. Default: `createDidResolver()` (did:key, did:web). */
  didResolver?: DidResolver;
  /** Loads receipts from issuers' logs (`options.requireTransparency`). Default: one for the app. */
  transparencyLogs?: TransparencyLogResolver;
  /**
   * Hosts a did:key issuer's transparency log may be fetched from (a did:web issuer's log is at
   * its own host). Default none: the service never fetches a URL only because a credential
   * names it.
   */
  transparencyLogHosts?: readonly string[];
}
