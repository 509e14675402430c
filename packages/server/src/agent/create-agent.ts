import {
  createAgent,
  type ICredentialIssuer,
  type ICredentialVerifier,
  type IDIDManager,
  type IIdentifier,
  type IKeyManager,
  type IResolver,
  type TAgent,
} from '@veramo/core';
import { CredentialProviderJWT } from '@veramo/credential-jwt';
import { CredentialPlugin } from '@veramo/credential-w3c';
import { DIDManager } from '@veramo/did-manager';
import { getDidKeyResolver, KeyDIDProvider } from '@veramo/did-provider-key';
import { WebDIDProvider } from '@veramo/did-provider-web';
import { DIDResolverPlugin } from '@veramo/did-resolver';
import { KeyManager } from '@veramo/key-manager';
import { KeyManagementSystem } from '@veramo/kms-local';
import { Resolver } from 'did-resolver';
import type { Database } from '../database/database.js';
import { databaseFromSqlite } from '../database/database-from-sqlite.js';
import { migrateDatabase } from '../database/migrate-database.js';
import type { SqliteDatabase } from '../sqlite/open-database.js';
import { agentDatabaseMigrations } from './agent-database-migrations.js';
import { DatabaseDidStore } from './database-did-store.js';
import { DatabaseKeyStore } from './database-key-store.js';
import { openDatabasePrivateKeyStore } from './database-private-key-store.js';

/** The Veramo agent every Skillproof component signs with. */
export type SkillproofAgent = TAgent<
  IDIDManager & IKeyManager & IResolver & ICredentialIssuer & ICredentialVerifier
>;

/** Options for {@link createSkillproofAgent}. */
export interface CreateSkillproofAgentOptions {
  /**
   * The database that holds the agent's tables (created here if missing): a {@link Database} on
   * either engine, or a bare SQLite connection (wrapped as one).
   */
  db: SqliteDatabase | Database;
  /** Encrypts private keys at rest; the same secret must be given on every later open. */
  keySecret: string;
  /** log2 of scrypt's N when the key store is first created. Default 17. */
  scryptLogN?: number;
}

/** The agent's one key management system. */
export const kmsName = 'local';

/**
 * Creates a Veramo agent with did:key (Ed25519) identifiers, keys and DIDs in the database, private
 * keys encrypted at rest, and JWT credentials and presentations.
 *
 * @throws SkillproofError `KEY_SECRET_INVALID` when `keySecret` does not open the stored keys.
 * @example
 * ```ts
 * const agent = await createSkillproofAgent({ db: openDatabase('wallet.db'), keySecret });
 * const learner = await ensureIdentifier(agent, 'learner');
 * ```
 */
export async function createSkillproofAgent(
  options: CreateSkillproofAgentOptions,
): Promise<SkillproofAgent> {
  const sealing = {
    secret: options.keySecret,
    ...(options.scryptLogN === undefined ? {} : { scryptLogN: options.scryptLogN }),
  };
  // A bare SQLite connection (tests, tools) goes through the same stores: one schema, one code.
  const database = 'kysely' in options.db ? options.db : databaseFromSqlite(options.db);
  await migrateDatabase(database, 'agent', agentDatabaseMigrations);
  const stores = {
    keys: new DatabaseKeyStore(database),
    dids: new DatabaseDidStore(database),
    privateKeys: await openDatabasePrivateKeyStore(database, sealing),
  };
  return createAgent<
    IDIDManager & IKeyManager & IResolver & ICredentialIssuer & ICredentialVerifier
  >({
    plugins: [
      new KeyManager({
        store: stores.keys,
        kms: { [kmsName]: new KeyManagementSystem(stores.privateKeys) },
      }),
      new DIDManager({
        store: stores.dids,
        defaultProvider: 'did:key',
        providers: {
          'did:key': new KeyDIDProvider({ defaultKms: kmsName }),
          'did:web': new WebDIDProvider({ defaultKms: kmsName }),
        },
      }),
      new DIDResolverPlugin({ resolver: new Resolver({ ...getDidKeyResolver() }) }),
      new CredentialPlugin([new CredentialProviderJWT()]),
    ],
  });
}

/**
 * The identifier stored under `alias`, created (did:key, Ed25519) on first use, so that a
 * service keeps its DID across restarts.
 */
export async function ensureIdentifier(
  agent: SkillproofAgent,
  alias: string,
): Promise<IIdentifier> {
  return agent.didManagerGetOrCreate({
    alias,
    provider: 'did:key',
    kms: kmsName,
    options: { keyType: 'Ed25519' },
  });
}
