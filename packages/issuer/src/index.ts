export { createIssuerApp, type IssuerAppDeps, type IssuerConfig } from './http/create-app.js';
export {
  createIssuer,
  type CreateIssuerOptions,
  type CreateIssuerResult,
} from './create-issuer.js';
export {
  createIssuerStore,
  type IssuerStore,
  type AuthChallengeRecord,
  type SessionRecord,
  type AttemptRecord,
  type AttemptGrade,
  type IssuedCredentialRecord,
} from './store/issuer-store.js';
export { issuerMigrations } from './store/issuer-migrations.js';
export { defaultCatalog } from './catalog/default-catalog.js';
export {
  type Catalog,
  type Badge,
  type PassRule,
  type QuizTask,
  type QuizChoice,
  type PublicBadge,
  type PublicQuizTask,
} from './catalog/catalog-types.js';
export { findBadge } from './catalog/find-badge.js';
export { correctAnswers } from './catalog/correct-answers.js';
export { publicBadge, achievementUrl } from './catalog/public-badge.js';
export { badgeAchievement } from './catalog/badge-achievement.js';
export { gradeAttempt, type GradeResult } from './domain/grade-attempt.js';
export {
  buildBadgeCredential,
  defaultBadgeValidityYears,
  type BuildBadgeCredentialOptions,
} from './domain/build-badge-credential.js';
export { issuerProfile } from './domain/issuer-profile.js';
export type { IssuerIdentifier, IssuerLog } from './domain/issuer-context.js';
export { challengeLifetimeMs, type AuthChallenge } from './domain/create-auth-challenge.js';
export { sessionLifetimeMs, type LearnerSession } from './domain/sign-in-with-presentation.js';
export { attemptLifetimeMs, type StartedAttempt } from './domain/start-attempt.js';
export type { SubmitAnswersResult } from './domain/submit-answers.js';
export { readIssuerConfig, type IssuerSettings } from './config/read-issuer-config.js';
export { loadKeySecret, type StoredKeySecret } from './config/load-key-secret.js';
