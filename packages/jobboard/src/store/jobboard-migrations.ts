import { sql } from 'kysely';
import type { DatabaseMigration } from '@skillproof/server/database';
import { upgradeVersion1Rows } from './upgrade-version-1-rows.js';

/**
 * The job board's schema steps (scope `jobboard`), written once for SQLite and PostgreSQL.
 * Released versions never change: a SQLite file made by the SQL these steps were first written
 * in carries on from its version. The one difference between the engines: PostgreSQL tables
 * have no implicit `rowid`, so postings and applications get one (an identity column), and the
 * store orders rows stored in the same millisecond by it on both.
 */
export const jobboardMigrations: readonly DatabaseMigration[] = [
  {
    version: 1,
    description: 'employers, postings, presentation nonces, applications',
    up: async (db, engine) => {
      await db.schema
        .createTable('employers')
        .addColumn('id', 'text', (column) => column.primaryKey())
        .addColumn('name', 'text', (column) => column.notNull())
        .addColumn('token_hash', 'text', (column) => column.notNull().unique())
        .addColumn('created_at', 'text', (column) => column.notNull())
        .execute();
      let postings = db.schema
        .createTable('postings')
        .addColumn('id', 'text', (column) => column.primaryKey())
        .addColumn('employer_id', 'text', (column) => column.notNull().references('employers.id'))
        .addColumn('title', 'text', (column) => column.notNull())
        .addColumn('description', 'text', (column) => column.notNull())
        .addColumn('requirements_json', 'text', (column) => column.notNull())
        .addColumn('presentation_definition_json', 'text', (column) => column.notNull())
        .addColumn('created_at', 'text', (column) => column.notNull());
      if (engine === 'postgres') postings = postings.addColumn('rowid', 'bigserial');
      await postings.execute();
      await db.schema
        .createIndex('postings_by_created_at')
        .on('postings')
        .column('created_at')
        .execute();
      await db.schema
        .createTable('presentation_nonces')
        .addColumn('nonce', 'text', (column) => column.primaryKey())
        .addColumn('posting_id', 'text', (column) => column.notNull().references('postings.id'))
        .addColumn('created_at', 'text', (column) => column.notNull())
        .addColumn('expires_at', 'text', (column) => column.notNull())
        .addColumn('consumed_at', 'text')
        .execute();
      await db.schema
        .createIndex('presentation_nonces_by_expiry')
        .on('presentation_nonces')
        .column('expires_at')
        .execute();
      let applications = db.schema
        .createTable('applications')
        .addColumn('id', 'text', (column) => column.primaryKey())
        .addColumn('posting_id', 'text', (column) => column.notNull().references('postings.id'))
        .addColumn('holder', 'text', (column) => column.notNull())
        .addColumn('qualified', 'integer', (column) =>
          column.notNull().check(sql`qualified IN (0, 1)`),
        )
        .addColumn('decision_json', 'text', (column) => column.notNull())
        .addColumn('presentation_jwt', 'text', (column) => column.notNull())
        .addColumn('created_at', 'text', (column) => column.notNull());
      if (engine === 'postgres') applications = applications.addColumn('rowid', 'bigserial');
      await applications.execute();
      await db.schema
        .createIndex('applications_by_posting')
        .on('applications')
        .columns(['posting_id', 'created_at'])
        .execute();
    },
  },
  {
    version: 2,
    description: 'requirement clauses with labels; one application per nonce; application evidence',
    // Requirements written by version 1 have no `type`: migration 4 rewrites them as badge clauses.
    // The unique nonce index is the last line of defence behind the nonce's own consumption: a
    // presentation request can never produce two applications.
    up: async (db) => {
      await db.schema
        .alterTable('postings')
        .addColumn('labels_json', 'text', (column) => column.notNull().defaultTo('{}'))
        .execute();
      await db.schema
        .alterTable('presentation_nonces')
        .addColumn('application_id', 'text')
        .execute();
      await db.schema.alterTable('applications').addColumn('nonce', 'text').execute();
      await db.schema
        .alterTable('applications')
        .addColumn('evidence_json', 'text', (column) =>
          column.notNull().defaultTo('{"credentials":[]}'),
        )
        .execute();
      await db.schema
        .createIndex('applications_by_nonce')
        .unique()
        .on('applications')
        .column('nonce')
        .where(sql.ref('nonce'), 'is not', null)
        .execute();
    },
  },
  {
    version: 3,
    description: 'employer sign-in: email, password hash, web sessions',
    // Email and password stay optional: employers made before (or only for the API) keep working
    // with their bearer token. Sessions are stored by the SHA-256 of the cookie value.
    up: async (db) => {
      await db.schema.alterTable('employers').addColumn('email', 'text').execute();
      await db.schema.alterTable('employers').addColumn('password_hash', 'text').execute();
      await db.schema
        .alterTable('employers')
        .addColumn('password_change_required', 'integer', (column) =>
          column
            .notNull()
            .defaultTo(0)
            .check(sql`password_change_required IN (0, 1)`),
        )
        .execute();
      await db.schema
        .createIndex('employers_by_email')
        .unique()
        .on('employers')
        .column('email')
        .where(sql.ref('email'), 'is not', null)
        .execute();
      await db.schema
        .createTable('employer_sessions')
        .addColumn('token_hash', 'text', (column) => column.primaryKey())
        .addColumn('employer_id', 'text', (column) => column.notNull().references('employers.id'))
        .addColumn('csrf_token', 'text', (column) => column.notNull())
        .addColumn('created_at', 'text', (column) => column.notNull())
        .addColumn('expires_at', 'text', (column) => column.notNull())
        .execute();
      await db.schema
        .createIndex('employer_sessions_by_expiry')
        .on('employer_sessions')
        .column('expires_at')
        .execute();
    },
  },
  {
    version: 4,
    description: 'postings and decisions written by version 1 rewritten in the shape of version 2',
    // Until now the store upgraded such rows each time it read them; now the rows are upgraded
    // once, here, and the store reads every row as it is.
    up: upgradeVersion1Rows,
  },
  {
    version: 5,
    description: 'one application per person per posting: a repeat replaces the earlier one',
    // An application replaced by a later one of the same holder to the same posting names it in
    // `replaced_by` and stays as history. Rows already stored collapse here, once: each earlier
    // one is marked replaced by the next (by time, then insertion), the latest stays current.
    // The partial unique index then holds every posting to one current application per holder.
    up: async (db) => {
      await db.schema.alterTable('applications').addColumn('replaced_by', 'text').execute();
      await sql`
        UPDATE applications AS earlier SET replaced_by = (
          SELECT later.id FROM applications AS later
            WHERE later.posting_id = earlier.posting_id AND later.holder = earlier.holder
              AND (later.created_at > earlier.created_at
                OR (later.created_at = earlier.created_at AND later.rowid > earlier.rowid))
            ORDER BY later.created_at, later.rowid
            LIMIT 1
        )
      `.execute(db);
      await db.schema
        .createIndex('applications_current_by_holder')
        .unique()
        .on('applications')
        .columns(['posting_id', 'holder'])
        .where(sql.ref('replaced_by'), 'is', null)
        .execute();
    },
  },
  {
    version: 6,
    description: 'OpenID4VP requests: one per QR code or link, single use, with its decision',
    // The nonce is also a presentation nonce (same table, same consumption), so an OpenID4VP
    // response is decided and recorded on the path every application takes; the request row
    // adds the state and the outcome its status page shows.
    up: async (db) => {
      await db.schema
        .createTable('openid4vp_requests')
        .addColumn('id', 'text', (column) => column.primaryKey())
        .addColumn('posting_id', 'text', (column) => column.notNull().references('postings.id'))
        .addColumn('nonce', 'text', (column) => column.notNull().unique())
        .addColumn('state', 'text', (column) => column.notNull())
        .addColumn('created_at', 'text', (column) => column.notNull())
        .addColumn('expires_at', 'text', (column) => column.notNull())
        .addColumn('consumed_at', 'text')
        .addColumn('application_id', 'text')
        .addColumn('qualified', 'integer', (column) => column.check(sql`qualified IN (0, 1)`))
        .execute();
      await db.schema
        .createIndex('openid4vp_requests_by_expiry')
        .on('openid4vp_requests')
        .column('expires_at')
        .execute();
    },
  },
  {
    version: 7,
    description: 'paid tasks: the append-only ledger of a posting that is a task',
    // A posting is a paid task when it has ledger entries: its first (`posted`, task id = the
    // posting's id) carries the reward and the network, so postings keep their columns and no
    // second copy of the reward can disagree with the ledger. The primary key on
    // (task_id, sequence) is what makes two changes decided on one history exclusive.
    up: async (db, engine) => {
      let entries = db.schema
        .createTable('task_ledger_entries')
        .addColumn('task_id', 'text', (column) => column.notNull().references('postings.id'))
        .addColumn('sequence', 'integer', (column) => column.notNull().check(sql`sequence >= 0`))
        .addColumn('entry_json', 'text', (column) => column.notNull())
        .addColumn('created_at', 'text', (column) => column.notNull())
        .addPrimaryKeyConstraint('task_ledger_entries_key', ['task_id', 'sequence']);
      if (engine === 'postgres') entries = entries.addColumn('rowid', 'bigserial');
      await entries.execute();
    },
  },
  {
    version: 8,
    description: 'postings that require transparency-log proof of credentials',
    up: async (db) => {
      await db.schema
        .alterTable('postings')
        .addColumn('require_transparency', 'integer', (column) =>
          column
            .notNull()
            .defaultTo(0)
            .check(sql`require_transparency IN (0, 1)`),
        )
        .execute();
    },
  },
];
