import { SkillproofError } from '@skillproof/core';
import { sql, type Kysely, type Transaction } from 'kysely';
import {
  type CredentialStatusFilter,
  type CredentialStatusRecord,
  type StatusChange,
  type StatusListRecord,
  type StatusListStore,
  type StatusPurpose,
} from '../ports/status-list-store.js';
import type { TransparencyLogAppender } from './database-transparency-log.js';
import { issuerDatabase, issuerTables, type IssuerDatabase } from './issuer-database.js';
import type { IssuerTables } from './issuer-tables.js';
import { createStatusIndexAllocator } from './status-index-allocator.js';

type ListRow = IssuerTables['issuer_status_lists'];

interface CredentialStatusRow {
  id: string;
  subject_did: string | null;
  achievement_id: string | null;
  issued_at: string;
  revoked: number | string | null;
  suspended: number | string | null;
}

function toList(row: ListRow): StatusListRecord {
  return {
    id: row.id,
    purpose: row.purpose,
    length: Number(row.length),
    version: Number(row.version),
    updatedAt: row.updated_at,
  };
}

function toCredentialStatus(row: CredentialStatusRow): CredentialStatusRecord {
  return {
    credentialId: row.id,
    subjectDid: row.subject_did,
    achievementId: row.achievement_id,
    issuedAt: row.issued_at,
    revoked: row.revoked === null ? null : Number(row.revoked) === 1,
    suspended: row.suspended === null ? null : Number(row.suspended) === 1,
  };
}

/**
 * The {@link StatusListStore} on the issuer's database, either engine (its tables come with the
 * issuer's migrations: create the issuer store first). `length` is the size of new lists.
 *
 * @throws TypeError when `length` is not a positive multiple of 8.
 *
 * @example
 * ```ts
 * const issuerStore = await createIssuerStore(database);
 * const statusLists = createStatusListStore(database);
 * const [revocation, suspension] = await statusLists.allocate('urn:uuid:…', new Date().toISOString());
 * ```
 */
export function createStatusListStore(
  db: IssuerDatabase,
  options: {
    length?: number;
    /** Where each change of a signed credential's status is logged, in its transaction. */
    transparencyLog?: TransparencyLogAppender;
  } = {},
): StatusListStore {
  const { transparencyLog } = options;
  const database = issuerDatabase(db);
  const kysely = issuerTables(database);
  const allocator = createStatusIndexAllocator(database.engine, options.length);

  const selectEntries = (trx: Kysely<IssuerTables>, credentialId: string, purpose: StatusPurpose) =>
    trx
      .selectFrom('issuer_status_entries as e')
      .innerJoin('issuer_status_lists as l', 'l.id', 'e.list_id')
      .select(['e.list_id', 'e.status'])
      .where('e.credential_id', '=', credentialId)
      .where('l.purpose', '=', purpose)
      .execute();

  const readCredentialStatus = async (
    trx: Kysely<IssuerTables>,
    filter: CredentialStatusFilter,
  ): Promise<CredentialStatusRecord[]> => {
    let query = trx
      .selectFrom('issuer_credentials as c')
      .leftJoin('issuer_status_entries as e', 'e.credential_id', 'c.id')
      .leftJoin('issuer_status_lists as l', 'l.id', 'e.list_id')
      .select(['c.id', 'c.subject_did', 'c.achievement_id', 'c.issued_at'])
      .select([
        sql<number | null>`MAX(CASE WHEN l.purpose = 'revocation' THEN e.status END)`.as('revoked'),
        sql<number | null>`MAX(CASE WHEN l.purpose = 'suspension' THEN e.status END)`.as(
          'suspended',
        ),
      ]);
    if (filter.credentialId !== undefined) query = query.where('c.id', '=', filter.credentialId);
    if (filter.subjectDid !== undefined) {
      query = query.where('c.subject_did', '=', filter.subjectDid);
    }
    const rows = await query
      .groupBy(['c.id', 'c.subject_did', 'c.achievement_id', 'c.issued_at'])
      .orderBy('c.issued_at')
      .orderBy('c.id')
      .execute();
    return rows.map(toCredentialStatus);
  };

  const setStatus = async (
    trx: Transaction<IssuerTables>,
    credentialId: string,
    changes: readonly StatusChange[],
    now: string,
  ): Promise<CredentialStatusRecord | undefined> => {
    const credential = await trx
      .selectFrom('issuer_credentials')
      .select('id')
      .where('id', '=', credentialId)
      .executeTakeFirst();
    if (!credential) return undefined;
    for (const change of changes) {
      const entries = await selectEntries(trx, credentialId, change.purpose);
      if (entries.length === 0) {
        // An Open Badge on VCDM 2.0 carries a revocation entry alone (OB 3.0 allows one).
        const revocable =
          change.purpose === 'suspension' &&
          (await selectEntries(trx, credentialId, 'revocation')).length > 0;
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
        entries.some((entry) => Number(entry.status) === 1)
      ) {
        throw new SkillproofError(
          'CONFLICT',
          `credential ${credentialId} is revoked, and revocation is permanent; suspension can be lifted`,
        );
      }
      const wanted = change.status ? 1 : 0;
      // Conditional on the bit: of two instances making the same change at once, the second
      // waits for the first's rows and then changes (and logs) nothing.
      const updated = await trx
        .updateTable('issuer_status_entries')
        .set({ status: wanted, updated_at: now })
        .where('credential_id', '=', credentialId)
        .where('status', '<>', wanted)
        .where('list_id', 'in', (eb) =>
          eb.selectFrom('issuer_status_lists').select('id').where('purpose', '=', change.purpose),
        )
        .returning('list_id')
        .execute();
      const credentialHash =
        updated.length > 0 ? await transparencyLog?.credentialHash(trx, credentialId) : undefined;
      if (credentialHash !== undefined) {
        await transparencyLog?.append(
          trx,
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
      for (const listId of new Set(updated.map((row) => row.list_id))) {
        await trx
          .updateTable('issuer_status_lists')
          .set((eb) => ({ version: eb('version', '+', 1), updated_at: now }))
          .where('id', '=', listId)
          .execute();
      }
    }
    return (await readCredentialStatus(trx, { credentialId }))[0];
  };

  return {
    async allocate(credentialId, now) {
      return kysely.transaction().execute((trx) => allocator.allocate(trx, credentialId, now));
    },
    async findList(listId) {
      const row = await kysely
        .selectFrom('issuer_status_lists')
        .selectAll()
        .where('id', '=', listId)
        .executeTakeFirst();
      return row && toList(row);
    },
    async setIndexes(listId) {
      const rows = await kysely
        .selectFrom('issuer_status_entries')
        .select('list_index')
        .where('list_id', '=', listId)
        .where('status', '=', 1)
        .orderBy('list_index')
        .execute();
      return rows.map((row) => Number(row.list_index));
    },
    async setStatus(credentialId, changes, now) {
      return kysely.transaction().execute((trx) => setStatus(trx, credentialId, changes, now));
    },
    async listCredentialStatus(filter = {}) {
      return readCredentialStatus(kysely, filter);
    },
  };
}
