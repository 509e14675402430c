import type { Migration } from '@skillproof/core/sqlite';

/** The wallet's own tables (the agent's keys and DIDs have theirs). */
export const walletMigrations: readonly Migration[] = [
  {
    version: 1,
    description: 'credentials and applications',
    up: `
      CREATE TABLE credentials (
        id TEXT PRIMARY KEY,
        jwt TEXT NOT NULL UNIQUE,
        json TEXT NOT NULL,
        achievement_id TEXT,
        achievement_name TEXT,
        issuer_did TEXT NOT NULL,
        issuer_name TEXT,
        issued_at TEXT,
        expires_at TEXT,
        received_at TEXT NOT NULL
      );
      CREATE TABLE applications (
        id TEXT PRIMARY KEY,
        posting_url TEXT NOT NULL,
        posting_title TEXT NOT NULL,
        qualified INTEGER NOT NULL,
        decision TEXT NOT NULL,
        shared_credentials TEXT NOT NULL,
        applied_at TEXT NOT NULL
      );
    `,
  },
];
