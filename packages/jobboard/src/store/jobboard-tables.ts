/**
 * The job board's tables as Kysely sees them (see `jobboardMigrations`). Times are ISO 8601
 * strings (UTC, millisecond precision), which order as text on both engines; flags are 0 or 1.
 */
export interface JobboardTables {
  employers: {
    id: string;
    name: string;
    email: string | null;
    token_hash: string;
    password_hash: string | null;
    password_change_required: number;
    created_at: string;
  };
  employer_sessions: {
    token_hash: string;
    employer_id: string;
    csrf_token: string;
    created_at: string;
    expires_at: string;
  };
  postings: {
    id: string;
    employer_id: string;
    title: string;
    description: string;
    requirements_json: string;
    labels_json: string;
    presentation_definition_json: string;
    /** 1 when the posting requires transparency-log proof of credentials (migration 8). */
    require_transparency: number;
    created_at: string;
  };
  presentation_nonces: {
    nonce: string;
    posting_id: string;
    created_at: string;
    expires_at: string;
    consumed_at: string | null;
    application_id: string | null;
  };
  applications: {
    id: string;
    posting_id: string;
    holder: string;
    qualified: number;
    decision_json: string;
    presentation_jwt: string;
    nonce: string | null;
    evidence_json: string;
    replaced_by: string | null;
    created_at: string;
  };
  openid4vp_requests: {
    id: string;
    posting_id: string;
    nonce: string;
    state: string;
    created_at: string;
    expires_at: string;
    consumed_at: string | null;
    application_id: string | null;
    qualified: number | null;
  };
  task_ledger_entries: {
    task_id: string;
    sequence: number;
    entry_json: string;
    created_at: string;
  };
}
