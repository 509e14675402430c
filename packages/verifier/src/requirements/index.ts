// `@skillproof/verifier/requirements`: the one evaluation of a posting's requirement clauses
// against verified credentials, for the job board and the wallet alike. Pure: it imports core's
// pure root and the verifier's standing, never express, SQLite, Veramo or Presentation Exchange.
export {
  evaluateRequirements,
  type EvaluateRequirementsOptions,
  type EvaluatedCredential,
  type RequirementsEvaluation,
} from './evaluate-requirements.js';
export { badgeFactsOf, type BadgeFacts } from './badge-facts.js';
export { labelledNames, shortDid, shortId, type LabelledNames } from './labelled-names.js';
