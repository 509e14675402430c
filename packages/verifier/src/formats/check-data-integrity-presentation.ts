import { didOf, isJsonObject } from '@skillproof/core';
import { checkAge, checkCredentialList, type CheckedPresentation } from '../presentation-checks.js';
import type { ResolvedPolicy } from '../verification-policy.js';
import type { CheckLog } from '../verification-result.js';
import { loadDataIntegrity, signerKeyResolver } from './data-integrity-signer-key.js';

function holderOf(document: Record<string, unknown>): unknown {
  const holder = document['holder'];
  return isJsonObject(holder) ? holder['id'] : holder;
}

/**
 * A presentation secured by a Data Integrity proof: an `authentication` proof whose `challenge`
 * and `domain` are the policy's, by a key of the holder (`holder`, or the proof's verification
 * method's DID when the presentation names none), made recently (`created`), carrying a bounded
 * list of distinct credentials.
 */
export async function checkDataIntegrityPresentation(
  document: Record<string, unknown>,
  policy: ResolvedPolicy,
  log: CheckLog,
): Promise<CheckedPresentation> {
  const types = document['type'];
  if (
    types !== 'VerifiablePresentation' &&
    !(Array.isArray(types) && types.includes('VerifiablePresentation'))
  ) {
    log.fail('payload', 'PAYLOAD_INVALID', 'type must include VerifiablePresentation');
    return {};
  }
  const proof = Array.isArray(document['proof']) ? document['proof'][0] : document['proof'];
  const method = isJsonObject(proof) ? proof['verificationMethod'] : undefined;
  const named = holderOf(document);
  const holder =
    typeof named === 'string' ? named : typeof method === 'string' ? didOf(method) : '';
  if (!holder.startsWith('did:')) {
    log.fail('payload', 'ISSUER_MISSING', 'the presentation holder is not a DID');
    return {};
  }
  const { checkDataIntegrityProof } = await loadDataIntegrity();
  const checked = await checkDataIntegrityProof(
    document,
    {
      expectedProofPurpose: 'authentication',
      ...(policy.challenge === undefined ? {} : { challenge: policy.challenge }),
      ...(policy.domain === undefined ? {} : { domain: policy.domain }),
      now: policy.now,
      clockSkewSeconds: policy.clockSkewSeconds,
      resolveKey: signerKeyResolver(holder, policy),
    },
    log,
  );
  if (!checked.ok) return {};
  log.pass('payload');
  const created = isJsonObject(proof) ? Date.parse(String(proof['created'])) : NaN;
  checkAge(
    Number.isNaN(created) ? {} : { iat: created / 1000 },
    policy.now().getTime() / 1000,
    policy,
    log,
  );
  const entries = checkCredentialList(document['verifiableCredential'], policy, log);
  return entries ? { holder, entries } : { holder };
}
