import { verify, type KeyObject } from 'node:crypto';
import { decodeBase58btc, isJsonObject } from '@skillproof/core';
import type { CheckCode } from '../check-codes.js';
import type { CheckLog } from '../verification-result.js';
import {
  checkJsonLdContexts,
  dataIntegrityHashData,
  pinnedDocumentLoader,
  type PinnedDocumentLoader,
} from '@skillproof/data-integrity';

/** The proof purposes a verifier asks for (VC Data Integrity §3 "Proof Purposes"). */
export type ProofPurpose = 'assertionMethod' | 'authentication';

/** What `resolveKey` answers: the verification method's Ed25519 key and its controller. */
export type ResolvedProofKey =
  | { ok: true; publicKey: KeyObject; controller: string }
  | { ok: false; code: CheckCode; message: string };

/** Options of {@link checkDataIntegrityProof}. */
export interface CheckDataIntegrityProofOptions {
  /** `assertionMethod` for credentials, `authentication` for presentations. */
  expectedProofPurpose: ProofPurpose;
  /** The nonce the verifier issued; a presentation proof must carry it as `challenge`. */
  challenge?: string;
  /** The verifier's own domain; a presentation proof's `domain` must be or contain it. */
  domain?: string;
  now: () => Date;
  /** Tolerance, in seconds, for `created` in the future and `expires` in the past. */
  clockSkewSeconds: number;
  /**
   * Resolves the proof's `verificationMethod` to an Ed25519 key, checking that the method is
   * authorized for the purpose (for a credential: that it is one of the issuer's).
   */
  resolveKey: (verificationMethod: string, proofPurpose: ProofPurpose) => Promise<ResolvedProofKey>;
  /** Serves JSON-LD contexts; defaults to the pinned contexts of `contexts/`. */
  documentLoader?: PinnedDocumentLoader;
}

/** The outcome of {@link checkDataIntegrityProof}; the details are in the `CheckLog`. */
export interface CheckDataIntegrityProofResult {
  ok: boolean;
  /** The proof's verification method, once the proof was well formed. */
  verificationMethod?: string;
  /** The verification method's controller, once the key resolved. */
  controller?: string;
}

// XML Schema 1.1 Part 2 dateTimeStamp, which VC Data Integrity §2.1 requires for created and
// expires: a date and time with a time zone.
const dateTimeStamp = /^-?\d{4,}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

function secondsOfDateTimeStamp(value: unknown): number | undefined {
  if (typeof value !== 'string' || !dateTimeStamp.test(value)) return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms / 1000;
}

/** A multibase base58btc (`z`) Ed25519 signature, or `undefined` when it is not one. */
function decodeProofValue(proofValue: unknown): Buffer | undefined {
  // 64 bytes are 86 to 88 base58 characters; a bound before the quadratic decoder.
  if (typeof proofValue !== 'string' || !proofValue.startsWith('z') || proofValue.length > 100) {
    return undefined;
  }
  const bytes = decodeBase58btc(proofValue.slice(1));
  return bytes?.length === 64 ? Buffer.from(bytes) : undefined;
}

function isPrefixOf(prefix: unknown, context: unknown): boolean {
  const prefixes = Array.isArray(prefix) ? prefix : [prefix];
  const contexts = Array.isArray(context) ? context : [context];
  return (
    prefixes.length <= contexts.length &&
    prefixes.every((entry, index) => typeof entry === 'string' && entry === contexts[index])
  );
}

function checkSuite(proof: Record<string, unknown>, log: CheckLog): boolean {
  if (proof['type'] === 'DataIntegrityProof') {
    if (proof['cryptosuite'] === 'eddsa-rdfc-2022') return true;
    const suite = proof['cryptosuite'];
    return log.fail(
      'proof',
      'CRYPTOSUITE_UNSUPPORTED',
      typeof suite === 'string'
        ? `the cryptosuite ${JSON.stringify(suite.slice(0, 100))} is not supported (only eddsa-rdfc-2022)`
        : 'a DataIntegrityProof must name its cryptosuite (only eddsa-rdfc-2022 is supported)',
    );
  }
  if (proof['type'] === 'Ed25519Signature2020') return true;
  return log.fail(
    'proof',
    'CRYPTOSUITE_UNSUPPORTED',
    typeof proof['type'] === 'string'
      ? `the proof type ${JSON.stringify(proof['type'].slice(0, 100))} is not supported`
      : 'the proof has no type',
  );
}

