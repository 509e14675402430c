import type { W3cCredential } from '@skillproof/core';
import {
  checkCredentialShape,
  checkCredentialValidity,
  checkIssuerTrust,
  issuerIdOf,
  validityPeriodOf,
} from '../check-credential-content.js';
import type { ResolvedPolicy } from '../verification-policy.js';
import type { CheckLog } from '../verification-result.js';
import type { CheckedCredential } from './checked-credential.js';
import { loadDataIntegrity, signerKeyResolver } from './data-integrity-signer-key.js';

/**
 * A credential secured by a Data Integrity proof (`ldp_vc`: `eddsa-rdfc-2022` or
 * `Ed25519Signature2020`, VCDM 1.1 or 2.0): an `assertionMethod` proof by a key of the issuer's
 * DID over the whole document, pinned contexts in safe mode, then its content, validity period
 * and the issuer's trust.
 */
export async function checkDataIntegrityCredential(
  document: Record<string, unknown>,
  policy: ResolvedPolicy,
  log: CheckLog,
): Promise<CheckedCredential> {
  const checked: CheckedCredential = { format: 'ldp_vc' };
  const issuer = issuerIdOf(document);
  if (issuer === undefined || !issuer.startsWith('did:')) {
    log.fail('proof', 'ISSUER_MISSING', 'the credential issuer is not a DID');
    return checked;
  }
  const { checkDataIntegrityProof } = await loadDataIntegrity();
  const proof = await checkDataIntegrityProof(
    document,
    {
      expectedProofPurpose: 'assertionMethod',
      now: policy.now,
      clockSkewSeconds: policy.clockSkewSeconds,
      resolveKey: signerKeyResolver(issuer, policy),
    },
    log,
  );
  if (!proof.ok) return checked;
  // Everything in the document but the proof is signed: the document is the credential.
  checked.credential = document as W3cCredential;
  checked.issuer = issuer;
  if (document['credentialStatus'] !== undefined)
    checked.credentialStatus = document['credentialStatus'];
  if (!checkCredentialShape(document, log)) return checked;
  const notAfter = checkCredentialValidity(validityPeriodOf(undefined, document), policy, log);
  if (notAfter !== undefined) checked.notAfterSeconds = notAfter;
  checkIssuerTrust(checked.credential, issuer, policy, log);
  return checked;
}
