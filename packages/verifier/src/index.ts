export { verifyCredential } from './verify-credential.js';
export { verifyPresentation } from './verify-presentation.js';
export { checkCodes, type CheckCode } from './check-codes.js';
export {
  type NonceStore,
  type TrustedIssuer,
  type VerificationPolicy,
  type ResolvedPolicy,
} from './verification-policy.js';
export { resolvePolicy } from './resolve-policy.js';
export type {
  VerificationCheck,
  VerifyCredentialResult,
  VerifyPresentationResult,
} from './verification-result.js';
export {
  createStatusListResolver,
  type LoadedStatusList,
  type StatusListLoad,
  type StatusListResolver,
  type StatusListResolverOptions,
} from './status/status-list-resolver.js';
export {
  createHttpStatusListFetcher,
  type HttpStatusListFetcherOptions,
  type StatusListFetcher,
} from './status/http-status-list-fetcher.js';
export {
  credentialStanding,
  type CredentialStanding,
  type Standing,
} from './credential-standing.js';
export { isPresentation, presentedCredentialsOf, readUnverifiedJwt } from './is-presentation.js';
export { credentialSubjectsOf } from './credential-subjects.js';
export type { CredentialFormat } from './formats/checked-credential.js';
export type {
  KeyResolution,
  ResolvedVerificationKey,
  VerificationKeyResolver,
  VerificationRelationship,
} from './verification-key.js';
export {
  createDidResolver,
  type DidDocumentResolution,
  type DidResolver,
  type DidResolverOptions,
} from './did/create-did-resolver.js';
export type { DidDocument, VerificationMethod } from './did/did-document.js';
export { didWebUrl, type DidWebLocation } from './did/did-web-url.js';
export type { HostLookup } from './did/fetch-did-document.js';
export {
  createTransparencyLogResolver,
  readFetchedLogReceipt,
  type FetchedLogReceipt,
  type LogReceiptLoad,
  type ProvenLogEntry,
  type TransparencyLogResolver,
  type TransparencyLogResolverOptions,
} from './transparency/transparency-log-resolver.js';
export {
  verifyLoggedEntry,
  type LoggedEntryProof,
  type LoggedEntryVerification,
} from './transparency/verify-logged-entry.js';
export {
  logOrigin,
  logVerifierKeys,
  type LogVerifierKeys,
} from './transparency/log-verifier-keys.js';
