export {
  createSkillproofAgent,
  ensureIdentifier,
  type CreateSkillproofAgentOptions,
  type SkillproofAgent,
} from './create-agent.js';
export { agentDatabaseMigrations } from './agent-database-migrations.js';
export { DatabaseDidStore } from './database-did-store.js';
export { DatabaseKeyStore } from './database-key-store.js';
export {
  DatabasePrivateKeyStore,
  openDatabasePrivateKeyStore,
  type PrivateKeyStoreOptions,
} from './database-private-key-store.js';
export { defaultScryptLogN } from '@skillproof/core';
export type { IIdentifier } from '@veramo/core';
export { signJwtWithAgent, signCredentialJwt } from './sign-jwt-with-agent.js';
export {
  activeKeyOf,
  didWebDocument,
  ensureWebIdentifier,
  rotateWebIdentifierKey,
  verificationMethodIdOf,
} from './web-identifier.js';
export { didWebOfUrl } from './did-web-of-url.js';
export { signBytesWithAgent } from './sign-bytes-with-agent.js';
export { identifierSigningKey, type IdentifierSigningKey } from './identifier-signing-key.js';
export { loadKeySecret, type StoredKeySecret } from './load-key-secret.js';
