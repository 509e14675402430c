/** The Veramo stores' tables as Kysely sees them (see `agentDatabaseMigrations`). */
export interface AgentTables {
  agent_keys: {
    kid: string;
    kms: string;
    type: string;
    public_key_hex: string;
    meta: string | null;
  };
  agent_identifiers: {
    did: string;
    alias: string | null;
    provider: string;
    controller_key_id: string | null;
    document: string;
  };
  agent_private_keys: { alias: string; type: string; sealed: string };
  agent_key_encryption: { id: number; kdf: string };
}
