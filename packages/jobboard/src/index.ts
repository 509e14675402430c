export {
  createJobboardApp,
  type JobboardAppDeps,
  type JobboardConfig,
  type JobboardLog,
} from './http/create-app.js';
export {
  createJobboardStore,
  type JobboardStore,
  type EmployerRecord,
  type PresentationNonceRecord,
  type ApplicationRecord,
} from './store/jobboard-store.js';
export { jobboardMigrations } from './store/jobboard-migrations.js';
export {
  derivePresentationDefinition,
  type PresentationDefinitionSource,
} from './domain/derive-presentation-definition.js';
export { evaluateRequirements, type EvaluatedCredential } from './domain/evaluate-requirements.js';
export { trustedIssuersForRequirements } from './domain/trusted-issuers-for-requirements.js';
export {
  decideApplication,
  applicationInputSchema,
  type ApplicationInput,
  type DecideApplicationDeps,
} from './domain/decide-application.js';
export { postingInputSchema, type PostingInput } from './domain/posting-input.js';
export type {
  Employer,
  Posting,
  PostingRequirement,
  PresentationDefinition,
  InputDescriptor,
  PresentationDefinitionField,
  PresentationRequest,
  RequirementOutcome,
  Application,
  ApplicationCheck,
  ApplicationSummary,
} from './domain/jobboard-types.js';
