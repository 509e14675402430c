import type { IIdentifier } from '@veramo/core';
import {
  canonicalJson,
  credentialFromJwtPayload,
  jwtPayloadFromCredential,
} from '@skillproof/core';
import type { JwtVerifiableCredential, W3cCredential } from '@skillproof/core';
import { encodeJwtSigningInput } from '@skillproof/core';
import { SkillproofError } from '@skillproof/core';
import type { SkillproofAgent } from './create-agent.js';
import { identifierSigningKey } from './identifier-signing-key.js';

/**
 * Signs any JWT payload as `identifier` (EdDSA, `kid` = the verification method of its newest key),
 * with the private key held by the agent's KMS.
 */
export async function signJwtWithAgent(
  agent: SkillproofAgent,
  identifier: IIdentifier,
  payload: Record<string, unknown>,
): Promise<string> {
  const { kid, keyRef } = identifierSigningKey(identifier);
  const signingInput = encodeJwtSigningInput({ alg: 'EdDSA', typ: 'JWT', kid }, payload);
  const signature = await agent.keyManagerSign({
    keyRef,
    algorithm: 'EdDSA',
    data: signingInput,
    encoding: 'utf-8',
  });
  return `${signingInput}.${signature}`;
}

/**
 * Signs a W3C credential as a JWT (VCDM 1.1 JWT encoding) and returns it in Veramo's normalized
 * form (`proof: {type: 'JwtProof2020', jwt}`), whose JSON is exactly what the JWT says.
 *
 * Unlike Veramo's `createVerifiableCredential`, a subject holding only an `id` is accepted, as
 * VC-API clients send it.
 *
 * @throws SkillproofError `VALIDATION_FAILED` when the issuer is not `identifier`, or a date is not a date.
 */
export async function signCredentialJwt(
  agent: SkillproofAgent,
  identifier: IIdentifier,
  credential: W3cCredential,
): Promise<JwtVerifiableCredential> {
  const issuerId = typeof credential.issuer === 'string' ? credential.issuer : credential.issuer.id;
  if (issuerId !== identifier.did) {
    throw new SkillproofError(
      'VALIDATION_FAILED',
      `issuer must be this issuer's DID ${identifier.did}`,
    );
  }
  const payload = jwtPayloadFromCredential(credential);
  const jwt = await signJwtWithAgent(agent, identifier, payload);
  // Build the JSON from the signed payload, never from the input, so the two can't differ.
  const signed = JSON.parse(canonicalJson(credentialFromJwtPayload(payload))) as W3cCredential;
  return { ...signed, proof: { type: 'JwtProof2020', jwt } };
}
