import type { ServiceLog } from '@skillproof/server/http';
import type { StatusListResolver, TransparencyLogResolver } from '@skillproof/verifier';
import type { Openid4vpSettings } from './openid4vp/openid4vp-settings.js';
import type { BitcoinNetworkName } from './paid-task-types.js';
import type { JobboardStore } from './ports/jobboard-store.js';
import type { RateLimiter } from './store/rate-limit-store.js';

export type { RateLimiter };

/** Where the job board writes what happens. */
export type JobboardLog = ServiceLog;

/**
 * What every route of the job board, API and web page alike, is handed: built once per app by
 * `createJobboardApp` (the composition root), read by `http/` and `web/`, which never import
 * each other.
 */
export interface JobboardContext {
  store: JobboardStore;
  adminToken: string | undefined;
  /** The audience presentations must name: the board's origin. */
  domain: string;
  nonceTtlSeconds: number;
  now: () => Date;
  statusLists: StatusListResolver;
  /** Loads and caches issuers' transparency-log receipts, for postings that require them. */
  transparencyLogs: TransparencyLogResolver;
  log: JobboardLog;
  /** scrypt cost of employer password hashes; `undefined` means the default. */
  passwordLogN: number | undefined;
  /** Counts presentation requests (of either kind) per client address. */
  presentationRequestLimiter: RateLimiter;
  /** The network paid tasks settle on by default; mainnet only when configured. */
  bitcoinNetwork: BitcoinNetworkName;
  /** The OpenID4VP verifier's identity and URLs; absent, the board offers no OpenID4VP. */
  openid4vp: Openid4vpSettings | undefined;
}
