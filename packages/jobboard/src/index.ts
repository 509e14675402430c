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
export {
  bitcoinNetwork,
  bitcoinNetworkNames,
  defaultBitcoinNetwork,
  readBitcoinNetworkName,
} from './domain/tasks/bitcoin-network.js';
export {
  checkSatoshiAmount,
  formatBitcoinAmount,
  maxSatoshiAmount,
  minSatoshiAmount,
  satsPerBitcoin,
} from './domain/tasks/satoshi-amount.js';
export {
  checkBitcoinAddress,
  type CheckedBitcoinAddress,
} from './domain/tasks/check-bitcoin-address.js';
export {
  isNonNegativeAccount,
  ledgerAccounts,
  ledgerEntryKinds,
} from './domain/tasks/ledger-entry.js';
export type {
  AcceptedEntry,
  BitcoinNetworkName,
  CancelledEntry,
  ClaimedEntry,
  LedgerEntry,
  LedgerEntryKind,
  LedgerPosting,
  PaidEntry,
  PostedEntry,
} from './paid-task-types.js';
export type { TaskLedgerStore } from './ports/task-ledger-store.js';
export { changeTask, type ChangeTaskOptions } from './domain/tasks/change-task.js';
export { checkLedgerEntry, ledgerBalances } from './domain/tasks/ledger-balances.js';
export {
  taskStateOf,
  type TaskClaim,
  type TaskState,
  type TaskStatus,
} from './domain/tasks/task-state.js';
export { postTask, type PostTaskInput } from './domain/tasks/post-task.js';
export { claimTask, type ClaimTaskInput } from './domain/tasks/claim-task.js';
export { acceptTaskClaim, type AcceptTaskClaimInput } from './domain/tasks/accept-task-claim.js';
export {
  recordTaskPayment,
  type RecordTaskPaymentInput,
} from './domain/tasks/record-task-payment.js';
export { cancelTask, type CancelTaskInput } from './domain/tasks/cancel-task.js';
export {
  exportLedgerCsv,
  exportLedgerJson,
  ledgerCsvColumns,
  type LedgerExport,
} from './domain/tasks/export-ledger.js';
export { buildPaymentUri, type PaymentUriInput } from './domain/tasks/build-payment-uri.js';
export {
  buildPaymentPsbt,
  dustThreshold,
  type BuildPaymentPsbtInput,
  type EmployerUtxo,
  type PaymentPsbt,
} from './domain/tasks/build-payment-psbt.js';
export { maxPsbtBase64Length, readPsbt } from './domain/tasks/read-psbt.js';
export {
  buildTaskCompletionCredential,
  type TaskCompletionCredential,
  type TaskCompletionCredentialInput,
} from './domain/tasks/build-task-completion-credential.js';
export {
  paymentPsbtForTask,
  paymentRequestForTask,
  type TaskPaymentRequest,
} from './domain/tasks/payment-request-for-task.js';
export { completionCredentialForTask } from './domain/tasks/completion-credential-for-task.js';
