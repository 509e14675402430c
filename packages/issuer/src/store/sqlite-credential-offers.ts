import { SkillproofError } from '@skillproof/core';
import type { SqliteDatabase } from '@skillproof/server/sqlite';
import type {
  CNonceRecord,
  CredentialOfferRecord,
  IssuerStore,
  NewCredential,
  OfferedCredentialOutcome,
  PendingCredentialRecord,
  PreAuthorizedCodeOutcome,
} from '../ports/issuer-store.js';

interface OfferRow {
  id_hash: string;
  badge: string;
  attempt_id: string;
  subject_did: string | null;
  configuration_ids: string;
  code_hash: string;
  tx_code_hash: string | null;
  wrong_tx_codes: number;
  created_at: string;
  expires_at: string;
  token_issued_at: string | null;
  credential_id: string | null;
}

interface AccessTokenRow {
  token_hash: string;
  offer_id_hash: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

interface NonceRow {
  nonce_hash: string;
  created_at: string;
  expires_at: string;
  consumed_at: string | null;
}

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
    wrongTxCodes: row.wrong_tx_codes,
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

/**
 * The OpenID4VCI tables of the issuer store (migration 7): offers, access tokens and c_nonces.
 * `reserve` is the store's own credential reservation (status entries and the pending row), run
 * inside the transaction that spends the token, the nonce and the offer.
 */
export function createCredentialOfferStore(
  db: SqliteDatabase,
  reserve: (credential: NewCredential, attemptId: string | null) => PendingCredentialRecord,
): CredentialOfferStore {
  const insertOffer = db.prepare(
    `INSERT INTO issuer_oid4vci_offers (id_hash, badge, attempt_id, subject_did,
       configuration_ids, code_hash, tx_code_hash, created_at, expires_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const selectOffer = db.prepare('SELECT * FROM issuer_oid4vci_offers WHERE id_hash = ?');
  const selectOfferByCode = db.prepare('SELECT * FROM issuer_oid4vci_offers WHERE code_hash = ?');
  const countWrongTxCode = db.prepare(
    `UPDATE issuer_oid4vci_offers SET wrong_tx_codes = wrong_tx_codes + 1
     WHERE id_hash = ? AND token_issued_at IS NULL RETURNING wrong_tx_codes`,
  );
  const markTokenIssued = db.prepare(
    `UPDATE issuer_oid4vci_offers SET token_issued_at = ?
     WHERE id_hash = ? AND token_issued_at IS NULL AND expires_at > ? AND wrong_tx_codes < ?`,
  );
  const insertToken = db.prepare(
    `INSERT INTO issuer_oid4vci_access_tokens (token_hash, offer_id_hash, created_at, expires_at)
     VALUES (?, ?, ?, ?)`,
  );
  const pruneTokens = db.prepare('DELETE FROM issuer_oid4vci_access_tokens WHERE expires_at <= ?');
  const selectToken = db.prepare('SELECT * FROM issuer_oid4vci_access_tokens WHERE token_hash = ?');
  const useToken = db.prepare(
    `UPDATE issuer_oid4vci_access_tokens SET used_at = ?
     WHERE token_hash = ? AND used_at IS NULL AND expires_at > ?`,
  );
  const insertNonce = db.prepare(
    `INSERT INTO issuer_oid4vci_nonces (nonce_hash, created_at, expires_at) VALUES (?, ?, ?)`,
  );
  const pruneNonces = db.prepare('DELETE FROM issuer_oid4vci_nonces WHERE expires_at <= ?');
  const selectNonce = db.prepare('SELECT * FROM issuer_oid4vci_nonces WHERE nonce_hash = ?');
  const consumeNonce = db.prepare(
    `UPDATE issuer_oid4vci_nonces SET consumed_at = ?
     WHERE nonce_hash = ? AND consumed_at IS NULL AND expires_at > ?`,
  );
  const markOfferIssued = db.prepare(
    `UPDATE issuer_oid4vci_offers SET credential_id = ?
     WHERE id_hash = ? AND credential_id IS NULL AND token_issued_at IS NOT NULL`,
  );
  const markAttemptCredential = db.prepare(
    'UPDATE issuer_attempts SET credential_id = ? WHERE id = ? AND credential_id IS NULL',
  );

  const redeem = db.transaction(
    (request: Parameters<IssuerStore['redeemPreAuthorizedCode']>[0]): PreAuthorizedCodeOutcome => {
      const row = selectOfferByCode.get(request.codeHash) as OfferRow | undefined;
      if (!row) return { outcome: 'unknown' };
      if (row.token_issued_at !== null) return { outcome: 'used' };
      if (row.expires_at <= request.now) return { outcome: 'expired' };
      if (row.wrong_tx_codes >= request.maxWrongTxCodes) return { outcome: 'burned' };
      if (row.tx_code_hash === null && request.txCodeHash !== null) {
        return { outcome: 'tx_code_unexpected' };
      }
      if (row.tx_code_hash !== null && request.txCodeHash === null) {
        return { outcome: 'tx_code_missing' };
      }
      if (row.tx_code_hash !== request.txCodeHash) {
        const counted = countWrongTxCode.get(row.id_hash) as { wrong_tx_codes: number };
        return {
          outcome: 'tx_code_wrong',
          attemptsLeft: Math.max(0, request.maxWrongTxCodes - counted.wrong_tx_codes),
        };
      }
      // The write lock is held, but the single use is still the UPDATE's own condition.
      const marked = markTokenIssued.run(
        request.now,
        row.id_hash,
        request.now,
        request.maxWrongTxCodes,
      );
      if (marked.changes !== 1) return { outcome: 'used' };
      pruneTokens.run(request.now);
      insertToken.run(
        request.accessToken.tokenHash,
        row.id_hash,
        request.now,
        request.accessToken.expiresAt,
      );
      return { outcome: 'issued', offer: toOffer({ ...row, token_issued_at: request.now }) };
    },
  );

  const reserveOffered = db.transaction(
    (request: Parameters<IssuerStore['reserveOfferedCredential']>[0]): PendingCredentialRecord => {
      const { now } = request;
      if (useToken.run(now, request.tokenHash, now).changes !== 1) {
        throw new SingleUseRefused('token_used');
      }
      if (consumeNonce.run(now, request.nonceHash, now).changes !== 1) {
        throw new SingleUseRefused('nonce_used');
      }
      // Outside the award index (attempt_id NULL): the learner's award stays what it was; the
      // attempt points to this credential only when the pass awarded none. Reserved before the
      // offer is marked, which references it; a refusal rolls both back.
      const reserved = reserve(request.credential, null);
      if (markOfferIssued.run(reserved.id, request.offerIdHash).changes !== 1) {
        throw new SingleUseRefused('offer_used');
      }
      markAttemptCredential.run(reserved.id, request.attemptId);
      return reserved;
    },
  );

  return {
    async saveCredentialOffer(record) {
      try {
        insertOffer.run(
          record.idHash,
          record.badge,
          record.attemptId,
          record.subjectDid,
          JSON.stringify(record.configurationIds),
          record.codeHash,
          record.txCodeHash,
          record.createdAt,
          record.expiresAt,
        );
      } catch (error) {
        if ((error as { code?: unknown } | null)?.code === 'SQLITE_CONSTRAINT_FOREIGNKEY') {
          throw new SkillproofError('NOT_FOUND', `no attempt ${record.attemptId}`);
        }
        throw error;
      }
    },
    async findCredentialOffer(idHash) {
      const row = selectOffer.get(idHash) as OfferRow | undefined;
      return row && toOffer(row);
    },
    async redeemPreAuthorizedCode(request) {
      return redeem.immediate(request);
    },
    async findAccessToken(tokenHash) {
      const row = selectToken.get(tokenHash) as AccessTokenRow | undefined;
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
      pruneNonces.run(record.createdAt);
      insertNonce.run(record.nonceHash, record.createdAt, record.expiresAt);
    },
    async findCNonce(nonceHash): Promise<CNonceRecord | undefined> {
      const row = selectNonce.get(nonceHash) as NonceRow | undefined;
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
        return { outcome: 'reserved', credential: reserveOffered.immediate(request) };
      } catch (error) {
        if (error instanceof SingleUseRefused) return { outcome: error.outcome };
        throw error;
      }
    },
  };
}
