export type { ErrorBody } from './error-body.js';
export type {
  DcqlClaimsQuery,
  DcqlCredentialQuery,
  DcqlCredentialSetQuery,
  DcqlQuery,
  DcqlTrustedAuthoritiesQuery,
  DcqlW3cFormat,
} from './dcql-query.js';
export type {
  InputDescriptor,
  PresentationDefinition,
  PresentationDefinitionField,
  PresentationSubmission,
  SubmissionRequirement,
} from './presentation-exchange.js';
export type {
  BadgeAlignment,
  BadgeRenewalRule,
  PassRule,
  PublicBadge,
  PublicCatalog,
  PublicTask,
  QuizChoice,
} from './catalog.js';
export type { PracticeDeck, PracticeItem } from './practice.js';
export type {
  AnyOfClause,
  ApplicationCheck,
  ApplicationDecision,
  BadgeClause,
  CurrencyRule,
  OutcomeCredential,
  PostingRequirement,
  RequirementClause,
  RequirementLabels,
  RequirementOutcome,
  RequirementOutcomeCode,
  SkillClause,
} from './requirements.js';
export type { Posting, PresentationRequest } from './postings.js';
export type { BadgeProgress, LearnerProgress } from './progress.js';
