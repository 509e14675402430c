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
import { migrate } from '../sqlite/migrate.js';
import type { SqliteDatabase } from '../sqlite/open-database.js';
import { agentMigrations } from './agent-migrations.js';
import { SqliteDidStore } from './sqlite-did-store.js';
import { SqliteKeyStore } from './sqlite-key-store.js';
import { openSqlitePrivateKeyStore } from './sqlite-private-key-store.js';

/** The Veramo agent every Skillproof component signs with. */
export type SkillproofAgent = TAgent<
  IDIDManager & IKeyManager & IResolver & ICredentialIssuer & ICredentialVerifier
>;

/** Options for {@link createSkillproofAgent}. */
export interface CreateSkillproofAgentOptions {
  /** The database that holds the agent's tables (created here if missing). */
  db: SqliteDatabase;
  /** Encrypts private keys at rest; the same secret must be given on every later open. */
  keySecret: string;
  /** log2 of scrypt's N when the key store is first created. Default 17. */
  scryptLogN?: number;
}

/** The agent's one key management system. */
export const kmsName = 'local';

/**
 * Creates a Veramo agent with did:key (Ed25519) identifiers, keys and DIDs in SQLite, private
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
  migrate(options.db, 'agent', agentMigrations);
  const privateKeyStore = await openSqlitePrivateKeyStore(options.db, {
    secret: options.keySecret,
    ...(options.scryptLogN === undefined ? {} : { scryptLogN: options.scryptLogN }),
  });
  return createAgent<
    IDIDManager & IKeyManager & IResolver & ICredentialIssuer & ICredentialVerifier
  >({
    plugins: [
      new KeyManager({
        store: new SqliteKeyStore(options.db),
        kms: { [kmsName]: new KeyManagementSystem(privateKeyStore) },
      }),
      new DIDManager({
        store: new SqliteDidStore(options.db),
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
