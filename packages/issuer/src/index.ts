export { createIssuerApp, type IssuerAppDeps } from './http/create-app.js';
export {
  createIssuer,
  createIssuerRateLimiters,
  type CreateIssuerOptions,
  type CreateIssuerRateLimitersOptions,
  type CreateIssuerResult,
  type IssuerConfig,
} from './create-issuer.js';
export type {
  IssuerStore,
  AuthChallengeRecord,
  SessionRecord,
  AttemptRecord,
  AttemptGrade,
  IssuedCredentialRecord,
  PendingCredentialRecord,
  CredentialRecord,
  CredentialStatusFlags,
  AwardRecord,
  AwardRequest,
  AwardDecision,
  NewCredential,
  RecordedGrade,
} from './ports/issuer-store.js';
export type { CredentialSigner } from './ports/credential-signer.js';
export type { IssuerLog } from './ports/issuer-log.js';
export { createIssuerStore, type CreateIssuerStoreOptions } from './store/database-issuer-store.js';
export { issuerMigrations } from './store/issuer-migrations.js';
export { webOfferMigrations } from './store/web-offer-migrations.js';
export type { IssuerTables } from './store/issuer-tables.js';
export {
  checkIssuerReadiness,
  issuerDatabase,
  migrateIssuerDatabase,
  type IssuerDatabase,
} from './store/issuer-database.js';
export { loadDefaultCatalog, defaultCatalogDirectory } from './catalog/default-catalog.js';
export { loadCatalog } from './catalog/load-catalog.js';
export { badgeFileSchema, skillFileSchema, type BadgeFile } from './catalog/catalog-schema.js';
export {
  type Catalog,
  type Badge,
  type Skill,
  type PassRule,
  type Task,
  type QuizTask,
  type QuizChoice,
  type PuzzleTask,
  type ShortAnswerTask,
  type BadgeAlignment,
  type PublicBadge,
  type PublicTask,
  type PracticeDeck,
  type PracticeItem,
} from './catalog/catalog-types.js';
export {
  meetsPassRule,
  passRuleSchema,
  publicPassRule,
  scorePercent,
} from './catalog/pass-rule.js';
export { findBadge } from './catalog/find-badge.js';
export { findSkill } from './catalog/find-skill.js';
export { correctAnswers, type CorrectAnswersOptions } from './catalog/correct-answers.js';
export { publicBadge, publicTask } from './catalog/public-badge.js';
export { defaultRenewalWindowDays, renewalRule } from './catalog/renewal-rule.js';
export { practiceDeck } from './catalog/practice-deck.js';
export { achievementUrl, badgeImageUrl, skillUrl } from './catalog/catalog-urls.js';
export { badgeAchievement } from './catalog/badge-achievement.js';
export { badgeAlignment } from './catalog/badge-alignment.js';
export {
  puzzleGenerators,
  puzzleGeneratorNames,
  type PuzzleGeneratorName,
} from './catalog/puzzles/puzzle-generators.js';
export type { PuzzleGenerator, PuzzleInstance } from './catalog/puzzles/puzzle-generator.js';
export { puzzleInstance } from './catalog/puzzles/puzzle-instance.js';
export { puzzleSeed } from './catalog/puzzles/puzzle-seed.js';
export { createSeededRandom, type SeededRandom } from './catalog/puzzles/seeded-random.js';
export { gradeAttempt, type GradeResult } from './domain/grade-attempt.js';
export { normalizeAnswer } from '@skillproof/core';
export { badgeStanding, type BadgeStanding } from './domain/badge-standing.js';
export { heldBadge, type HeldBadge, type EarnedBadge } from './domain/held-badge.js';
export { awardStanding, type AwardStanding, type AwardFacts } from './domain/award-standing.js';
export {
  renewalRefusal,
  renewalStanding,
  type RenewalStanding,
} from './domain/renewal-standing.js';
export { renewalTestBadge } from './domain/renewal-test.js';
export { credentialExpired } from './domain/credential-expired.js';
export {
  learnerProgress,
  type BadgeProgress,
  type LearnerProgress,
} from './domain/learner-progress.js';
export {
  buildBadgeCredential,
  type BadgeGrade,
  type BuildBadgeCredentialOptions,
} from './domain/build-badge-credential.js';
export {
  buildBadgeCredentialV2,
  type OpenBadgeCredentialV2,
} from './domain/build-badge-credential-v2.js';
export {
  signDataIntegrityCredential,
  type EddsaRdfc2022Proof,
  type SignDataIntegrityCredentialOptions,
} from './signing/sign-data-integrity-credential.js';
export {
  signVcJoseCredential,
  type SignVcJoseCredentialOptions,
} from './signing/sign-vc-jose-credential.js';
export type { SignBytes } from './signing/sign-bytes.js';
export {
  awardBadge,
  type AwardBadgeOptions,
  type AwardBadgeResult,
  type AwardBadgeContext,
} from './domain/award-badge.js';
export { completeCredential } from './domain/complete-credential.js';
export { completePendingCredentials } from './domain/complete-pending-credentials.js';
export { issueCredential, type IssueCredentialContext } from './domain/issue-credential.js';
export {
  statusListLength,
  statusPurposes,
  type StatusListStore,
  type StatusPurpose,
  type StatusAllocation,
  type StatusListRecord,
  type StatusChange,
  type CredentialStatusRecord,
  type CredentialStatusFilter,
} from './ports/status-list-store.js';
export { createStatusListStore } from './store/database-status-list-store.js';
export {
  createDatabaseTransparencyLog,
  type DatabaseTransparencyLog,
  type TransparencyLogAppender,
} from './store/database-transparency-log.js';
export type {
  BadgeDefinitionVersion,
  CheckpointRecord,
  LogEntryRecord,
  TransparencyLog,
} from './ports/transparency-log.js';
export {
  createCheckpointSigner,
  type CheckpointSigner,
  type CheckpointSignerOptions,
  type LogSigningKey,
} from './transparency/checkpoint-signer.js';
export type { IssuerTransparency } from './transparency/issuer-transparency.js';
export { logOrigin } from './transparency/log-origin.js';
export {
  createWitnessClient,
  type WitnessClient,
  type WitnessEndpoint,
} from './transparency/witness-client.js';
export { readLogWitnesses } from './config/read-log-witnesses.js';
export {
  transparencyReceipt,
  type TransparencyReceipt,
} from './transparency/transparency-receipt.js';
export {
  createStatusListPublisher,
  statusListTtlMs,
  statusListValidityMs,
  type StatusListPublisher,
  type StatusListPublisherDeps,
  type PublishedStatusList,
} from './status/status-list-publisher.js';
export {
  buildStatusListCredential,
  type BuildStatusListCredentialOptions,
} from './status/build-status-list-credential.js';
export {
  credentialStatusEntries,
  type BitstringStatusListEntry,
} from './status/credential-status-entries.js';
export { statusListUrl } from './status/status-list-url.js';
export {
  setCredentialStatus,
  type SetCredentialStatusContext,
} from './status/set-credential-status.js';
export { issuerProfile } from './domain/issuer-profile.js';
export type { IssuerContext } from './domain/issuer-context.js';
export {
  createAgentCredentialSigner,
  type IssuerIdentifier,
} from './signing/agent-credential-signer.js';
export { issuerBaseUrl } from './config/issuer-base-url.js';
export { challengeLifetimeMs, type AuthChallenge } from './domain/create-auth-challenge.js';
export { sessionLifetimeMs, type LearnerSession } from './domain/sign-in-with-presentation.js';
export { attemptLifetimeMs, type StartedAttempt } from './domain/start-attempt.js';
export type { SubmitAnswersResult } from './domain/submit-answers.js';
export {
  defaultIssuerRateLimits,
  type IssuerRateLimits,
  type IssuerRateLimiters,
  type RateLimitSetting,
} from './http/issuer-rate-limits.js';
export { challengeRequest, tokenRequest } from './http/routes/auth-routes.js';
export { attemptRequest, answersRequest } from './http/routes/attempt-routes.js';
export { derivePuzzleSecret } from './config/derive-puzzle-secret.js';
export { readIssuerConfig, type IssuerSettings } from './config/read-issuer-config.js';
export { loadKeySecret, type StoredKeySecret } from '@skillproof/server/agent';
export {
  createCredentialOffer,
  defaultOfferTtlSeconds,
  type CreateCredentialOfferOptions,
  type CredentialOfferResult,
} from './oid4vci/create-credential-offer.js';
export {
  offerAttemptCredential,
  type OfferAttemptCredentialOptions,
} from './oid4vci/offer-attempt-credential.js';
export { findCredentialOffer } from './oid4vci/find-credential-offer.js';
export {
  exchangePreAuthorizedCode,
  maxWrongTxCodes,
  accessTokenTtlSeconds,
  type TokenRequest,
} from './oid4vci/exchange-pre-authorized-code.js';
export { createCNonce, cNonceTtlSeconds } from './oid4vci/create-c-nonce.js';
export {
  issueOfferedCredential,
  type CredentialEndpointRequest,
} from './oid4vci/issue-offered-credential.js';
export { verifyKeyProof, type VerifiedKeyProof } from './oid4vci/verify-key-proof.js';
export {
  oid4vciIssuerMetadata,
  oid4vciPaths,
  type Oid4vciIssuerMetadata,
} from './oid4vci/credential-issuer-metadata.js';
export { credentialConfigurationId, offeredFormats } from './oid4vci/offered-formats.js';
export { offerRequest } from './http/routes/attempt-routes.js';
export type {
  CredentialOfferRecord,
  AccessTokenRecord,
  CNonceRecord,
  PreAuthorizedCodeOutcome,
  OfferedCredentialOutcome,
} from './ports/issuer-store.js';
