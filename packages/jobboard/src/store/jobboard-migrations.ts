import type { Migration } from '@skillproof/core/sqlite';

/** The job board's schema steps (scope `jobboard`). Released versions never change. */
export const jobboardMigrations: readonly Migration[] = [
  {
    version: 1,
    description: 'employers, postings, presentation nonces, applications',
    up: `
      CREATE TABLE employers (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        token_hash TEXT NOT NULL UNIQUE,
        created_at TEXT NOT NULL
      );
      CREATE TABLE postings (
        id TEXT PRIMARY KEY,
        employer_id TEXT NOT NULL REFERENCES employers (id),
        title TEXT NOT NULL,
        description TEXT NOT NULL,
        requirements_json TEXT NOT NULL,
        presentation_definition_json TEXT NOT NULL,
        created_at TEXT NOT NULL
      );
      CREATE INDEX postings_by_created_at ON postings (created_at);
      CREATE TABLE presentation_nonces (
        nonce TEXT PRIMARY KEY,
        posting_id TEXT NOT NULL REFERENCES postings (id),
        created_at TEXT NOT NULL,
        expires_at TEXT NOT NULL,
        consumed_at TEXT
      );
      CREATE INDEX presentation_nonces_by_expiry ON presentation_nonces (expires_at);
      CREATE TABLE applications (
        id TEXT PRIMARY KEY,
        posting_id TEXT NOT NULL REFERENCES postings (id),
        holder TEXT NOT NULL,
        qualified INTEGER NOT NULL CHECK (qualified IN (0, 1)),
        decision_json TEXT NOT NULL,
        presentation_jwt TEXT NOT NULL,
        created_at TEXT NOT NULL
      );
      CREATE INDEX applications_by_posting ON applications (posting_id, created_at);
    `,
  },
];
