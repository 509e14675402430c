import type { ServiceLog } from '@skillproof/server/http';
import type { IssuerProfile } from '@skillproof/core';
import type { ensureIdentifier, SkillproofAgent } from '@skillproof/server/agent';
import type { Catalog } from '../catalog/catalog-types.js';
import type { IssuerStore } from '../store/issuer-store.js';
import type { StatusListPublisher } from '../status/status-list-publisher.js';
import type { StatusListStore } from '../status/status-list-store.js';

/** The issuer's Veramo identifier (its did:key and the reference to its key). */
export type IssuerIdentifier = Awaited<ReturnType<typeof ensureIdentifier>>;

/** Where the issuer reports events; one structured line per call. */
export type IssuerLog = ServiceLog;

/** Everything the issuer's domain functions work with, built once by `createIssuerApp`. */
export interface IssuerContext {
  store: IssuerStore;
  /** Revocation and suspension lists, and the entries handed to credentials. */
  statusLists: StatusListStore;
  /** Signs the status lists served at `GET /status/:listId`. */
  statusListPublisher: StatusListPublisher;
  agent: SkillproofAgent;
  identifier: IssuerIdentifier;
  catalog: Catalog;
  /** Seeds each learner's puzzle inputs (HMAC-SHA256 key); keeping it keeps the inputs. */
  puzzleSecret: Uint8Array;
  profile: IssuerProfile;
  /** Public base URL, no trailing slash. */
  baseUrl: string;
  /** The DID-auth `domain` (the origin of `baseUrl`) learners' presentations must be addressed to. */
  domain: string;
  /** Admin bearer token of the VC-API; none means the VC-API refuses everyone. */
  adminToken: string | undefined;
  now: () => Date;
  log: IssuerLog;
}
