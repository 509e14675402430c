import type { Migration } from '@skillproof/core/sqlite';

/** The issuer's tables (scope `issuer`). Times are ISO 8601 UTC strings, which sort as text. */
export const issuerMigrations: readonly Migration[] = [
  {
    version: 1,
    description: 'DID-auth challenges, sessions, attempts and issued credentials',
    up: `
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
    `,
  },
];
