import { createHash } from 'node:crypto';
import { agentMigrations, SqliteDidStore } from '@skillproof/core/agent';
import { migrate, openDatabase, type SqliteDatabase } from '@skillproof/core/sqlite';
import { SkillproofError, type JwtVerifiableCredential } from '@skillproof/core';
import { walletDatabasePath, walletExists } from './wallet-home.js';
import { walletMigrations } from './wallet-migrations.js';

/** The alias of the learner's own DID in the agent's store. */
export const learnerAlias = 'learner';

/** A badge as the wallet lists it. */
export interface StoredCredential {
  id: string;
  achievementId: string | null;
  achievementName: string | null;
  issuerDid: string;
  issuerName: string | null;
  issuedAt: string | null;
  expiresAt: string | null;
  receivedAt: string;
  credential: JwtVerifiableCredential;
}

/** A job application the learner made. */
export interface StoredApplication {
  id: string;
  postingUrl: string;
  postingTitle: string;
  qualified: boolean;
  decision: unknown;
  sharedCredentials: string[];
  appliedAt: string;
}

interface CredentialRow {
  id: string;
  json: string;
  achievement_id: string | null;
  achievement_name: string | null;
  issuer_did: string;
  issuer_name: string | null;
  issued_at: string | null;
  expires_at: string | null;
  received_at: string;
}

function toStoredCredential(row: CredentialRow): StoredCredential {
  return {
    id: row.id,
    achievementId: row.achievement_id,
    achievementName: row.achievement_name,
    issuerDid: row.issuer_did,
    issuerName: row.issuer_name,
    issuedAt: row.issued_at,
    expiresAt: row.expires_at,
    receivedAt: row.received_at,
    credential: JSON.parse(row.json) as JwtVerifiableCredential,
  };
}

function stringField(value: unknown, key: string): string | null {
  if (typeof value !== 'object' || value === null) return null;
  const field = (value as Record<string, unknown>)[key];
  return typeof field === 'string' ? field : null;
}

/** The learner's credentials, applications and DID, in `wallet.db`. */
export class WalletStore {
  private constructor(readonly db: SqliteDatabase) {}

  /**
   * Opens the wallet in `home`.
   *
   * @throws SkillproofError `NOT_FOUND` when there is no wallet there yet.
   */
  static open(home: string, options: { create?: boolean } = {}): WalletStore {
    if (!options.create && !walletExists(home)) {
      throw new SkillproofError('NOT_FOUND', `no wallet in ${home}; run \`skillproof init\` first`);
    }
    const db = openDatabase(walletDatabasePath(home));
    migrate(db, 'agent', agentMigrations);
    migrate(db, 'wallet', walletMigrations);
    return new WalletStore(db);
  }

  close(): void {
    this.db.close();
  }

  /** The learner's DID, or `undefined` before `init`. */
  async learnerDid(): Promise<string | undefined> {
    const identifiers = await new SqliteDidStore(this.db).listDIDs({ alias: learnerAlias });
    return identifiers[0]?.did;
  }

  /** Stores a credential once; storing it again changes nothing. */
  saveCredential(credential: JwtVerifiableCredential, receivedAt: Date): StoredCredential {
    const achievement = credential.credentialSubject['achievement'];
    const issuer =
      typeof credential.issuer === 'string' ? { id: credential.issuer } : credential.issuer;
    // A credential without an id is known by the hash of its JWT.
    const id =
      credential.id ??
      `urn:sha256:${createHash('sha256').update(credential.proof.jwt).digest('hex')}`;
    this.db
      .prepare(
        `INSERT INTO credentials (id, jwt, json, achievement_id, achievement_name, issuer_did, issuer_name,
           issued_at, expires_at, received_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`,
      )
      .run(
        id,
        credential.proof.jwt,
        JSON.stringify(credential),
        stringField(achievement, 'id'),
        stringField(achievement, 'name'),
        issuer.id,
        stringField(issuer, 'name'),
        credential.issuanceDate ?? null,
        credential.expirationDate ?? null,
        receivedAt.toISOString(),
      );
    return this.getCredential(id) as StoredCredential;
  }

  getCredential(id: string): StoredCredential | undefined {
    const row = this.db.prepare('SELECT * FROM credentials WHERE id = ?').get(id) as
      CredentialRow | undefined;
    return row ? toStoredCredential(row) : undefined;
  }

  listCredentials(): StoredCredential[] {
    const rows = this.db
      .prepare('SELECT * FROM credentials ORDER BY received_at, id')
      .all() as CredentialRow[];
    return rows.map(toStoredCredential);
  }

  saveApplication(application: StoredApplication): void {
    this.db
      .prepare(
        `INSERT INTO applications (id, posting_url, posting_title, qualified, decision, shared_credentials, applied_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        application.id,
        application.postingUrl,
        application.postingTitle,
        application.qualified ? 1 : 0,
        JSON.stringify(application.decision),
        JSON.stringify(application.sharedCredentials),
        application.appliedAt,
      );
  }
}
