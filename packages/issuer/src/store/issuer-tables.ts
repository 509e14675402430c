import type { IssuedFormat } from '../ports/issuer-store.js';
import type { StatusPurpose } from '../ports/status-list-store.js';

/**
 * The issuer's tables as Kysely sees them (see `issuerMigrations` and `webOfferMigrations`).
 * Times are ISO 8601 strings (UTC), which order as text on both engines; flags are 0 or 1;
 * hashes and log entries are bytes (SQLite BLOB, PostgreSQL bytea).
 */
export interface IssuerTables {
  issuer_auth_challenges: {
    challenge: string;
    did: string;
    created_at: string;
    expires_at: string;
    consumed_at: string | null;
  };
  issuer_sessions: { token_hash: string; did: string; created_at: string; expires_at: string };
  issuer_credentials: {
    id: string;
    subject_did: string | null;
    achievement_id: string | null;
    attempt_id: string | null;
    /** The compact JWS of a JWT format, once signed. */
    jwt: string | null;
    /** The unsigned credential while pending; then the credential as it is handed out. */
    json: string;
    issued_at: string;
    renewed_by: string | null;
    format: IssuedFormat;
    /** 0 while pending. */
    signed: number;
    log_leaf_index: number | null;
  };
  issuer_attempts: {
    id: string;
    did: string;
    badge: string;
    created_at: string;
    expires_at: string;
    graded_at: string | null;
    score: number | null;
    correct: number | null;
    total: number | null;
    passed: number | null;
    credential_id: string | null;
    attempt_number: number;
    answers_json: string | null;
  };
  issuer_status_lists: {
    id: string;
    purpose: StatusPurpose;
    length: number;
    next_index: number;
    permutation_key: string;
    version: number;
    created_at: string;
    updated_at: string;
  };
  issuer_status_entries: {
    list_id: string;
    list_index: number;
    credential_id: string;
    status: number;
    allocated_at: string;
    updated_at: string | null;
  };
  issuer_oid4vci_offers: {
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
  };
  issuer_oid4vci_access_tokens: {
    token_hash: string;
    offer_id_hash: string;
    created_at: string;
    expires_at: string;
    used_at: string | null;
  };
  issuer_oid4vci_nonces: {
    nonce_hash: string;
    created_at: string;
    expires_at: string;
    consumed_at: string | null;
  };
  issuer_log_entries: {
    leaf_index: number;
    leaf_hash: Buffer;
    /** A signed 64-bit integer: a string when PostgreSQL returns it, never read back. */
    leaf_key: bigint | string;
    entry: Buffer;
    credential_id: string | null;
    created_at: string;
  };
  issuer_log_nodes: { level: number; node_index: number; hash: Buffer };
  issuer_log_checkpoints: { size: number; root_hash: Buffer; note: string; signed_at: string };
  issuer_log_definitions: { leaf_index: number; badge: string; definition_hash: string };
  issuer_web_offers: {
    attempt_id: string;
    sealed_offer: string;
    expires_at: string;
    created_at: string;
  };
}