function checkAuthentication(
  proof: Record<string, unknown>,
  options: CheckDataIntegrityProofOptions,
  log: CheckLog,
): boolean {
  // VC Data Integrity §2.1: challenge and domain bind an authentication proof to one exchange.
  if (options.challenge !== undefined) {
    if (proof['challenge'] === undefined) {
      return log.fail('proof.challenge', 'NONCE_MISSING', 'the proof has no challenge');
    }
    if (proof['challenge'] !== options.challenge) {
      return log.fail('proof.challenge', 'NONCE_MISMATCH', 'the proof is for another challenge');
    }
    log.pass('proof.challenge');
  } else {
    log.warn('the presentation proof was not bound to a challenge: none was expected');
  }
  if (options.domain !== undefined) {
    const domain = proof['domain'];
    const domains = Array.isArray(domain) ? domain : [domain];
    if (!domains.includes(options.domain)) {
      return log.fail(
        'proof.domain',
        'AUDIENCE_MISMATCH',
        domain === undefined ? 'the proof has no domain' : 'the proof is for another domain',
      );
    }
    log.pass('proof.domain');
  }
  return true;
}

function checkProofDates(
  proof: Record<string, unknown>,
  options: CheckDataIntegrityProofOptions,
  log: CheckLog,
): boolean {
  const nowSeconds = options.now().getTime() / 1000;
  if (proof['created'] !== undefined) {
    const created = secondsOfDateTimeStamp(proof['created']);
    if (created === undefined) {
      return log.fail('proof.created', 'PROOF_INVALID', 'the proof created is not a dateTimeStamp');
    }
    if (created > nowSeconds + options.clockSkewSeconds) {
      return log.fail(
        'proof.created',
        'NOT_YET_VALID',
        `the proof was created in the future (${String(proof['created'])})`,
      );
    }
  }
  if (proof['expires'] !== undefined) {
    const expires = secondsOfDateTimeStamp(proof['expires']);
    if (expires === undefined) {
      return log.fail('proof.expires', 'PROOF_INVALID', 'the proof expires is not a dateTimeStamp');
    }
    if (nowSeconds - options.clockSkewSeconds >= expires) {
      return log.fail(
        'proof.expires',
        'EXPIRED',
        `the proof expired at ${String(proof['expires'])}`,
      );
    }
  }
  return log.pass('proof.dates');
}

/**
 * Verifies the Data Integrity proof of a credential or presentation: `DataIntegrityProof` with
 * the `eddsa-rdfc-2022` cryptosuite (W3C vc-di-eddsa §3.3) or the legacy `Ed25519Signature2020`
 * (vc-di-eddsa §3.4 hashing, identical). Contexts come only from pinned copies, expansion runs in
 * JSON-LD safe mode, and the hash is SHA-256(RDFC-1.0(proof config)) || SHA-256(RDFC-1.0(document
 * without proof)), checked with Node's Ed25519. Never throws for a bad document: every step is
 * recorded in `log` with a stable code. The caller decides whether `controller` may sign for the
 * document (the issuer of a credential, the holder of a presentation).
 *
 * @example
 * ```ts
 * const log = new CheckLog();
 * const { ok, controller } = await checkDataIntegrityProof(credential, {
 *   expectedProofPurpose: 'assertionMethod',
 *   now: () => new Date(),
 *   clockSkewSeconds: 60,
 *   resolveKey: async (verificationMethod) => {
 *     const did = didOf(verificationMethod);
 *     return { ok: true, publicKey: publicKeyObjectForDidKey(did), controller: did };
 *   },
 * }, log);
 * ```
 */
export async function checkDataIntegrityProof(
  document: unknown,
  options: CheckDataIntegrityProofOptions,
  log: CheckLog,
): Promise<CheckDataIntegrityProofResult> {
  if (!isJsonObject(document)) {
    log.fail('proof', 'FORMAT_INVALID', 'the document is not a JSON object');
    return { ok: false };
  }
  // VC Data Integrity §2.1.1 and §2.1.2: a proof set (an array of independent proofs) or a proof
  // chain (proofs naming a previousProof). Every proof must verify: a proof nobody can check is
  // not ignored, it is refused.
  const proofs = Array.isArray(document['proof']) ? document['proof'] : [document['proof']];
  if (
    proofs.length === 0 ||
    proofs.length > maxProofs ||
    !proofs.every((proof) => isJsonObject(proof))
  ) {
    log.fail(
      'proof',
      'PROOF_INVALID',
      `the document must carry one proof object, or a set of at most ${maxProofs}`,
    );
    return { ok: false };
  }
  let result: CheckDataIntegrityProofResult = { ok: false };
  for (const proof of proofs as Array<Record<string, unknown>>) {
    const previous = previousProofsOf(proof, proofs as Array<Record<string, unknown>>);
    if (previous === undefined) {
      log.fail('proof', 'PROOF_INVALID', 'a previousProof names no proof of this document');
      return { ok: false };
    }
    result = await checkOneProof(document, proof, previous, options, log);
    if (!result.ok) return result;
  }
  return result;
}

const maxProofs = 4;

/**
 * The proofs a proof's `previousProof` names (VC Data Integrity §2.1.2), which its signature
 * covers; an empty list for a proof without one, undefined when a named proof is missing.
 */
