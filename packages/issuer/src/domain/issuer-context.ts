import type { IssuerProfile } from '@skillproof/core';
import type { Catalog } from '../catalog/catalog-types.js';
import type { CredentialSigner } from '../ports/credential-signer.js';
import type { IssuerLog } from '../ports/issuer-log.js';
import type { IssuerStore } from '../ports/issuer-store.js';
import type { StatusListStore } from '../ports/status-list-store.js';
import type { StatusListPublisher } from '../status/status-list-publisher.js';
import type { IssuerTransparency } from '../transparency/issuer-transparency.js';

/**
 * Everything the issuer's domain functions work with, built once by `createIssuer` (the
 * composition root): its stores and signer through the interfaces in `src/ports`, never SQLite,
 * Veramo or HTTP themselves.
 */
export interface IssuerContext {
  store: IssuerStore;
  /** Revocation and suspension lists, and the entries handed to credentials. */
  statusLists: StatusListStore;
  /** Signs the status lists served at `GET /status/:listId`. */
  statusListPublisher: StatusListPublisher;
  /** Signs as the issuer's DID (`signer.did`). */
  signer: CredentialSigner;
  catalog: Catalog;
  /** Seeds each learner's puzzle inputs (HMAC-SHA256 key); keeping it keeps the inputs. */
  puzzleSecret: Uint8Array;
  profile: IssuerProfile;
  /** A did:web issuer's DID document and where it is served; absent for a did:key issuer. */
  didDocument?: { path: string; read: () => Promise<Record<string, unknown>> };
  /** Public base URL, no trailing slash. */
  baseUrl: string;
  /** The DID-auth `domain` (the origin of `baseUrl`) learners' presentations must be addressed to. */
  domain: string;
  now: () => Date;
  log: IssuerLog;
  /**
   * The issuer's transparency log (issue 17): every issuance and status change is an entry;
   * absent when the issuer runs without one.
   */
  transparency?: IssuerTransparency;
  /** How long an OpenID4VCI credential offer (its pre-authorized code) stays usable. Default 600. */
  offerTtlSeconds?: number;
}
