import { isJsonObject, SkillproofError } from '@skillproof/core';
import type { CredentialFormat, VerifyCredentialResult } from '@skillproof/verifier';
import { printable, withProgress } from '../terminal/output.js';
import { readTransparencyReceipt } from '../transparency/transparency-receipt.js';
import type { HeldCredentialForm } from '../wallet/credential-summary.js';
import type { WalletStore } from '../wallet/wallet-store.js';
import type { CommandContext } from './command-context.js';

/** A credential the wallet verified and stored (`receive`, `attempt`). */
export interface ReceivedCredential {
  /** Its id in the wallet (`skillproof show <id>`). */
  id: string;
  name: string | null;
  format: CredentialFormat;
  issuerDid: string;
  validFrom: string | null;
  validUntil: string | null;
}

/** Where credentials came from, and whom they must be for. */
export interface StoreVerifiedCredentialsOptions {
  /** The learner's DID: every credential must be issued to it. */
  did: string;
  /**
   * The issuer service they came from: its status lists are fetched from its host only, and it
   * is registered (in the same write) when the wallet does not know it yet.
   */
  issuer: { url: string; name: string };
  /** The one issuer DID accepted (the DID its catalogue names); any issuer when absent. */
  issuerDid?: string;
  /**
   * Whether to register `issuer` as an issuer service (catalogue, `tasks`). Default true; false
   * for a service that signs credentials but has no catalogue (a job board's task credential).
   */
  registerIssuer?: boolean;
  /**
   * What the issuer sent as the transparency-log receipt of the credentials (the same for all:
   * issuers send one credential with one receipt); kept with them when it is a receipt.
   */
  transparencyReceipt?: unknown;
}

/** Why a credential is refused, or undefined when it verified and is the learner's. */
function refusal(
  verification: VerifyCredentialResult,
  subjectIds: unknown[],
  did: string,
): string | undefined {
  if (!verification.verified) {
    const failed = verification.errors[0];
    return `it did not verify (${failed?.code ?? 'FAILED'}: ${printable(failed?.message ?? 'invalid')})`;
  }
  if (subjectIds.length === 0 || subjectIds.some((id) => id !== did)) {
    return `it is issued to ${printable(subjectIds.map(String).join(', ') || 'no one')}, not to your DID ${did}`;
  }
  return undefined;
}

/**
 * Verifies credentials an issuer sent, in any format the wallet holds (`jwt_vc_json`, `vc+jwt`
 * as a compact JWS or an `EnvelopedVerifiableCredential`, `ldp_vc`), with the verifier
 * (signature, dates, the issuer when `issuerDid` is given, status lists on the issuer's host
 * only), checks that each is issued to the learner's DID, and only then stores them, each in
 * the form its format is held in (the compact JWS, or the Data Integrity document), registering
 * their issuer. All or nothing: when one is refused, none is stored. A credential held already
 * is not stored twice; its entry is returned.
 *
 * @throws SkillproofError `CREDENTIAL_REJECTED` when a credential does not verify, can't be
 * read or is not the learner's (nothing is stored then).
 * @example
 * ```ts
 * const [badge] = await storeVerifiedCredentials(context, store, [response.verifiableCredential], {
 *   did: key.did,
 *   issuer: { url, name: catalog.issuer.name },
 *   issuerDid: catalog.issuer.id,
 * });
 * badge.format; // 'ldp_vc'
 * ```
 */
export async function storeVerifiedCredentials(
  context: CommandContext,
  store: WalletStore,
  credentials: readonly unknown[],
  options: StoreVerifiedCredentialsOptions,
): Promise<ReceivedCredential[]> {
  const { verifyCredential, credentialSubjectsOf } = await import('@skillproof/verifier');
  const { url, name } = options.issuer;
  const checked = await withProgress(
    context.output,
    credentials.length === 1 ? 'verifying the credential' : 'verifying the credentials',
    () =>
      Promise.all(
        credentials.map(async (credential) => ({
          credential,
          verification: await verifyCredential(credential, {
            now: context.now,
            ...(options.issuerDid === undefined
              ? {}
              : { trustedIssuers: [{ did: options.issuerDid }] }),
            // A status list is fetched from the issuer's own host, nowhere else.
            statusListHosts: [new URL(url).host],
          }),
        })),
      ),
  );
  const accepted = checked.map(({ credential, verification }) => {
    const subjects = verification.credential
      ? credentialSubjectsOf(verification.credential).map((subject) => subject.id)
      : [];
    // What is kept: the compact JWS of a JWT credential (out of its envelope or Veramo's JSON),
    // the document of a Data Integrity one.
    const held: HeldCredentialForm | undefined =
      verification.format === 'ldp_vc' && isJsonObject(credential) ? credential : verification.jwt;
    const why = refusal(verification, subjects, options.did);
    if (
      why !== undefined ||
      held === undefined ||
      !verification.format ||
      !verification.credential
    ) {
      throw new SkillproofError(
        'CREDENTIAL_REJECTED',
        `the credential from ${printable(url)} was refused: ${why ?? 'it could not be read'}; nothing was stored`,
      );
    }
    const issuer = verification.credential.issuer;
    return {
      held,
      format: verification.format,
      issuerDid: typeof issuer === 'string' ? issuer : issuer.id,
    };
  });

  const now = context.now();
  const receipt =
    accepted.length === 1 ? readTransparencyReceipt(options.transparencyReceipt) : undefined;
  return accepted.map(({ held, format, issuerDid }): ReceivedCredential => {
    const stored = store.saveCredential(held, {
      format,
      receivedAt: now,
      issuerUrl: url,
      status: { state: 'valid', checkedAt: now.toISOString(), message: null },
      ...(options.registerIssuer === false
        ? {}
        : { issuer: { url, did: issuerDid, name, addedAt: now.toISOString() } }),
      ...(receipt ? { transparencyReceipt: receipt } : {}),
    });
    return {
      id: stored.id,
      name: stored.name,
      format: stored.format,
      issuerDid: stored.issuerDid,
      validFrom: stored.issuedAt,
      validUntil: stored.expiresAt,
    };
  });
}