function previousProofsOf(
  proof: Record<string, unknown>,
  proofs: Array<Record<string, unknown>>,
): Array<Record<string, unknown>> | undefined {
  const named = proof['previousProof'];
  if (named === undefined) return [];
  const ids = Array.isArray(named) ? named : [named];
  const found = ids.map((id) =>
    typeof id === 'string'
      ? proofs.find((entry) => entry !== proof && entry['id'] === id)
      : undefined,
  );
  return found.every((entry) => entry !== undefined)
    ? (found as Array<Record<string, unknown>>)
    : undefined;
}

/** One proof of the document, over the document with the proofs it chains to. */
async function checkOneProof(
  document: Record<string, unknown>,
  proof: Record<string, unknown>,
  previousProofs: Array<Record<string, unknown>>,
  options: CheckDataIntegrityProofOptions,
  log: CheckLog,
): Promise<CheckDataIntegrityProofResult> {
  if (!checkSuite(proof, log)) return { ok: false };
  const verificationMethod = proof['verificationMethod'];
  if (typeof verificationMethod !== 'string' || verificationMethod.length === 0) {
    log.fail('proof', 'PROOF_INVALID', 'the proof verificationMethod must be a URL string');
    return { ok: false };
  }
  const signature = decodeProofValue(proof['proofValue']);
  if (signature === undefined) {
    log.fail(
      'proof',
      'PROOF_INVALID',
      'the proofValue must be a multibase base58btc (z) Ed25519 signature of 64 bytes',
    );
    return { ok: false, verificationMethod };
  }
  log.pass('proof');

  const documentLoader = options.documentLoader ?? pinnedDocumentLoader();
  const contextProblem = checkJsonLdContexts(document, documentLoader.urls);
  if (contextProblem) {
    log.fail('context', contextProblem.code, contextProblem.message);
    return { ok: false, verificationMethod };
  }
  // vc-di-eddsa §3.3.2 step 4: a proof's own @context must open the document's.
  if (proof['@context'] !== undefined && !isPrefixOf(proof['@context'], document['@context'])) {
    log.fail('context', 'CONTEXT_INVALID', "the proof's @context does not begin the document's");
    return { ok: false, verificationMethod };
  }
  log.pass('context');

  if (proof['proofPurpose'] !== options.expectedProofPurpose) {
    log.fail(
      'proof.purpose',
      'PROOF_PURPOSE_MISMATCH',
      `the proof purpose must be ${options.expectedProofPurpose}`,
    );
    return { ok: false, verificationMethod };
  }
  log.pass('proof.purpose');
  if (
    options.expectedProofPurpose === 'authentication' &&
    !checkAuthentication(proof, options, log)
  ) {
    return { ok: false, verificationMethod };
  }
  if (!checkProofDates(proof, options, log)) return { ok: false, verificationMethod };

  // vc-di-eddsa §3.3.2 and §3.3.5: the unsecured document and the proof configuration (the proof
  // without proofValue), both under the document's (or the proof's) @context.
  const { proof: _proof, ...unsecured } = document;
  // VC Data Integrity §4.3 (add proof, chains): a chained proof signs the document holding the
  // proofs it names.
  if (previousProofs.length > 0) {
    unsecured['proof'] = previousProofs.length === 1 ? previousProofs[0] : previousProofs;
  }
  const { proofValue: _proofValue, ...proofConfig } = proof;
  const context = proof['@context'] ?? document['@context'];
  unsecured['@context'] = context;
  proofConfig['@context'] = context;
  // vc-di-eddsa §3.3.4 hashing: SHA-256 of the proof configuration, then of the document.
  const hashed = await dataIntegrityHashData(unsecured, proofConfig, documentLoader);
  if (!hashed.ok) {
    const message = hashed.part === 'proof' ? `proof: ${hashed.message}` : hashed.message;
    log.fail('canonicalization', hashed.code, message);
    return { ok: false, verificationMethod };
  }
  log.pass('canonicalization');

  let key: ResolvedProofKey;
  try {
    key = await options.resolveKey(verificationMethod, options.expectedProofPurpose);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    log.fail('key', 'DID_UNSUPPORTED', `the verification method did not resolve: ${message}`);
    return { ok: false, verificationMethod };
  }
  if (!key.ok) {
    log.fail('key', key.code, key.message);
    return { ok: false, verificationMethod };
  }
  if (key.publicKey.asymmetricKeyType !== 'ed25519' || key.publicKey.type !== 'public') {
    log.fail('key', 'SIGNATURE_INVALID', 'the verification method is not an Ed25519 public key');
    return { ok: false, verificationMethod, controller: key.controller };
  }
  log.pass('key');

  let verified = false;
  try {
    verified = verify(null, hashed.hashData, key.publicKey, signature);
  } catch {
    verified = false;
  }
  if (!verified) {
    log.fail('signature', 'SIGNATURE_INVALID', 'the proof signature does not verify');
    return { ok: false, verificationMethod, controller: key.controller };
  }
  log.pass('signature');
  return { ok: true, verificationMethod, controller: key.controller };
}
