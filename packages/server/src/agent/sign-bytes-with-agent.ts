import type { IIdentifier } from '@veramo/core';
import { decodeBase64url, SkillproofError } from '@skillproof/core';
import type { SkillproofAgent } from './create-agent.js';
import { identifierSigningKey } from './identifier-signing-key.js';

/** An Ed25519 signature is 64 bytes (RFC 8032 §5.1.6). */
const ed25519SignatureLength = 64;

/**
 * A raw Ed25519 signature (64 bytes) over `data` by `identifier`'s key, made by the agent's KMS.
 * For signatures over binary data (a Data Integrity proof's hash, a JWS signing input as bytes).
 *
 * The data goes to `keyManagerSign` as hex (`encoding: 'base16'`): its default `'utf-8'` would
 * re-encode bytes ≥ 0x80 and sign something else. Veramo's local KMS answers an EdDSA signature
 * as base64url (did-jwt's `EdDSASigner`), decoded here to bytes.
 *
 * @throws SkillproofError `CONFIGURATION_INVALID` when the identifier has no Ed25519 key or the
 * KMS answers something that is not an Ed25519 signature.
 * @example
 * ```ts
 * const signature = await signBytesWithAgent(agent, identifier, hashData);
 * const proofValue = `z${encodeBase58btc(signature)}`;
 * ```
 */
export async function signBytesWithAgent(
  agent: SkillproofAgent,
  identifier: IIdentifier,
  data: Uint8Array,
): Promise<Uint8Array> {
  const { keyRef } = identifierSigningKey(identifier);
  const answer = await agent.keyManagerSign({
    keyRef,
    algorithm: 'EdDSA',
    data: Buffer.from(data).toString('hex'),
    encoding: 'base16',
  });
  const signature = decodeBase64url(answer);
  if (signature?.length !== ed25519SignatureLength) {
    throw new SkillproofError(
      'CONFIGURATION_INVALID',
      `the key manager did not answer a ${ed25519SignatureLength}-byte Ed25519 signature`,
    );
  }
  return signature;
}
