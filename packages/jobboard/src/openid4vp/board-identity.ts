import { createPrivateKey, hkdfSync } from 'node:crypto';
import { signEd25519Jwt } from '@skillproof/core';
import {
  createSkillproofAgent,
  didWebDocument,
  didWebOfUrl,
  ensureIdentifier,
  ensureWebIdentifier,
  identifierSigningKey,
  openDatabasePrivateKeyStore,
} from '@skillproof/server/agent';
import { databaseFromSqlite, isUniqueViolation, type Database } from '@skillproof/server/database';
import type { SqliteDatabase } from '@skillproof/server/sqlite';

/** The job board as an OpenID4VP verifier: its DID and how it signs request objects. */
export interface BoardIdentity {
  /** The board's DID: a did:key, or the did:web of its URL (Ed25519 either way). */
  did: string;
  /** The verification method its signatures name: `did:key:z6Mk…#z6Mk…`. */
  kid: string;
  /** Its public key as a JWK (the library's `signerJwk`). */
  publicJwk: { kty: 'OKP'; crv: 'Ed25519'; x: string };
  /** Signs a JWT payload as the board (EdDSA, `kid`), with `typ` in its header. */
  signJwt(payload: Record<string, unknown>, typ: string): Promise<string>;
  /**
   * A 32-byte secret for one `purpose`, derived from the board's key (HKDF-SHA256), so every
   * instance of the board derives the same one and none is stored apart from the key.
   */
  secretFor(purpose: string): Buffer;
  /** For a did:web board: where its DID document is served, and the document. */
  didDocument?: { path: string; read(): Promise<Record<string, unknown>> };
}

/** Options for {@link openBoardIdentity}. */
export interface OpenBoardIdentityOptions {
  /** The board's database (either engine): its key is kept there, sealed with `keySecret`. */
  db: Database | SqliteDatabase;
  /** Encrypts the private key at rest; the same secret must be given on every later start. */
  keySecret: string;
  /** log2 of scrypt's N when the key store is first created; tests lower it. */
  scryptLogN?: number;
  /**
   * The board's public URL, for a did:web board: its DID is the did:web of this URL (did:web
   * §3.1), its document served by the board. Left out: a did:key.
   */
  webUrl?: string;
}

/**
 * The board's identity: an Ed25519 did:key (or, with `webUrl`, the did:web of the board's URL)
 * made on first start and kept in the board's own
 * database by the same agent (and private key sealing) the issuer signs with, so the board keeps
 * its DID, and the client_id wallets know it by, across restarts. Request objects are signed on
 * node:crypto with the key unsealed once here: through the agent's key manager a signature
 * costs some 30 times more, on every wallet's fetch.
 *
 * @throws SkillproofError `KEY_SECRET_INVALID` when `keySecret` does not open the stored key.
 * @example
 * ```ts
 * const identity = await openBoardIdentity({ db, keySecret });
 * identity.did; // 'did:key:z6Mk…'
 * ```
 */
export async function openBoardIdentity(options: OpenBoardIdentityOptions): Promise<BoardIdentity> {
  const database = 'kysely' in options.db ? options.db : databaseFromSqlite(options.db);
  const agent = await createSkillproofAgent({
    db: database,
    keySecret: options.keySecret,
    ...(options.scryptLogN === undefined ? {} : { scryptLogN: options.scryptLogN }),
  });
  const web =
    options.webUrl === undefined ? undefined : didWebOfUrl(options.webUrl, 'JOBBOARD_URL');
  const ensure = () =>
    web ? ensureWebIdentifier(agent, web.did) : ensureIdentifier(agent, 'jobboard');
  // Instances starting together on one database may both make a DID: the alias is unique, so
  // one insert loses, and that instance takes the one that won.
  const identifier = await ensure().catch((error: unknown) => {
    if (!isUniqueViolation(error)) throw error;
    return ensure();
  });
  const { kid, keyRef } = identifierSigningKey(identifier);
  const sealed = await openDatabasePrivateKeyStore(database, { secret: options.keySecret });
  // Veramo keeps an Ed25519 private key as its 32-byte seed followed by the public key.
  const seed = Buffer.from((await sealed.getKey({ alias: keyRef })).privateKeyHex, 'hex').subarray(
    0,
    32,
  );
  const key = identifier.keys.find((candidate) => candidate.kid === keyRef);
  if (!key) throw new TypeError('the board identifier holds no signing key');
  const x = Buffer.from(key.publicKeyHex, 'hex').toString('base64url');
  const privateKey = createPrivateKey({
    key: { kty: 'OKP', crv: 'Ed25519', x, d: seed.toString('base64url') },
    format: 'jwk',
  });
  return {
    did: identifier.did,
    kid,
    publicJwk: { kty: 'OKP', crv: 'Ed25519', x },
    signJwt: async (payload, typ) =>
      signEd25519Jwt({ alg: 'EdDSA', typ, kid }, payload, privateKey),
    ...(web
      ? {
          didDocument: {
            path: web.documentPath,
            read: async () => didWebDocument(await agent.didManagerGet({ did: web.did })),
          },
        }
      : {}),
    secretFor: (purpose) =>
      Buffer.from(hkdfSync('sha256', seed, Buffer.alloc(0), `skillproof jobboard ${purpose}`, 32)),
  };
}
