/**
 * DIF Presentation Exchange v2 (https://identity.foundation/presentation-exchange/spec/v2.0.0/),
 * as far as Skillproof writes and reads it: the job board derives definitions, the wallet answers
 * them. Optional where the specification makes a property optional.
 */

/** A field constraint (PE v2 §5.1.1.1 `constraints.fields`): JSONPaths and a JSON Schema filter. */
export interface PresentationDefinitionField {
  path: string[];
  id?: string;
  purpose?: string;
  name?: string;
  filter?: {
    type: string;
    const?: string;
    enum?: string[];
    pattern?: string;
    [keyword: string]: unknown;
  };
  optional?: boolean;
}

/** An input descriptor (PE v2 §5.1.1). */
export interface InputDescriptor {
  id: string;
  name?: string;
  purpose?: string;
  /** The submission requirements it counts towards. */
  group?: string[];
  constraints?: {
    fields?: PresentationDefinitionField[];
    limit_disclosure?: 'required' | 'preferred';
  };
}

/** A submission requirement (PE v2 §5.1.2): `all` of a group, or `pick` some of it. */
export interface SubmissionRequirement {
  rule: 'all' | 'pick';
  name?: string;
  purpose?: string;
  from?: string;
  from_nested?: SubmissionRequirement[];
  count?: number;
  min?: number;
  max?: number;
}

/** A presentation definition (PE v2 §5). */
export interface PresentationDefinition {
  id: string;
  name?: string;
  purpose?: string;
  /** Claim formats and algorithms accepted, e.g. `{ jwt_vc: { alg: ['EdDSA'] } }`. */
  format?: Record<string, { alg?: string[]; proof_type?: string[] }>;
  submission_requirements?: SubmissionRequirement[];
  input_descriptors: InputDescriptor[];
}

/** A presentation submission (PE v2 §6): which credential answers which input descriptor. */
export interface PresentationSubmission {
  id: string;
  definition_id: string;
  descriptor_map: Array<{ id: string; format: string; path: string; path_nested?: unknown }>;
}
