import type { DcqlQuery } from './dcql-query.js';
import type { PresentationDefinition } from './presentation-exchange.js';
import type { PostingRequirement, RequirementLabels } from './requirements.js';

/** A job posting as the board publishes it. */
export interface Posting {
  id: string;
  title: string;
  description: string;
  employerId: string;
  requirements: PostingRequirement[];
  /** The names the employer gave ids in its clauses (may be empty). */
  labels: RequirementLabels;
  presentation_definition: PresentationDefinition;
  /** The same requirements as an OpenID4VP 1.0 DCQL query (derived from them when read). */
  dcql_query: DcqlQuery;
  /**
   * Whether a credential counts only when its issuer's transparency log proves it (the
   * verifier's `requireTransparency`). Absent: not required.
   */
  requireTransparency?: boolean;
  createdAt: string;
}

/**
 * What a wallet needs to answer a posting: a single-use nonce, the audience, and what to present
 * as a Presentation Exchange definition and as a DCQL query (the same requirements).
 */
export interface PresentationRequest {
  nonce: string;
  domain: string;
  presentation_definition: PresentationDefinition;
  dcql_query: DcqlQuery;
  expiresAt: string;
  postingId: string;
}
