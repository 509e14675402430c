import {
  canonizeRdfc,
  dataIntegrityHashData,
  pinnedDocumentLoader,
  type PinnedDocumentLoader,
} from '@skillproof/data-integrity';
import { encodeBase58btc, SkillproofError } from '@skillproof/core';
import type { SignBytes } from './sign-bytes.js';

/** Options of {@link signDataIntegrityCredential}. */
export interface SignDataIntegrityCredentialOptions {
  /** The key's verification method, `did:key:z6Mk…#z6Mk…`: an `assertionMethod` of the issuer. */
  verificationMethod: string;
  /** When the proof is made; written in whole seconds. */
  created: Date;
  signBytes: SignBytes;
  /** Default: the pinned contexts of `@skillproof/data-integrity`, as the verifier uses. */
  documentLoader?: PinnedDocumentLoader;
}

/** An `eddsa-rdfc-2022` Data Integrity proof (W3C vc-di-eddsa §3.3). */
export interface EddsaRdfc2022Proof {
  type: 'DataIntegrityProof';
  cryptosuite: 'eddsa-rdfc-2022';
  created: string;
  verificationMethod: string;
  proofPurpose: 'assertionMethod';
  /** `z` + base58btc of the 64-byte Ed25519 signature (multibase, vc-di-eddsa §3.3.6). */
  proofValue: string;
}

/** XML Schema `dateTimeStamp` in whole seconds, UTC (`2026-01-15T09:00:00Z`). */
function dateTimeStamp(date: Date): string {
  if (Number.isNaN(date.getTime())) throw new TypeError('created must be a valid Date');
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * Secures a credential with an `eddsa-rdfc-2022` Data Integrity proof (W3C vc-di-eddsa §3.3.1
 * Create Proof): the proof configuration carries the document's `@context` (§3.3.5), both are
 * canonicalized with RDFC-1.0 over the pinned contexts in JSON-LD safe mode, and the signature
 * covers SHA-256(proof config) ‖ SHA-256(document) (§3.3.4), the very bytes the verifier hashes.
 *
 * A credential that cannot be canonicalized (a term no context defines, a context we do not
 * pin) is refused before anything is signed: a verifier would refuse it, and safe mode exists
 * because a signature would otherwise not cover what the JSON says.
 *
 * @throws SkillproofError `VALIDATION_FAILED` when the credential already has a proof, or its
 * JSON-LD cannot be canonicalized (the message names the term or context).
 * @throws TypeError when `created` is not a valid date or `verificationMethod` is empty.
 * @example
 * ```ts
 * const signed = await signDataIntegrityCredential(credential, {
 *   verificationMethod: `${did}#${did.slice('did:key:'.length)}`,
 *   created: new Date(),
 *   signBytes: (data) => signBytesWithAgent(agent, identifier, data),
 * });
 * signed.proof.proofValue; // 'z…'
 * ```
 */
export async function signDataIntegrityCredential(
  credential: Record<string, unknown>,
  options: SignDataIntegrityCredentialOptions,
): Promise<Record<string, unknown> & { proof: EddsaRdfc2022Proof }> {
  if (options.verificationMethod === '') throw new TypeError('verificationMethod is empty');
  if ('proof' in credential) {
    throw new SkillproofError('VALIDATION_FAILED', 'the credential to sign already has a proof');
  }
  // Sign a copy, so that a later change to the caller's object cannot differ from what was signed.
  const unsecured = structuredClone(credential);
  const proof = {
    type: 'DataIntegrityProof',
    cryptosuite: 'eddsa-rdfc-2022',
    created: dateTimeStamp(options.created),
    verificationMethod: options.verificationMethod,
    proofPurpose: 'assertionMethod',
  } as const;
  // vc-di-eddsa §3.3.5 Proof Configuration: the proof options plus the document's @context.
  const proofConfig = { '@context': unsecured['@context'], ...proof };
  const hashed = await dataIntegrityHashData(
    unsecured,
    proofConfig,
    options.documentLoader ?? pinnedDocumentLoader(),
  );
  if (!hashed.ok) {
    throw new SkillproofError(
      'VALIDATION_FAILED',
      `cannot sign a credential a verifier would refuse (${hashed.code} in the ${hashed.part}): ${hashed.message}`,
      { code: hashed.code, part: hashed.part },
    );
  }
  const signature = await options.signBytes(hashed.hashData);
  return { ...unsecured, proof: { ...proof, proofValue: `z${encodeBase58btc(signature)}` } };
}

/**
 * Whether {@link signDataIntegrityCredential} would sign `credential`: it canonicalizes in safe
 * mode over the pinned contexts. Checked before anything is reserved for it.
 *
 * @throws SkillproofError `VALIDATION_FAILED` naming what a verifier would refuse.
 * @example
 * ```ts
 * await assertDataIntegritySignable(credential);
 * ```
 */
export async function assertDataIntegritySignable(
  credential: Record<string, unknown>,
  documentLoader: PinnedDocumentLoader = pinnedDocumentLoader(),
): Promise<void> {
  const canonical = await canonizeRdfc(credential, documentLoader);
  if (!canonical.ok) {
    throw new SkillproofError(
      'VALIDATION_FAILED',
      `credential: cannot be signed as ldp_vc, a verifier would refuse it (${canonical.code}): ${canonical.message}`,
    );
  }
}
