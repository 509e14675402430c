import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  decodeLogEntry,
  hashIssuedCredential,
  type JwtVerifiableCredential,
} from '@skillproof/core';
import { openDatabase } from '@skillproof/server/sqlite';
import { createStatusListResolver, verifyCredential } from '@skillproof/verifier';

// Issuance that loses nothing (issue 4, part 4): the built issuer is killed with SIGKILL in the
// middle of a burst of issuances and restarted on the same data directory.
const mainJs = fileURLToPath(new URL('../../dist/main.js', import.meta.url));
const adminToken = 'crash-test-admin-token-0123456789';
const keySecret = 'crash test key secret';
const learnerDid = 'did:key:z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp';
const burst = 240;
const killAfter = 40;

interface RunningIssuer {
  child: ChildProcess;
  did: string;
  exited: Promise<void>;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function startIssuer(dataDir: string, port: number): Promise<RunningIssuer> {
  const child = spawn(process.execPath, [mainJs], {
    env: {
      ...process.env,
      NODE_OPTIONS: '',
      DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      ISSUER_URL: `http://127.0.0.1:${port}`,
      ISSUER_ADMIN_TOKEN: adminToken,
      ISSUER_KEY_SECRET: keySecret,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    let output = '';
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    // Keep reading: a child whose stdout pipe fills up would block.
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      for (const line of output.split('\n')) {
        if (!line.includes('issuer listening')) continue;
        const { did } = JSON.parse(line) as { did: string };
        output = '';
        resolve({ child, did, exited });
      }
    });
    child.once('exit', (code) => reject(new Error(`the issuer exited (${code}): ${stderr}`)));
  });
}

