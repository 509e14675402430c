export { createJobboardApp, type JobboardAppDeps, type JobboardConfig } from './create-jobboard.js';
export { openApiDocument } from './http/openapi-document.js';
export type { JobboardContext, JobboardLog } from './jobboard-context.js';
export {
  checkJobboardReadiness,
  createJobboardStore,
  migrateJobboardDatabase,
  type JobboardDatabase,
} from './store/jobboard-store.js';
export type { JobboardTables } from './store/jobboard-tables.js';
export type {
  JobboardStore,
  EmployerRecord,
  EmployerAccount,
  EmployerSessionRecord,
  PresentationNonceRecord,
  ApplicationRecord,
  StoredApplication,
  StoredPosting,
} from './ports/jobboard-store.js';
export type { RateLimitStore, StoreRateLimiterOptions } from './store/rate-limit-store.js';
export { jobboardMigrations } from './store/jobboard-migrations.js';
export {
  derivePresentationDefinition,
  type PresentationDefinitionSource,
} from './domain/derive-presentation-definition.js';
export { deriveDcqlQuery } from './domain/derive-dcql-query.js';
export { describeRequirement } from './domain/describe-requirement.js';
export { scorePattern } from './domain/score-pattern.js';
export { createPosting } from './domain/create-posting.js';
export { listPostings } from './domain/list-postings.js';
export { listPublicPostings, type PublicPosting } from './domain/list-public-postings.js';
export { getPublicPosting } from './domain/get-public-posting.js';
export { getPosting } from './domain/get-posting.js';
export { getOwnedPosting } from './domain/get-owned-posting.js';
export { createPresentationRequest } from './domain/create-presentation-request.js';
export {
  openBoardIdentity,
  type BoardIdentity,
  type OpenBoardIdentityOptions,
} from './openid4vp/board-identity.js';
export {
  createOpenid4vpRequest,
  type Openid4vpRequestLink,
} from './openid4vp/create-openid4vp-request.js';
export {
  answerOpenid4vpRequest,
  type AnswerOpenid4vpRequestDeps,
  type Openid4vpAnswer,
} from './openid4vp/answer-openid4vp-request.js';
export { Openid4vpError, type Openid4vpErrorCode } from './openid4vp/openid4vp-error.js';
export { boardClientId, type Openid4vpSettings } from './openid4vp/openid4vp-settings.js';
export { listApplications } from './domain/list-applications.js';
export { getApplication } from './domain/get-application.js';
export { recheckApplication, type RecheckDeps } from './domain/recheck-application.js';
export { postingFunnel, type PostingFunnel, type FunnelReason } from './domain/posting-funnel.js';
export { trustedIssuersForRequirements } from './domain/trusted-issuers-for-requirements.js';
export {
  createEmployer,
  employerInputSchema,
  employerPasswordSchema,
  type CreateEmployerOptions,
  type CreateEmployerResult,
  type EmployerInput,
} from './domain/create-employer.js';
export { hashPassword, verifyPassword, type HashPasswordOptions } from './domain/hash-password.js';
export {
  signInEmployer,
  signInInputSchema,
  employerEmailSchema,
  type SignInEmployerDeps,
  type SignInInput,
} from './domain/sign-in-employer.js';
export {
  startEmployerSession,
  findEmployerSession,
  endEmployerSession,
  employerSessionSeconds,
  type EmployerSession,
  type StartedEmployerSession,
} from './domain/employer-session.js';
export {
  changeEmployerPassword,
  changePasswordInputSchema,
  type ChangePasswordInput,
} from './domain/change-employer-password.js';
export {
  createEmployerCommand,
  describeCreatedEmployer,
  AdminUsageError,
  type CreateEmployerCommandDeps,
} from './admin/create-employer-command.js';
export {
  createIssuerCatalogs,
  type IssuerCatalogs,
  type IssuerCatalogsOptions,
  type IssuerCatalog,
  type CatalogBadge,
  type CatalogSkill,
} from './web/issuer-catalogs.js';
export {
  decideApplication,
  applicationInputSchema,
  type ApplicationInput,
  type DecideApplicationDeps,
} from './domain/decide-application.js';
export {
  postingInputSchema,
  requirementClauseSchema,
  type PostingInput,
  type RequirementClauseInput,
} from './domain/posting-input.js';
export type {
  Employer,
  Posting,
  PostingRequirement,
  BadgeClause,
  AnyOfClause,
  SkillClause,
  RequirementClause,
  RequirementLabels,
  SubmissionRequirement,
  PresentationDefinition,
  InputDescriptor,
  PresentationDefinitionField,
  PresentationRequest,
  DcqlQuery,
  DcqlCredentialQuery,
  DcqlCredentialSetQuery,
  DcqlClaimsQuery,
  DcqlW3cFormat,
  RequirementOutcome,
  RequirementOutcomeCode,
  RequirementOutcomeView,
  OutcomeCredential,
  CurrentStatus,
  CredentialEvidence,
  ApplicationView,
  EarlierDecision,
  Application,
  ApplicationCheck,
  ApplicationSummary,
} from './jobboard-types.js';
