import { SkillproofError } from '@skillproof/core';
import type { Kysely, Transaction } from 'kysely';
import type {
  CNonceRecord,
  CredentialOfferRecord,
  IssuerStore,
  NewCredential,
  OfferedCredentialOutcome,
  PendingCredentialRecord,
  PreAuthorizedCodeOutcome,
} from '../ports/issuer-store.js';
import type { IssuerTables } from './issuer-tables.js';

type OfferRow = IssuerTables['issuer_oid4vci_offers'];

/** The OpenID4VCI part of the issuer store. */
export type CredentialOfferStore = Pick<
  IssuerStore,
  | 'saveCredentialOffer'
  | 'findCredentialOffer'
  | 'redeemPreAuthorizedCode'
  | 'findAccessToken'
  | 'saveCNonce'
  | 'findCNonce'
  | 'reserveOfferedCredential'
>;

function toOffer(row: OfferRow): CredentialOfferRecord {
  return {
    idHash: row.id_hash,
    badge: row.badge,
    attemptId: row.attempt_id,
    subjectDid: row.subject_did,
    configurationIds: JSON.parse(row.configuration_ids) as string[],
    codeHash: row.code_hash,
    txCodeHash: row.tx_code_hash,
    wrongTxCodes: Number(row.wrong_tx_codes),
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    tokenIssuedAt: row.token_issued_at,
    credentialId: row.credential_id,
  };
}

/** Thrown inside a transaction to roll it back with the reason a single use was refused. */
class SingleUseRefused extends Error {
  constructor(readonly outcome: Exclude<OfferedCredentialOutcome['outcome'], 'reserved'>) {
    super(outcome);
  }
}

function isForeignKeyViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === '23503' || code === 'SQLITE_CONSTRAINT_FOREIGNKEY';
}

/**
 * The OpenID4VCI tables of the issuer store (migration 7): offers, access tokens and c_nonces,
 * on either engine. `reserve` is the store's own credential reservation (status entries and the
 * pending row), run inside the transaction that spends the token, the nonce and the offer.
 * Every single use is a conditional UPDATE (`… IS NULL`) checked for one changed row: on
 * PostgreSQL a second instance's UPDATE waits for the first's row lock and then finds the
 * condition false, so a code, token or c_nonce is spent once across every instance.
 */