describe('the issuer killed in the middle of a burst of issuances', () => {
  let dataDir: string;
  let port: number;
  let restarted: RunningIssuer | undefined;
  const received: JwtVerifiableCredential[] = [];
  let failed = 0;

  function issue(): Promise<Response> {
    return fetch(`http://127.0.0.1:${port}/credentials/issue`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${adminToken}` },
      body: JSON.stringify({
        credential: {
          '@context': ['https://www.w3.org/2018/credentials/v1'],
          type: ['VerifiableCredential'],
          issuer: restarted?.did ?? firstDid,
          credentialSubject: { id: learnerDid },
        },
      }),
    });
  }
  let firstDid = '';

  beforeAll(async () => {
    if (!existsSync(mainJs)) {
      throw new Error(
        `${mainJs} is missing: run \`pnpm run build\` first (\`pnpm check\` builds before testing)`,
      );
    }
    dataDir = mkdtempSync(join(tmpdir(), 'skillproof-issuer-crash-'));
    port = await freePort();
    const first = await startIssuer(dataDir, port);
    firstDid = first.did;

    // The burst: every request in flight at once; SIGKILL once some have been answered.
    const requests = Array.from({ length: burst }, async () => {
      try {
        const response = await issue();
        const body = (await response.json()) as { verifiableCredential?: JwtVerifiableCredential };
        if (response.status === 201 && body.verifiableCredential) {
          received.push(body.verifiableCredential);
          if (received.length === killAfter) first.child.kill('SIGKILL');
        } else {
          failed += 1;
        }
      } catch {
        failed += 1;
      }
    });
    await Promise.all(requests);
    first.child.kill('SIGKILL');
    await first.exited;
    restarted = await startIssuer(dataDir, port);
  }, 120_000);

  afterAll(async () => {
    if (restarted) {
      restarted.child.kill('SIGKILL');
      await restarted.exited;
    }
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('was killed mid-burst: some requests were answered, some never were', () => {
    expect(received.length).toBeGreaterThanOrEqual(killAfter);
    expect(failed).toBeGreaterThan(0);
    expect(received.length + failed).toBe(burst);
  });

  it('restarts on the same data directory with the same DID, and the database is intact', () => {
    expect(restarted?.did).toBe(firstDid);
    const db = openDatabase(join(dataDir, 'issuer.db'), { readonly: true });
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(db.pragma('foreign_key_check')).toEqual([]);
    } finally {
      db.close();
    }
  });

  it('has every credential a client received, exactly as it was received', () => {
    const db = openDatabase(join(dataDir, 'issuer.db'), { readonly: true });
    try {
      const select = db.prepare('SELECT jwt FROM issuer_credentials WHERE id = ?');
      for (const vc of received) {
        expect(select.get(vc.id)).toEqual({ jwt: vc.proof.jwt });
      }
    } finally {
      db.close();
    }
  });

  it('never gave a status index twice, spent none on a lost credential, and gives none of them again after the restart', async () => {
    const after: JwtVerifiableCredential[] = [];
    for (let count = 0; count < 10; count += 1) {
      const response = await issue();
      expect(response.status).toBe(201);
      after.push(
        ((await response.json()) as { verifiableCredential: JwtVerifiableCredential })
          .verifiableCredential,
      );
    }
    const db = openDatabase(join(dataDir, 'issuer.db'), { readonly: true });
    try {
      const stored = (
        db.prepare('SELECT json FROM issuer_credentials').all() as { json: string }[]
      ).map((row) => JSON.parse(row.json) as JwtVerifiableCredential);
      expect(stored.length).toBeGreaterThanOrEqual(received.length + after.length);
      const positions = stored.flatMap((vc) =>
        (vc.credentialStatus as { statusListCredential: string; statusListIndex: string }[]).map(
          (entry) => `${entry.statusListCredential}#${entry.statusListIndex}`,
        ),
      );
      expect(positions).toHaveLength(stored.length * 2);
      expect(new Set(positions).size).toBe(positions.length);

      // Every index handed out, before the crash or after, belongs to a credential stored and
      // signed: an index is reserved with its credential, and the restart signed the
      // credentials the crash left pending.
      const unused = db
        .prepare(
          `SELECT COUNT(*) AS count FROM issuer_status_entries e
           WHERE NOT EXISTS (SELECT 1 FROM issuer_credentials c WHERE c.id = e.credential_id)`,
        )
        .get() as { count: number };
      const pending = db
        .prepare('SELECT COUNT(*) AS count FROM issuer_credentials WHERE jwt IS NULL')
        .get() as { count: number };
      const duplicates = db
        .prepare(
          `SELECT list_id, list_index FROM issuer_status_entries
           GROUP BY list_id, list_index HAVING COUNT(*) > 1`,
        )
        .all();
      expect(duplicates).toEqual([]);
      expect(unused.count).toBe(0);
      expect(pending.count).toBe(0);
    } finally {
      db.close();
    }
  });

  it('every credential a client received still verifies, status lists from the restarted issuer', async () => {
    const statusLists = createStatusListResolver();
    for (const vc of received) {
      const result = await verifyCredential(vc, {
        trustedIssuers: [{ did: firstDid }],
        statusLists,
      });
      expect(result.errors).toEqual([]);
      expect(result.verified).toBe(true);
    }
  });

  it('logged every signed credential exactly once, and logged nothing that was not signed (issue 17)', () => {
    const db = openDatabase(join(dataDir, 'issuer.db'), { readonly: true });
    try {
      const signed = db
        .prepare('SELECT id, jwt, log_leaf_index FROM issuer_credentials WHERE signed = 1')
        .all() as { id: string; jwt: string; log_leaf_index: number | null }[];
      const logged = (
        db.prepare('SELECT leaf_index, entry, credential_id FROM issuer_log_entries').all() as {
          leaf_index: number;
          entry: Buffer;
          credential_id: string | null;
        }[]
      )
        .map((row) => ({ ...row, entry: decodeLogEntry(new Uint8Array(row.entry)) }))
        .filter((row) => row.entry?.type === 'issuance');
      expect(signed.length).toBeGreaterThanOrEqual(received.length);
      // Both ways: every issued credential has its entry (with the hash of its exact JWT), and
      // every issuance entry its credential.
      const hashById = new Map(logged.map((row) => [row.credential_id, row.entry]));
      expect(logged).toHaveLength(signed.length);
      const leafById = new Map(logged.map((row) => [row.credential_id, row.leaf_index]));
      for (const credential of signed) {
        expect(hashById.get(credential.id)).toMatchObject({
          credentialHash: hashIssuedCredential(credential.jwt),
        });
        expect(credential.log_leaf_index).toBe(leafById.get(credential.id));
      }
      // The leaves are 0..n-1 with no gap: no append was half done.
      const { count, max } = db
        .prepare('SELECT COUNT(*) AS count, MAX(leaf_index) AS max FROM issuer_log_entries')
        .get() as { count: number; max: number };
      expect(max).toBe(count - 1);
    } finally {
      db.close();
    }
  });
});
