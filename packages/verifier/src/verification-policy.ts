import type { TransparencyLogResolver } from './transparency/transparency-log-resolver.js';
import type { VerificationKeyResolver } from './verification-key.js';
/** Consumes presentation nonces exactly once (the job board keeps them in SQLite). */
export interface NonceStore {
  /** True the first time a known, unexpired nonce is consumed; false ever after or if unknown. */
  consume(nonce: string): boolean | Promise<boolean>;
}

/** An issuer the verifier trusts, optionally only for some achievements. */
export interface TrustedIssuer {
  did: string;
  /** Achievement ids this issuer is trusted for; absent means all. */
  achievements?: readonly string[];
}

/**
 * What the verifier accepts. Every field has a safe default; nothing is read from the
 * environment.
 */
export interface VerificationPolicy {
  /** The clock. Default `() => new Date()`. */
  now?: () => Date;
  /** Tolerance for clock differences on every time check, in seconds. Default 60. */
  clockSkewSeconds?: number;
  /** JWS algorithms accepted. Default `['EdDSA']`; `none` and HMAC are refused whatever this says. */
  allowedAlgorithms?: readonly string[];
  /** Issuers trusted. Absent: trust is not evaluated (reported as a warning, never as a pass). */
  trustedIssuers?: readonly TrustedIssuer[];
  /** The nonce a presentation must carry. */
  challenge?: string;
  /** The audience (`aud`) a presentation must name. */
  domain?: string;
  /** Consumes `challenge` once the presentation's signature, nonce and audience check out. */
  nonceStore?: NonceStore;
  /** How old a presentation may be (from its `iat`/`nbf`), in seconds. Default 300. */
  maxPresentationAgeSeconds?: number;
  /**
   * Whether a presentation must carry at least one credential. Default true (an application
   * proves something); false accepts a bare DID authentication.
   */
  requireCredentials?: boolean;
  /** Most credentials a presentation may carry. Default 20. */
  maxCredentials?: number;
  /** Largest credential accepted, in bytes of JWT (or JSON). Default 64 KiB. */
  maxCredentialBytes?: number;
  /** Largest presentation accepted, in bytes of JWT (or JSON). Default 512 KiB. */
  maxPresentationBytes?: number;
  /**
   * Checks each credential's `credentialStatus` (revoked, suspended). Default true; when false,
   * a credential with a status entry gets a warning, never a pass.
   */
  checkStatus?: boolean;
  /**
   * Finds issuers' and holders' keys in their DID documents. Default: did:key, decoded locally.
   */
  didResolver?: VerificationKeyResolver;
  /**
   * Loads status lists. Default: a new `createStatusListResolver()` per call, which caches
   * nothing between calls; pass one long-lived resolver to reuse fetched lists.
   */
  statusLists?: StatusListResolver;
  /**
   * Hosts a status list may be fetched from, as a URL writes them: `status.example.com` (the
   * scheme's default port) or `status.example.com:8443` (that port only). A list is also
   * fetched from the host of a trusted did:web issuer (`trustedIssuers[].did`, port included).
   * Any other status list URL fails `STATUS_HOST_NOT_ALLOWED` without a request, so a credential
   * can't make the verifier fetch from a host of its choosing. Default: unrestricted (any HTTPS
   * host, or loopback HTTP), reported as a warning.
   */
  statusListHosts?: readonly string[];
  /**
   * Counts a credential only when its issuer's transparency log proves it (issue 17): an RFC 9162
   * inclusion proof of its issuance entry (the entry naming the hash of this very credential) to
   * a checkpoint signed by a key its issuer's DID document lists, fetched from the issuer's log
   * (`<issuer>/log/receipts/<credential id>`) through `transparencyLogs`; and the log's latest
   * status entry for it, proven to the same checkpoint, must agree with the status list.
   * Failures: `TRANSPARENCY_*` codes. Default false.
   */
  requireTransparency?: boolean;
  /**
   * Loads receipts from issuers' logs. Default: a new `createTransparencyLogResolver()` per call
   * (HTTPS only, nothing cached between calls); pass one long-lived resolver to cache.
   */
  transparencyLogs?: TransparencyLogResolver;
  /**
   * Hosts a did:key issuer's log (at the `issuer.url` its credential names) may be fetched from,
   * as `statusListHosts` writes them. A did:web issuer's log is at its DID's own host. Default:
   * unrestricted (the hardened fetch still refuses non-public addresses), reported as a warning.
   */
  transparencyLogHosts?: readonly string[];
  /**
   * With `requireTransparency`: the checkpoint a receipt proves to must also carry valid
   * cosignatures (C2SP tlog-cosignature v1) of at least `required` of these witnesses, given as
   * their verifier keys (`skillproof witness init` prints one), so the issuer could not have
   * shown this verifier a log it hides from everyone else. Failures: `TRANSPARENCY_WITNESSES_MISSING`
   * (too few), `TRANSPARENCY_CHECKPOINT_INVALID` (a cosignature by a listed witness that does
   * not verify). Default: none required.
   */
  transparencyWitnesses?: { keys: readonly string[]; required: number };
}

/** The policy with every default filled in. */
export type ResolvedPolicy = Required<
  Omit<
    VerificationPolicy,
    | 'trustedIssuers'
    | 'challenge'
    | 'domain'
    | 'nonceStore'
    | 'statusListHosts'
    | 'transparencyLogHosts'
    | 'transparencyWitnesses'
  >
> &
  Pick<
    VerificationPolicy,
    | 'trustedIssuers'
    | 'challenge'
    | 'domain'
    | 'nonceStore'
    | 'statusListHosts'
    | 'transparencyLogHosts'
    | 'transparencyWitnesses'
  >;

/** A status list that was fetched and verified: whose it is, what for, and its bits. */
export interface LoadedStatusList {
  url: string;
  /** The DID that signed the status list credential. */
  issuer: string;
  /** The purposes the list serves (`revocation`, `suspension`). */
  purposes: readonly string[];
  bits: Uint8Array;
  /** How many entries (bits) the list holds. */
  entries: number;
}

/** The outcome of loading a status list; never thrown. */
export type StatusListLoad =
  | { ok: true; list: LoadedStatusList }
  | {
      ok: false;
      code: 'STATUS_UNAVAILABLE' | 'STATUS_LIST_INVALID' | 'STATUS_LIST_TOO_SHORT';
      message: string;
    };

/** Loads status lists, verified, through a cache. Keep one per process: the cache is in it. */
export interface StatusListResolver {
  load(url: string, policy: ResolvedPolicy): Promise<StatusListLoad>;
}
