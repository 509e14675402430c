import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '@skillproof/server/sqlite';
import { openDatabasePrivateKeyStore } from '@skillproof/server/agent';
import { databaseFromSqlite } from '@skillproof/server/database';

// The built issuer, started the way an operator starts it for the first time (no admin token,
// no key secret in the environment): its secrets go to files only it can read, never to its
// log, and its private key is stored sealed.
const mainJs = fileURLToPath(new URL('../../dist/main.js', import.meta.url));

describe('the issuer process keeps its secrets out of its log and its database', () => {
  let dataDir: string;
  let child: ChildProcess;
  let exited: Promise<void>;
  let log = '';
  let bound = '';

  beforeAll(async () => {
    if (!existsSync(mainJs)) {
      throw new Error(
        `${mainJs} is missing: run \`pnpm run build\` first (\`pnpm check\` builds before testing)`,
      );
    }
    dataDir = mkdtempSync(join(tmpdir(), 'skillproof-issuer-secrets-'));
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_OPTIONS: '',
      DATA_DIR: dataDir,
      PORT: '0',
    };
    delete env['ISSUER_ADMIN_TOKEN'];
    delete env['ISSUER_KEY_SECRET'];
    child = spawn(process.execPath, [mainJs], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    exited = new Promise((resolve) => child.once('exit', () => resolve()));
    await new Promise<void>((resolve, reject) => {
      const read = (chunk: Buffer) => {
        log += chunk.toString();
        const listening = log.split('\n').find((line) => line.includes('issuer listening'));
        if (listening) {
          bound = (JSON.parse(listening) as { bound: string }).bound;
          resolve();
        }
      };
      child.stdout?.on('data', read);
      child.stderr?.on('data', read);
      child.once('exit', (code) => reject(new Error(`the issuer exited (${code}): ${log}`)));
    });
  }, 60_000);

  afterAll(async () => {
    child?.kill('SIGKILL');
    await exited;
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('writes the generated admin token to a file of mode 0600, and not to its log', async () => {
    const file = join(dataDir, 'admin-token');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const token = readFileSync(file, 'utf8').trim();
    expect(token.length).toBeGreaterThanOrEqual(32);
    expect(log).toContain(file);
    expect(log).not.toContain(token);

    // And the token in the file is the one the running issuer accepts.
    const status = await fetch(`${bound}/credentials/status`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({
        credentialId: 'urn:uuid:nope',
        credentialStatus: [
          { type: 'BitstringStatusListEntry', statusPurpose: 'revocation', status: true },
        ],
      }),
    });
    expect(status.status).toBe(404);
  });

  it('keeps the key secret out of its log, and the private key sealed at rest', async () => {
    const secret = readFileSync(join(dataDir, 'key-secret'), 'utf8').trim();
    expect(log).not.toContain(secret);
    const db = openDatabase(join(dataDir, 'issuer.db'));
    try {
      const store = await openDatabasePrivateKeyStore(databaseFromSqlite(db), { secret });
      const [key] = await store.listKeys();
      if (!key) throw new Error('the issuer has no private key');
      const sealed = db.prepare('SELECT sealed FROM agent_private_keys').all() as {
        sealed: string;
      }[];
      expect(sealed.every((row) => row.sealed.startsWith('v1.'))).toBe(true);
      const onDisk = readFileSync(join(dataDir, 'issuer.db')).toString('latin1');
      const wal = existsSync(join(dataDir, 'issuer.db-wal'))
        ? readFileSync(join(dataDir, 'issuer.db-wal')).toString('latin1')
        : '';
      const hex = key.privateKeyHex;
      const raw = Buffer.from(hex, 'hex').toString('latin1');
      for (const form of [
        hex,
        hex.toUpperCase(),
        raw,
        Buffer.from(hex, 'hex').toString('base64'),
      ]) {
        expect(onDisk.includes(form) || wal.includes(form)).toBe(false);
      }
      expect(log).not.toContain(hex);
    } finally {
      db.close();
    }
  });
});
