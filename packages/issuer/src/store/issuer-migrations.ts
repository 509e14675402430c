import type { DatabaseMigration } from '@skillproof/server/database';
import { sqlMigrationStep } from './sql-migration-step.js';

/**
 * The issuer's tables (scope `issuer`), on SQLite or PostgreSQL. Times are ISO 8601 UTC strings,
 * which sort as text. Released versions never change: each step is the SQL its SQLite release
 * ran, so a SQLite file made by any earlier release carries on from its version; PostgreSQL runs
 * the same steps in its own spelling (`sqlMigrationStep`) and ends with the same tables.
 */
export const issuerMigrations: readonly DatabaseMigration[] = [
  {
    version: 1,
    description: 'DID-auth challenges, sessions, attempts and issued credentials',
    up: sqlMigrationStep(`
      CREATE TABLE issuer_auth_challenges (
        challenge TEXT PRIMARY KEY,
        did TEXT NOT NULL,
        created_at TEXT NOT NULL,
        expires_at TEXT NOT NULL,
        consumed_at TEXT
      );
      CREATE INDEX issuer_auth_challenges_expiry ON issuer_auth_challenges (expires_at);
      CREATE TABLE issuer_sessions (
        token_hash TEXT PRIMARY KEY,
        did TEXT NOT NULL,
        created_at TEXT NOT NULL,
        expires_at TEXT NOT NULL
      );
      CREATE INDEX issuer_sessions_expiry ON issuer_sessions (expires_at);
      CREATE TABLE issuer_credentials (
        id TEXT PRIMARY KEY,
        subject_did TEXT,
        achievement_id TEXT,
        attempt_id TEXT,
        jwt TEXT NOT NULL,
        json TEXT NOT NULL,
        issued_at TEXT NOT NULL
      );
      -- One badge per learner per achievement earned through a micro-test.
      CREATE UNIQUE INDEX issuer_credentials_award
        ON issuer_credentials (subject_did, achievement_id) WHERE attempt_id IS NOT NULL;
      CREATE TABLE issuer_attempts (
        id TEXT PRIMARY KEY,
        did TEXT NOT NULL,
        badge TEXT NOT NULL,
        created_at TEXT NOT NULL,
        expires_at TEXT NOT NULL,
        graded_at TEXT,
        score INTEGER,
        correct INTEGER,
        total INTEGER,
        passed INTEGER,
        credential_id TEXT REFERENCES issuer_credentials (id)
      );
      CREATE INDEX issuer_attempts_did ON issuer_attempts (did);
    `),
  },
  {
    version: 2,
    description: 'attempt numbers per learner and badge, and the answers submitted',
    // Attempts are numbered 1, 2, … per learner and badge; the unique index lets two concurrent
    // starts of the same attempt number fail instead of both slipping under the retry limit.
    // The answers are kept for grading history only: they are never returned or logged.
    up: sqlMigrationStep(`
      ALTER TABLE issuer_attempts ADD COLUMN attempt_number INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE issuer_attempts ADD COLUMN answers_json TEXT;
      UPDATE issuer_attempts SET attempt_number = (
        SELECT COUNT(*) FROM issuer_attempts AS earlier
        WHERE earlier.did = issuer_attempts.did AND earlier.badge = issuer_attempts.badge
          AND (earlier.created_at < issuer_attempts.created_at
            OR (earlier.created_at = issuer_attempts.created_at AND earlier.id <= issuer_attempts.id))
      );
      CREATE UNIQUE INDEX issuer_attempts_number ON issuer_attempts (did, badge, attempt_number);
    `),
  },
  {
    version: 3,
    description: 'Bitstring status lists and the status entries allocated to credentials',
    // An entry is allocated (and committed) before its credential is signed, so an index is
    // never handed out twice, even when the process dies between signing and storing.
    up: sqlMigrationStep(`
      CREATE TABLE issuer_status_lists (
        id TEXT PRIMARY KEY,
        purpose TEXT NOT NULL CHECK (purpose IN ('revocation', 'suspension')),
        length INTEGER NOT NULL,
        -- How many entries were handed out; the next one's index is a keyed permutation of it.
        next_index INTEGER NOT NULL DEFAULT 0,
        permutation_key TEXT NOT NULL,
        version INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE INDEX issuer_status_lists_purpose ON issuer_status_lists (purpose, next_index);
      CREATE TABLE issuer_status_entries (
        list_id TEXT NOT NULL REFERENCES issuer_status_lists (id),
        list_index INTEGER NOT NULL,
        credential_id TEXT NOT NULL,
        status INTEGER NOT NULL DEFAULT 0,
        allocated_at TEXT NOT NULL,
        updated_at TEXT,
        PRIMARY KEY (list_id, list_index)
      );
      CREATE INDEX issuer_status_entries_credential ON issuer_status_entries (credential_id);
    `),
  },
  {
    version: 4,
    description:
      'an expired badge can be earned again: one current badge per learner and achievement',
    // `renewed_by` names the badge that replaced an expired one; the replaced one stays stored
    // (and revocable), and the unique index now holds only for the current one.
    up: sqlMigrationStep(`
      ALTER TABLE issuer_credentials ADD COLUMN renewed_by TEXT;
      DROP INDEX issuer_credentials_award;
      CREATE UNIQUE INDEX issuer_credentials_award
        ON issuer_credentials (subject_did, achievement_id)
        WHERE attempt_id IS NOT NULL AND renewed_by IS NULL;
    `),
  },
  {
    version: 5,
    description:
      'a credential is reserved (status entries, pending row) before it is signed: jwt may be NULL',
    // A pending credential (jwt NULL, json the unsigned credential) is written in the transaction
    // that decides the award and allocates its status entries; its signature follows, and a
    // crash in between leaves it for the next start to sign. SQLite can't drop NOT NULL in
    // place, so issuer_credentials is rebuilt; issuer_attempts references it, so it is set
    // aside first and rebuilt after (the same columns, constraints and indexes as before).
    up: sqlMigrationStep(`
      CREATE TABLE issuer_attempts_v4 AS SELECT * FROM issuer_attempts;
      DROP TABLE issuer_attempts;

      CREATE TABLE issuer_credentials_v5 (
        id TEXT PRIMARY KEY,
        subject_did TEXT,
        achievement_id TEXT,
        attempt_id TEXT,
        jwt TEXT,
        json TEXT NOT NULL,
        issued_at TEXT NOT NULL,
        renewed_by TEXT
      );
      INSERT INTO issuer_credentials_v5
        (id, subject_did, achievement_id, attempt_id, jwt, json, issued_at, renewed_by)
        SELECT id, subject_did, achievement_id, attempt_id, jwt, json, issued_at, renewed_by
        FROM issuer_credentials;
      DROP TABLE issuer_credentials;
      ALTER TABLE issuer_credentials_v5 RENAME TO issuer_credentials;
      CREATE UNIQUE INDEX issuer_credentials_award
        ON issuer_credentials (subject_did, achievement_id)
        WHERE attempt_id IS NOT NULL AND renewed_by IS NULL;
      CREATE INDEX issuer_credentials_pending ON issuer_credentials (issued_at) WHERE jwt IS NULL;

      CREATE TABLE issuer_attempts (
        id TEXT PRIMARY KEY,
        did TEXT NOT NULL,
        badge TEXT NOT NULL,
        created_at TEXT NOT NULL,
        expires_at TEXT NOT NULL,
        graded_at TEXT,
        score INTEGER,
        correct INTEGER,
        total INTEGER,
        passed INTEGER,
        credential_id TEXT REFERENCES issuer_credentials (id),
        attempt_number INTEGER NOT NULL DEFAULT 0,
        answers_json TEXT
      );
      INSERT INTO issuer_attempts
        (id, did, badge, created_at, expires_at, graded_at, score, correct, total, passed,
         credential_id, attempt_number, answers_json)
        SELECT id, did, badge, created_at, expires_at, graded_at, score, correct, total, passed,
          credential_id, attempt_number, answers_json
        FROM issuer_attempts_v4;
      DROP TABLE issuer_attempts_v4;
      CREATE INDEX issuer_attempts_did ON issuer_attempts (did);
      CREATE UNIQUE INDEX issuer_attempts_number ON issuer_attempts (did, badge, attempt_number);
    `),
  },
  {
    version: 6,
    description:
      'credentials in three formats: jwt_vc_json, ldp_vc, vc+jwt; signed is its own flag, as ldp_vc has no JWT',
    // A pending credential was `jwt IS NULL`; a Data Integrity credential has no JWT once signed
    // either, so being signed becomes a column of its own, set for every credential signed before.
    up: sqlMigrationStep(`
      ALTER TABLE issuer_credentials ADD COLUMN format TEXT NOT NULL DEFAULT 'jwt_vc_json';
      ALTER TABLE issuer_credentials ADD COLUMN signed INTEGER NOT NULL DEFAULT 0;
      UPDATE issuer_credentials SET signed = 1 WHERE jwt IS NOT NULL;
      DROP INDEX issuer_credentials_pending;
      CREATE INDEX issuer_credentials_pending ON issuer_credentials (issued_at) WHERE signed = 0;
    `),
  },
  {
    version: 7,
    description:
      'OpenID4VCI: credential offers with a pre-authorized code, access tokens and c_nonces, stored by hash',
    // Only hashes of the secrets are kept: the offer's id (its URL is as good as its code), the
    // pre-authorized code, the transaction code, the access token and the c_nonce. Every single
    // use is a conditional UPDATE (… IS NULL) checked for one change, in the transaction that
    // depends on it.
    up: sqlMigrationStep(`
      CREATE TABLE issuer_oid4vci_offers (
        id_hash TEXT PRIMARY KEY,
        badge TEXT NOT NULL,
        attempt_id TEXT NOT NULL REFERENCES issuer_attempts (id),
        subject_did TEXT,
        configuration_ids TEXT NOT NULL,
        code_hash TEXT NOT NULL UNIQUE,
        tx_code_hash TEXT,
        wrong_tx_codes INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL,
        expires_at TEXT NOT NULL,
        token_issued_at TEXT,
        credential_id TEXT REFERENCES issuer_credentials (id)
      );
      CREATE INDEX issuer_oid4vci_offers_attempt ON issuer_oid4vci_offers (attempt_id);
      CREATE TABLE issuer_oid4vci_access_tokens (
        token_hash TEXT PRIMARY KEY,
        offer_id_hash TEXT NOT NULL REFERENCES issuer_oid4vci_offers (id_hash),
        created_at TEXT NOT NULL,
        expires_at TEXT NOT NULL,
        used_at TEXT
      );
      CREATE INDEX issuer_oid4vci_access_tokens_expiry ON issuer_oid4vci_access_tokens (expires_at);
      CREATE TABLE issuer_oid4vci_nonces (
        nonce_hash TEXT PRIMARY KEY,
        created_at TEXT NOT NULL,
        expires_at TEXT NOT NULL,
        consumed_at TEXT
      );
      CREATE INDEX issuer_oid4vci_nonces_expiry ON issuer_oid4vci_nonces (expires_at);
    `),
  },
  {
    version: 8,
    description:
      'the transparency log: entries with their leaf hashes, the perfect subtrees, checkpoints, badge definitions',
    // RFC 9162 §2.1 Merkle tree over the entries, append-only. issuer_log_nodes holds each perfect
    // subtree above the leaves once, written in the transaction that appends its last leaf (the
    // leaves' hashes are in issuer_log_entries), so a proof or a tile is O(log n) point reads.
    // An entry commits in the transaction of what it records (a credential signed, a status
    // changed); checkpoints are signed later, in batches.
    up: sqlMigrationStep(`
      CREATE TABLE issuer_log_entries (
        leaf_index INTEGER PRIMARY KEY,
        leaf_hash BLOB NOT NULL,
        -- The first 8 bytes of leaf_hash as an integer: a small index to find a leaf by its hash.
        leaf_key INTEGER NOT NULL,
        entry BLOB NOT NULL,
        credential_id TEXT,
        created_at TEXT NOT NULL
      );
      CREATE INDEX issuer_log_entries_leaf_key ON issuer_log_entries (leaf_key);
      -- A credential's issuance entry, set in the transaction that signs it.
      ALTER TABLE issuer_credentials ADD COLUMN log_leaf_index INTEGER;
      CREATE TABLE issuer_log_nodes (
        level INTEGER NOT NULL,
        node_index INTEGER NOT NULL,
        hash BLOB NOT NULL,
        PRIMARY KEY (level, node_index)
      ) WITHOUT ROWID;
      CREATE TABLE issuer_log_checkpoints (
        size INTEGER PRIMARY KEY,
        root_hash BLOB NOT NULL,
        note TEXT NOT NULL,
        signed_at TEXT NOT NULL
      );
      CREATE TABLE issuer_log_definitions (
        leaf_index INTEGER PRIMARY KEY REFERENCES issuer_log_entries (leaf_index),
        badge TEXT NOT NULL,
        definition_hash TEXT NOT NULL
      );
      CREATE INDEX issuer_log_definitions_badge ON issuer_log_definitions (badge, leaf_index);
    `),
  },
  {
    version: 9,
    description: "the transparency log: a credential's entries by credential id",
    // A verifier asks for a credential's latest status entry (GET /log/receipts/:id).
    up: sqlMigrationStep(`
      CREATE INDEX issuer_log_entries_credential ON issuer_log_entries (credential_id, leaf_index)
        WHERE credential_id IS NOT NULL;
    `),
  },
];
