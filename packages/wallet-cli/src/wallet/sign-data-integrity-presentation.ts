import { dataIntegrityHashData, pinnedDocumentLoader } from '@skillproof/data-integrity';
import { encodeBase58btc, SkillproofError, vcContextV2 } from '@skillproof/core';
import type { LearnerKey } from './learner-key.js';

/** What {@link signDataIntegrityPresentation} signs. */
export interface SignDataIntegrityPresentationOptions {
  /** The `ldp_vc` credentials (JSON documents, their issuers' proofs included) to carry. */
  credentials: Array<Record<string, unknown>>;
  /** The verifier's `nonce`: the proof's `challenge`. */
  challenge: string;
  /** The verifier's client id: the proof's `domain`. */
  domain: string;
  now: Date;
}

/**
 * A VCDM 2.0 presentation secured by an `eddsa-rdfc-2022` Data Integrity proof of the learner
 * (W3C vc-di-eddsa §3.3.1 Create Proof, `proofPurpose: authentication`), bound to the verifier
 * by `challenge` and `domain` and dated by `created` (whole seconds). The proof configuration
 * carries the presentation's `@context` (§3.3.5); both are canonicalized with RDFC-1.0 over the
 * pinned contexts of `@skillproof/data-integrity` in safe mode, the very hash the verifier makes.
 * This module loads the JSON-LD code: import it only when an `ldp_vc` is presented.
 *
 * @throws SkillproofError `VALIDATION_FAILED` when the presentation cannot be canonicalized (a
 * credential with a term no pinned context defines): a verifier would refuse it.
 * @example
 * ```ts
 * const { signDataIntegrityPresentation } = await import('./sign-data-integrity-presentation.js');
 * const vp = await signDataIntegrityPresentation(key, { credentials: [badge], challenge, domain, now });
 * ```
 */
export async function signDataIntegrityPresentation(
  key: LearnerKey,
  options: SignDataIntegrityPresentationOptions,
): Promise<Record<string, unknown>> {
  const unsecured = {
    '@context': [vcContextV2],
    type: ['VerifiablePresentation'],
    holder: key.did,
    verifiableCredential: structuredClone(options.credentials),
  };
  const proof = {
    type: 'DataIntegrityProof',
    cryptosuite: 'eddsa-rdfc-2022',
    created: options.now.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    verificationMethod: key.kid,
    proofPurpose: 'authentication',
    challenge: options.challenge,
    domain: options.domain,
  };
  const hashed = await dataIntegrityHashData(
    unsecured,
    { '@context': unsecured['@context'], ...proof },
    pinnedDocumentLoader(),
  );
  if (!hashed.ok) {
    throw new SkillproofError(
      'VALIDATION_FAILED',
      `cannot sign a presentation a verifier would refuse (${hashed.code} in the ${hashed.part}): ${hashed.message}; nothing was sent`,
    );
  }
  return {
    ...unsecured,
    proof: { ...proof, proofValue: `z${encodeBase58btc(key.sign(hashed.hashData))}` },
  };
}
