import type {
  CredentialRecord,
  PendingCredentialRecord,
  IssuedCredentialRecord,
  IssuedFieldCredentialRecord,
} from '../ports/issuer-store.js';
import type { IssuerContext } from './issuer-context.js';

/**
 * A stored credential, signed: a pending one (reserved with its status entries) is signed now
 * and its signature stored; a signed one is returned as it is. Safe to run twice, or in two
 * processes at once: the first signature stored is the one every caller gets.
 *
 * @example
 * ```ts
 * const issued = await completeCredential(ctx, await ctx.store.reserveCredential(credential));
 * ```
 */
export async function completeCredential(
  ctx: Pick<IssuerContext, 'store' | 'signer' | 'transparency'>,
  record: CredentialRecord,
): Promise<IssuedCredentialRecord | IssuedFieldCredentialRecord> {
  if (!('pending' in record)) return record;
  // The store logs the issuance with the signature; a full batch gets its checkpoint at once.
  const issued = await sign(ctx, record);
  ctx.transparency?.checkpoints.noteAppended();
  return issued;
}

async function sign(
  ctx: Pick<IssuerContext, 'store' | 'signer'>,
  record: PendingCredentialRecord,
): Promise<IssuedCredentialRecord | IssuedFieldCredentialRecord> {
  switch (record.format) {
    case 'jwt_vc_json':
      return ctx.store.completeCredential(record.id, await ctx.signer.sign(record.credential));
    case 'ldp_vc':
      return ctx.store.completeFieldCredential(record.id, {
        credential: await ctx.signer.signDataIntegrity(record.credential),
        jwt: null,
      });
    case 'vc+jwt': {
      const jwt = await ctx.signer.signVcJose(record.credential);
      // VCDM 2.0 §4.13: a VC-JOSE credential travels in JSON as an enveloped one.
      const envelope = {
        '@context': ['https://www.w3.org/ns/credentials/v2'],
        id: `data:application/vc+jwt,${jwt}`,
        type: 'EnvelopedVerifiableCredential',
      };
      return ctx.store.completeFieldCredential(record.id, { credential: envelope, jwt });
    }
  }
}
