export { verifyCredential } from './verify-credential.js';
export { verifyPresentation } from './verify-presentation.js';
export { checkCodes, type CheckCode } from './check-codes.js';
export {
  resolvePolicy,
  type NonceStore,
  type TrustedIssuer,
  type VerificationPolicy,
  type ResolvedPolicy,
} from './verification-policy.js';
export type {
  VerificationCheck,
  VerifyCredentialResult,
  VerifyPresentationResult,
} from './verification-result.js';
