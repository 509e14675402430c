import { SkillproofError } from '@skillproof/core';
import type { SqliteDatabase } from '@skillproof/server/sqlite';
import {
  type CredentialStatusFilter,
  type CredentialStatusRecord,
  type StatusAllocation,
  type StatusChange,
  type StatusListRecord,
  type StatusListStore,
  type StatusPurpose,
} from '../ports/status-list-store.js';
import { createStatusIndexAllocator } from './status-index-allocator.js';
import type { TransparencyLogAppender } from './sqlite-transparency-log.js';

interface ListRow {
  id: string;
  purpose: StatusPurpose;
  length: number;
  next_index: number;
  permutation_key: string;
  version: number;
  created_at: string;
  updated_at: string;
}

interface CredentialStatusRow {
  id: string;
  subject_did: string | null;
  achievement_id: string | null;
  issued_at: string;
  revoked: number | null;
  suspended: number | null;
}

function toList(row: ListRow): StatusListRecord {
  return {
    id: row.id,
    purpose: row.purpose,
    length: row.length,
    version: row.version,
    updatedAt: row.updated_at,
  };
}

function toCredentialStatus(row: CredentialStatusRow): CredentialStatusRecord {
  return {
    credentialId: row.id,
    subjectDid: row.subject_did,
    achievementId: row.achievement_id,
    issuedAt: row.issued_at,
    revoked: row.revoked === null ? null : row.revoked === 1,
    suspended: row.suspended === null ? null : row.suspended === 1,
  };
}

/**
 * The SQLite {@link StatusListStore}, on the issuer's database (its tables come with the
 * issuer's migrations: call `createIssuerStore(db)` first). `length` is the size of new lists.
 *
 * @throws TypeError when `length` is not a positive multiple of 8.
 *
 * @example
 * ```ts
 * const issuerStore = createIssuerStore(db);
 * const statusLists = createStatusListStore(db);
 * const [revocation, suspension] = await statusLists.allocate('urn:uuid:…', new Date().toISOString());
 * ```
 */
export function createStatusListStore(
  db: SqliteDatabase,
  options: {
    length?: number;
    /** Where each change of a signed credential's status is logged, in its transaction. */
    transparencyLog?: TransparencyLogAppender;
  } = {},
): StatusListStore {
  const { transparencyLog } = options;
  const allocator = createStatusIndexAllocator(db, options.length);
  const selectList = db.prepare('SELECT * FROM issuer_status_lists WHERE id = ?');
  const selectSetIndexes = db.prepare(
    'SELECT list_index FROM issuer_status_entries WHERE list_id = ? AND status = 1 ORDER BY list_index',
  );
  const selectCredential = db.prepare('SELECT id FROM issuer_credentials WHERE id = ?');
  const selectEntries = db.prepare(
    `SELECT e.list_id, e.status FROM issuer_status_entries e
     JOIN issuer_status_lists l ON l.id = e.list_id
     WHERE e.credential_id = ? AND l.purpose = ?`,
  );
  const updateEntries = db.prepare(
    `UPDATE issuer_status_entries SET status = ?, updated_at = ?
     WHERE credential_id = ? AND status <> ?
       AND list_id IN (SELECT id FROM issuer_status_lists WHERE purpose = ?)`,
  );
  const bumpList = db.prepare(
    'UPDATE issuer_status_lists SET version = version + 1, updated_at = ? WHERE id = ?',
  );
  const credentialStatusSql = `
    SELECT c.id, c.subject_did, c.achievement_id, c.issued_at,
      MAX(CASE WHEN l.purpose = 'revocation' THEN e.status END) AS revoked,
      MAX(CASE WHEN l.purpose = 'suspension' THEN e.status END) AS suspended
    FROM issuer_credentials c
    LEFT JOIN issuer_status_entries e ON e.credential_id = c.id
    LEFT JOIN issuer_status_lists l ON l.id = e.list_id
    WHERE (@credentialId IS NULL OR c.id = @credentialId)
      AND (@subjectDid IS NULL OR c.subject_did = @subjectDid)
    GROUP BY c.id
    ORDER BY c.issued_at, c.id`;
  const selectCredentialStatus = db.prepare(credentialStatusSql);

  const allocate = db.transaction((credentialId: string, now: string): StatusAllocation[] =>
    allocator.allocate(credentialId, now),
  );

  const readCredentialStatus = (filter: CredentialStatusFilter): CredentialStatusRecord[] =>
    (
      selectCredentialStatus.all({
        credentialId: filter.credentialId ?? null,
        subjectDid: filter.subjectDid ?? null,
      }) as CredentialStatusRow[]
    ).map(toCredentialStatus);

  const setStatus = db.transaction(
    (
      credentialId: string,
      changes: readonly StatusChange[],
      now: string,
    ): CredentialStatusRecord | undefined => {
      if (!selectCredential.get(credentialId)) return undefined;
      for (const change of changes) {
        const entries = selectEntries.all(credentialId, change.purpose) as {
          list_id: string;
          status: number;
        }[];
        if (entries.length === 0) {
          // An Open Badge on VCDM 2.0 carries a revocation entry alone (OB 3.0 allows one).
          const revocable =
            change.purpose === 'suspension' &&
            selectEntries.all(credentialId, 'revocation').length > 0;
          throw new SkillproofError(
            'CONFLICT',
            revocable
              ? `credential ${credentialId} has no suspension status entry (an Open Badge on VCDM 2.0 carries one status entry, for revocation): it can only be revoked`
              : `credential ${credentialId} has no ${change.purpose} status entry`,
          );
        }
        if (
          change.purpose === 'revocation' &&
          !change.status &&
          entries.some((entry) => entry.status === 1)
        ) {
          throw new SkillproofError(
            'CONFLICT',
            `credential ${credentialId} is revoked, and revocation is permanent; suspension can be lifted`,
          );
        }
        const wanted = change.status ? 1 : 0;
        const changed = updateEntries.run(
          wanted,
          now,
          credentialId,
          wanted,
          change.purpose,
        ).changes;
        const credentialHash =
          changed > 0 ? transparencyLog?.credentialHash(credentialId) : undefined;
        if (credentialHash !== undefined) {
          transparencyLog?.append(
            {
              type: 'status',
              credentialHash,
              status:
                change.purpose === 'revocation'
                  ? 'revoked'
                  : change.status
                    ? 'suspended'
                    : 'reinstated',
              at: now,
            },
            credentialId,
            now,
          );
        }
        for (const listId of new Set(
          entries.filter((entry) => entry.status !== wanted).map((entry) => entry.list_id),
        )) {
          bumpList.run(now, listId);
        }
      }
      return readCredentialStatus({ credentialId })[0];
    },
  );

  return {
    async allocate(credentialId, now) {
      return allocate.immediate(credentialId, now);
    },
    async findList(listId) {
      const row = selectList.get(listId) as ListRow | undefined;
      return row && toList(row);
    },
    async setIndexes(listId) {
      return (selectSetIndexes.all(listId) as { list_index: number }[]).map(
        (row) => row.list_index,
      );
    },
    async setStatus(credentialId, changes, now) {
      return setStatus.immediate(credentialId, changes, now);
    },
    async listCredentialStatus(filter = {}) {
      return readCredentialStatus(filter);
    },
  };
}
