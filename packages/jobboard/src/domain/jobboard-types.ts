/** An employer account: it authenticates with a bearer token that is stored only hashed. */
export interface Employer {
  id: string;
  name: string;
  createdAt: string;
}

/** One requirement of a posting: a badge for `achievementId` from one of `acceptedIssuers`. */
export interface PostingRequirement {
  /** `r1`, `r2`, … in the order the employer gave them; also the input descriptor id. */
  id: string;
  achievementId: string;
  acceptedIssuers: string[];
}

/** A DIF Presentation Exchange v2 field constraint, as far as the job board writes it. */
export interface PresentationDefinitionField {
  path: string[];
  filter: { type: 'string'; const?: string; enum?: string[] };
}

/** A DIF Presentation Exchange v2 input descriptor: one per requirement. */
export interface InputDescriptor {
  id: string;
  name: string;
  purpose: string;
  constraints: { fields: PresentationDefinitionField[] };
}

/** A DIF Presentation Exchange v2 presentation definition (every descriptor is required). */
export interface PresentationDefinition {
  id: string;
  name: string;
  purpose: string;
  format: { jwt_vc: { alg: string[] }; jwt_vp: { alg: string[] } };
  input_descriptors: InputDescriptor[];
}

/** A job posting as the API shows it; public. */
export interface Posting {
  id: string;
  title: string;
  description: string;
  employerId: string;
  requirements: PostingRequirement[];
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

/** How one requirement fared against the credentials of an application, in plain words. */
export interface RequirementOutcome {
  id: string;
  achievementId: string;
  met: boolean;
  reason: string;
  /** The credential the reason is about, when there is one. */
  credentialId?: string;
  /** The issuer of that credential. */
  issuer?: string;
}

/** One step of the verifier's log, as stored with an application. */
export interface ApplicationCheck {
  id: string;
  ok: boolean;
  code?: string;
  message?: string;
}

/** A decided application, as returned to the applicant. */
export interface Application {
  id: string;
  postingId: string;
  /** The DID that signed the presentation. */
  holder: string;
  qualified: boolean;
  requirements: RequirementOutcome[];
  checks: ApplicationCheck[];
  createdAt: string;
}

/** An application as its posting's employer lists it. */
export interface ApplicationSummary {
  id: string;
  holder: string;
  qualified: boolean;
  requirements: RequirementOutcome[];
  createdAt: string;
}
