export { httpStatusByErrorCode, errorCodes, type ErrorCode } from './error-codes.js';
export { SkillproofError, isSkillproofError } from './skillproof-error.js';
export { encodeBase64url, decodeBase64url } from './base64url.js';
export { encodeBase58btc, decodeBase58btc } from './base58btc.js';
export { didOf, ed25519PublicKeyFromDidKey, didKeyFromEd25519PublicKey } from './did-key.js';
export { decodeJwt, encodeJwtSigningInput, type DecodedJwt, type JwtHeader } from './jwt.js';
export {
  ed25519KeyObject,
  publicKeyObjectForDidKey,
  verifyEd25519,
  signEd25519Jwt,
} from './ed25519.js';
export {
  vcContextV1,
  vcContextV2,
  openBadgesContextV3,
  issuedFormats,
  type IssuedFormat,
  type IssuerField,
  type W3cCredential,
  type JwtVerifiableCredential,
  type Achievement,
  type AchievementResult,
  type AchievementSubject,
  type IssuerProfile,
} from './credential-types.js';
export {
  credentialFromJwtPayload,
  jwtPayloadFromCredential,
  canonicalJson,
} from './credential-codec.js';
export {
  verifyDidJws,
  type JwsFailureCode,
  type VerifyDidJwsOptions,
  type VerifyDidJwsResult,
} from './verify-did-jws.js';
export { isJsonObject } from './is-json-object.js';
export {
  decodeStatusList,
  encodeStatusList,
  setStatusBit,
  statusBitAt,
} from './status-list-bits.js';
export { readBoundedText, type ReadBoundedTextOptions } from './read-bounded-text.js';
export {
  readConfig,
  type ConfigReader,
  type Environment,
  type ReadConfigOptions,
} from './config/read-config.js';
export {
  createSealer,
  defaultScryptLogN,
  deriveSealingKey,
  newScryptParams,
  openSealedJson,
  sealJson,
  type ScryptParams,
  type SealedBox,
  type Sealer,
} from './sealer/sealer.js';
// Wire contracts: declared once, imported by the services and the wallet alike.
export type * from './contracts/index.js';
export { hashToken } from './hash-token.js';
export { normalizeAnswer } from './normalize-answer.js';
