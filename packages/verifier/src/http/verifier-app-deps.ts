import type { ErrorLog } from '@skillproof/server/http';
import type { StatusListResolver, TrustedIssuer } from '../verification-policy.js';

/** What the verifier service needs. */
export interface VerifierAppDeps {
  /** Issuers trusted; absent or empty: trust is reported as not evaluated. */
  trustedIssuers?: readonly TrustedIssuer[];
  now?: () => Date;
  /** Loads and caches status lists. Default: one `createStatusListResolver()` for the app. */
  statusLists?: StatusListResolver;
  log?: ErrorLog;
}