export function createCredentialOfferStore(
  kysely: Kysely<IssuerTables>,
  reserve: (
    trx: Transaction<IssuerTables>,
    credential: NewCredential,
    attemptId: string | null,
  ) => Promise<PendingCredentialRecord>,
): CredentialOfferStore {
  const redeem = async (
    trx: Transaction<IssuerTables>,
    request: Parameters<IssuerStore['redeemPreAuthorizedCode']>[0],
  ): Promise<PreAuthorizedCodeOutcome> => {
    const row = await trx
      .selectFrom('issuer_oid4vci_offers')
      .selectAll()
      .where('code_hash', '=', request.codeHash)
      .executeTakeFirst();
    if (!row) return { outcome: 'unknown' };
    if (row.token_issued_at !== null) return { outcome: 'used' };
    if (row.expires_at <= request.now) return { outcome: 'expired' };
    if (Number(row.wrong_tx_codes) >= request.maxWrongTxCodes) return { outcome: 'burned' };
    if (row.tx_code_hash === null && request.txCodeHash !== null) {
      return { outcome: 'tx_code_unexpected' };
    }
    if (row.tx_code_hash !== null && request.txCodeHash === null) {
      return { outcome: 'tx_code_missing' };
    }
    if (row.tx_code_hash !== request.txCodeHash) {
      const counted = await trx
        .updateTable('issuer_oid4vci_offers')
        .set((eb) => ({ wrong_tx_codes: eb('wrong_tx_codes', '+', 1) }))
        .where('id_hash', '=', row.id_hash)
        .where('token_issued_at', 'is', null)
        .returning('wrong_tx_codes')
        .executeTakeFirst();
      if (!counted) return { outcome: 'used' };
      return {
        outcome: 'tx_code_wrong',
        attemptsLeft: Math.max(0, request.maxWrongTxCodes - Number(counted.wrong_tx_codes)),
      };
    }
    // The single use is the UPDATE's own condition, evaluated on the row as committed.
    const marked = await trx
      .updateTable('issuer_oid4vci_offers')
      .set({ token_issued_at: request.now })
      .where('id_hash', '=', row.id_hash)
      .where('token_issued_at', 'is', null)
      .where('expires_at', '>', request.now)
      .where('wrong_tx_codes', '<', request.maxWrongTxCodes)
      .executeTakeFirst();
    if (marked.numUpdatedRows !== 1n) return { outcome: 'used' };
    await trx
      .deleteFrom('issuer_oid4vci_access_tokens')
      .where('expires_at', '<=', request.now)
      .execute();
    await trx
      .insertInto('issuer_oid4vci_access_tokens')
      .values({
        token_hash: request.accessToken.tokenHash,
        offer_id_hash: row.id_hash,
        created_at: request.now,
        expires_at: request.accessToken.expiresAt,
        used_at: null,
      })
      .execute();
    return { outcome: 'issued', offer: toOffer({ ...row, token_issued_at: request.now }) };
  };

  const reserveOffered = async (
    trx: Transaction<IssuerTables>,
    request: Parameters<IssuerStore['reserveOfferedCredential']>[0],
  ): Promise<PendingCredentialRecord> => {
    const { now } = request;
    const used = await trx
      .updateTable('issuer_oid4vci_access_tokens')
      .set({ used_at: now })
      .where('token_hash', '=', request.tokenHash)
      .where('used_at', 'is', null)
      .where('expires_at', '>', now)
      .executeTakeFirst();
    if (used.numUpdatedRows !== 1n) throw new SingleUseRefused('token_used');
    const consumed = await trx
      .updateTable('issuer_oid4vci_nonces')
      .set({ consumed_at: now })
      .where('nonce_hash', '=', request.nonceHash)
      .where('consumed_at', 'is', null)
      .where('expires_at', '>', now)
      .executeTakeFirst();
    if (consumed.numUpdatedRows !== 1n) throw new SingleUseRefused('nonce_used');
    // Outside the award index (attempt_id NULL): the learner's award stays what it was; the
    // attempt points to this credential only when the pass awarded none. Reserved before the
    // offer is marked, which references it; a refusal rolls both back.
    const reserved = await reserve(trx, request.credential, null);
    const marked = await trx
      .updateTable('issuer_oid4vci_offers')
      .set({ credential_id: reserved.id })
      .where('id_hash', '=', request.offerIdHash)
      .where('credential_id', 'is', null)
      .where('token_issued_at', 'is not', null)
      .executeTakeFirst();
    if (marked.numUpdatedRows !== 1n) throw new SingleUseRefused('offer_used');
    await trx
      .updateTable('issuer_attempts')
      .set({ credential_id: reserved.id })
      .where('id', '=', request.attemptId)
      .where('credential_id', 'is', null)
      .execute();
    return reserved;
  };

  return {
    async saveCredentialOffer(record) {
      try {
        await kysely
          .insertInto('issuer_oid4vci_offers')
          .values({
            id_hash: record.idHash,
            badge: record.badge,
            attempt_id: record.attemptId,
            subject_did: record.subjectDid,
            configuration_ids: JSON.stringify(record.configurationIds),
            code_hash: record.codeHash,
            tx_code_hash: record.txCodeHash,
            wrong_tx_codes: 0,
            created_at: record.createdAt,
            expires_at: record.expiresAt,
            token_issued_at: null,
            credential_id: null,
          })
          .execute();
      } catch (error) {
        if (isForeignKeyViolation(error)) {
          throw new SkillproofError('NOT_FOUND', `no attempt ${record.attemptId}`);
        }
        throw error;
      }
    },
    async findCredentialOffer(idHash) {
      const row = await kysely
        .selectFrom('issuer_oid4vci_offers')
        .selectAll()
        .where('id_hash', '=', idHash)
        .executeTakeFirst();
      return row && toOffer(row);
    },
    async redeemPreAuthorizedCode(request) {
      return kysely.transaction().execute((trx) => redeem(trx, request));
    },
    async findAccessToken(tokenHash) {
      const row = await kysely
        .selectFrom('issuer_oid4vci_access_tokens')
        .selectAll()
        .where('token_hash', '=', tokenHash)
        .executeTakeFirst();
      return (
        row && {
          tokenHash: row.token_hash,
          offerIdHash: row.offer_id_hash,
          createdAt: row.created_at,
          expiresAt: row.expires_at,
          usedAt: row.used_at,
        }
      );
    },
    async saveCNonce(record) {
      await kysely
        .deleteFrom('issuer_oid4vci_nonces')
        .where('expires_at', '<=', record.createdAt)
        .execute();
      await kysely
        .insertInto('issuer_oid4vci_nonces')
        .values({
          nonce_hash: record.nonceHash,
          created_at: record.createdAt,
          expires_at: record.expiresAt,
          consumed_at: null,
        })
        .execute();
    },
    async findCNonce(nonceHash): Promise<CNonceRecord | undefined> {
      const row = await kysely
        .selectFrom('issuer_oid4vci_nonces')
        .selectAll()
        .where('nonce_hash', '=', nonceHash)
        .executeTakeFirst();
      return (
        row && {
          nonceHash: row.nonce_hash,
          createdAt: row.created_at,
          expiresAt: row.expires_at,
          consumedAt: row.consumed_at,
        }
      );
    },
    async reserveOfferedCredential(request) {
      try {
        const credential = await kysely
          .transaction()
          .execute((trx) => reserveOffered(trx, request));
        return { outcome: 'reserved', credential };
      } catch (error) {
        if (error instanceof SingleUseRefused) return { outcome: error.outcome };
        throw error;
      }
    },
  };
}
