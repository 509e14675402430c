import type { ServiceLog } from '@skillproof/core/http';
import type { IssuerProfile } from '@skillproof/core';
import type { ensureIdentifier, SkillproofAgent } from '@skillproof/core/agent';
import type { Catalog } from '../catalog/catalog-types.js';
import type { IssuerStore } from '../store/issuer-store.js';

/** The issuer's Veramo identifier (its did:key and the reference to its key). */
export type IssuerIdentifier = Awaited<ReturnType<typeof ensureIdentifier>>;

/** Where the issuer reports events; one structured line per call. */
export type IssuerLog = ServiceLog;

/** Everything the issuer's domain functions work with, built once by `createIssuerApp`. */
export interface IssuerContext {
  store: IssuerStore;
  agent: SkillproofAgent;
  identifier: IssuerIdentifier;
  catalog: Catalog;
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
