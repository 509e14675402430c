import type { Migration } from '@skillproof/server/sqlite';
import { upgradeVersion1Rows } from './upgrade-version-1-rows.js';

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
  {
    version: 2,
    description: 'requirement clauses with labels; one application per nonce; application evidence',
    // Requirements written by version 1 have no `type`: migration 4 rewrites them as badge clauses.
    // The unique nonce index is the last line of defence behind the nonce's own consumption: a
    // presentation request can never produce two applications.
    up: `
      ALTER TABLE postings ADD COLUMN labels_json TEXT NOT NULL DEFAULT '{}';
      ALTER TABLE presentation_nonces ADD COLUMN application_id TEXT;
      ALTER TABLE applications ADD COLUMN nonce TEXT;
      ALTER TABLE applications ADD COLUMN evidence_json TEXT NOT NULL DEFAULT '{"credentials":[]}';
      CREATE UNIQUE INDEX applications_by_nonce ON applications (nonce) WHERE nonce IS NOT NULL;
    `,
  },
  {
    version: 3,
    description: 'employer sign-in: email, password hash, web sessions',
    // Email and password stay optional: employers made before (or only for the API) keep working
    // with their bearer token. Sessions are stored by the SHA-256 of the cookie value.
    up: `
      ALTER TABLE employers ADD COLUMN email TEXT;
      ALTER TABLE employers ADD COLUMN password_hash TEXT;
      ALTER TABLE employers ADD COLUMN password_change_required INTEGER NOT NULL DEFAULT 0
        CHECK (password_change_required IN (0, 1));
      CREATE UNIQUE INDEX employers_by_email ON employers (email) WHERE email IS NOT NULL;
      CREATE TABLE employer_sessions (
        token_hash TEXT PRIMARY KEY,
        employer_id TEXT NOT NULL REFERENCES employers (id),
        csrf_token TEXT NOT NULL,
        created_at TEXT NOT NULL,
        expires_at TEXT NOT NULL
      );
      CREATE INDEX employer_sessions_by_expiry ON employer_sessions (expires_at);
    `,
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
    up: `
      ALTER TABLE applications ADD COLUMN replaced_by TEXT;
      UPDATE applications AS earlier SET replaced_by = (
        SELECT later.id FROM applications AS later
          WHERE later.posting_id = earlier.posting_id AND later.holder = earlier.holder
            AND (later.created_at > earlier.created_at
              OR (later.created_at = earlier.created_at AND later.rowid > earlier.rowid))
          ORDER BY later.created_at, later.rowid
          LIMIT 1
      );
      CREATE UNIQUE INDEX applications_current_by_holder ON applications (posting_id, holder)
        WHERE replaced_by IS NULL;
    `,
  },
  {
    version: 6,
    description: 'OpenID4VP requests: one per QR code or link, single use, with its decision',
    // The nonce is also a presentation nonce (same table, same consumption), so an OpenID4VP
    // response is decided and recorded on the path every application takes; the request row
    // adds the state and the outcome its status page shows.
    up: `
      CREATE TABLE openid4vp_requests (
        id TEXT PRIMARY KEY,
        posting_id TEXT NOT NULL REFERENCES postings (id),
        nonce TEXT NOT NULL UNIQUE,
        state TEXT NOT NULL,
        created_at TEXT NOT NULL,
        expires_at TEXT NOT NULL,
        consumed_at TEXT,
        application_id TEXT,
        qualified INTEGER CHECK (qualified IN (0, 1))
      );
      CREATE INDEX openid4vp_requests_by_expiry ON openid4vp_requests (expires_at);
    `,
  },
];
