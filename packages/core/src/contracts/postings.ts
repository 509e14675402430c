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
  createdAt: string;
}

/** What a wallet needs to answer a posting: a single-use nonce, the audience and the definition. */
export interface PresentationRequest {
  nonce: string;
  domain: string;
  presentation_definition: PresentationDefinition;
  expiresAt: string;
  postingId: string;
}
