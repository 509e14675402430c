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
export {
  readBoundedBytes,
  readBoundedText,
  type ReadBoundedTextOptions,
} from './read-bounded-text.js';
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
// The transparency log (issue 17): RFC 9162 Merkle trees and proofs, C2SP signed notes,
// checkpoints and tiles, the entry encoding.
export { encodeBase64, decodeBase64 } from './tlog/base64-standard.js';
export {
  hashLeaf,
  hashChildren,
  emptyTreeHash,
  equalHashes,
  merkleHashLength,
} from './tlog/merkle-hash.js';
export {
  treeHash,
  subtreeHash,
  completedNodes,
  largestPowerOfTwoBelow,
  type ReadNodeHash,
} from './tlog/merkle-tree.js';
export {
  inclusionProof,
  verifyInclusionProof,
  type InclusionProofCheck,
} from './tlog/inclusion-proof.js';
export {
  consistencyProof,
  verifyConsistencyProof,
  type ConsistencyProofCheck,
} from './tlog/consistency-proof.js';
export {
  noteKeyId,
  formatVerifierKey,
  parseVerifierKey,
  noteSignatureLine,
  formatSignedNote,
  parseSignedNote,
  verifySignedNote,
  type NoteVerifierKey,
  type NoteSignature,
  type SignedNote,
  type VerifySignedNoteResult,
} from './tlog/signed-note.js';
export {
  formatCheckpoint,
  parseCheckpoint,
  verifyCheckpoint,
  type Checkpoint,
  type VerifyCheckpointResult,
} from './tlog/checkpoint.js';
export {
  cosignerKeyId,
  formatCosignerKey,
  parseCosignerKey,
  cosignatureMessage,
  cosignatureLine,
  verifyCosignatures,
  type VerifiedCosignature,
  type VerifyCosignaturesResult,
} from './tlog/cosignature.js';
export {
  formatAddCheckpointRequest,
  parseAddCheckpointRequest,
  decideAddCheckpoint,
  maxAddCheckpointBodyLength,
  type AddCheckpointRequest,
  type AddCheckpointDecision,
  type WitnessedCheckpoint,
} from './tlog/witness-protocol.js';
export {
  tilePath,
  parseTilePath,
  encodeEntryBundle,
  decodeEntryBundle,
  tileWidth,
  tileHeight,
  type TileAddress,
} from './tlog/tile-path.js';
export {
  encodeLogEntry,
  decodeLogEntry,
  hashIssuedCredential,
  logEntryVersion,
  type TransparencyLogEntry,
  type IssuanceLogEntry,
  type StatusLogEntry,
  type BadgeDefinitionLogEntry,
} from './tlog/log-entry.js';
