// bench/log: the transparency log (issue 17). Durable appends per second (batched, in a file
// database in WAL mode) against plain inserts of the same bytes; inclusion and consistency
// proof generation and verification at 1M and 10M leaves (trees built fast, straight into a
// temporary database) against one indexed point read; checkpoint signing against a bare Ed25519
// signature; storage per entry; and issuance with the log on against off, in the same run.
// Run: `pnpm bench:log` from the repository root (BENCH_LOG_SIZES=1000000 for a quicker run).
import { generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  completedNodes,
  encodeLogEntry,
  hashChildren,
  hashIssuedCredential,
  hashLeaf,
  verifyConsistencyProof,
  verifyInclusionProof,
  type W3cCredential,
} from '@skillproof/core';
import type { Kysely } from 'kysely';
import { databaseFromSqlite } from '@skillproof/server/database';
import { openDatabase, type SqliteDatabase } from '@skillproof/server/sqlite';
import {
  createCheckpointSigner,
  createIssuer,
  createDatabaseTransparencyLog,
  type IssuerTables,
  issueCredential,
} from '@skillproof/issuer';
import { pinToOneCore, raceInterleaved } from '@skillproof/testing';

pinToOneCore();

const dataDir = mkdtempSync(join(tmpdir(), 'skillproof-bench-log-'));
// BENCH_LOG_SIZES=0 skips the proofs part.
const sizes = (process.env['BENCH_LOG_SIZES'] ?? '1000000,10000000')
  .split(',')
  .map(Number)
  .filter((size) => size > 1);
const format = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: 1 });

function fileBytes(path: string): number {
  let bytes = 0;
  for (const suffix of ['', '-wal']) {
    try {
      bytes += statSync(path + suffix).size;
    } catch {
      // no WAL file
    }
  }
  return bytes;
}

// 1. Durable appends, batched: 100 entries per transaction (WAL, synchronous=NORMAL, as the
// issuer runs), against inserting the same bytes into a table with no tree.
console.log('\nbench/log 1. durable appends, batched');
{
  const path = join(dataDir, 'append.db');
  const db = openDatabase(path);
  const kysely = databaseFromSqlite(db).kysely as Kysely<IssuerTables>;
  const log = await createDatabaseTransparencyLog(db);
  db.exec('CREATE TABLE plain (id INTEGER PRIMARY KEY, entry BLOB NOT NULL)');
  const plainInsert = db.prepare('INSERT INTO plain (entry) VALUES (?)');
  const entry = {
    type: 'issuance' as const,
    credentialHash: hashIssuedCredential('x'),
    badge: 'https://academy.example/achievements/sql-basics',
    format: 'jwt_vc_json' as const,
    status: [
      { purpose: 'revocation' as const, list: 'a1b2c3d4', index: 91_234 },
      { purpose: 'suspension' as const, list: 'e5f6a7b8', index: 4_711 },
    ],
    issuedAt: '2026-12-05T00:00:00.000Z',
    definition: 3,
  };
  const now = '2026-12-05T00:00:00.000Z';
  let n = 0;
  const appendBatch = (count: number) =>
    kysely.transaction().execute(async (trx) => {
      for (let i = 0; i < count; i += 1) {
        n += 1;
        await log.append(
          trx,
          { ...entry, credentialHash: hashIssuedCredential(String(n)) },
          `urn:uuid:${n}`,
          now,
        );
      }
    });
  const plainBatch = db.transaction(() => {
    for (let i = 0; i < 100; i += 1) plainInsert.run(Buffer.from(encodeLogEntry(entry)));
  });
  await raceInterleaved(
    [
      {
        name: 'log append, 100 per transaction (entry, leaf hash, nodes)',
        operation: async () => (await appendBatch(100), 100),
      },
      {
        name: 'log append, 1,000 per transaction',
        operation: async () => (await appendBatch(1000), 1000),
      },
      { name: 'baseline: plain insert of the same bytes', operation: () => (plainBatch(), 100) },
    ],
    { rounds: 5 },
  );
  db.pragma('wal_checkpoint(TRUNCATE)');
  const entries = (
    db.prepare('SELECT COUNT(*) AS c FROM issuer_log_entries').get() as { c: number }
  ).c;
  const logPages = db
    .prepare(
      `SELECT SUM(pgsize) AS bytes FROM dbstat WHERE name LIKE 'issuer_log_%' OR name LIKE 'sqlite_autoindex_issuer_log_%'`,
    )
    .get() as { bytes: number | null };
  if (logPages.bytes !== null) {
    console.log(
      `  storage: ${format(logPages.bytes / entries)} bytes per issuance entry (${format(entries)} entries, tables + indexes; entry itself ${encodeLogEntry(entry).length} bytes)`,
    );
  } else {
    console.log(`  storage: ${format(fileBytes(path) / entries)} bytes per entry (whole file)`);
  }
  db.close();
}

// 2. Proofs at 1M and 10M leaves: the tree is written straight into a temporary database (the
// same tables and node layout as appends write, in large transactions).
function buildTree(db: SqliteDatabase, size: number): void {
  const insertEntry = db.prepare(
    `INSERT INTO issuer_log_entries (leaf_index, leaf_hash, leaf_key, entry, credential_id, created_at)
     VALUES (?, ?, ?, ?, NULL, '')`,
  );
  const insertNode = db.prepare(
    'INSERT INTO issuer_log_nodes (level, node_index, hash) VALUES (?, ?, ?)',
  );
  // The left children still waiting for their right sibling, one per level.
  const frontier: Uint8Array[] = [];
  const chunk = 100_000;
  const started = performance.now();
  for (let from = 0; from < size; from += chunk) {
    db.transaction(() => {
      for (let index = from; index < Math.min(size, from + chunk); index += 1) {
        const entry = new Uint8Array(8);
        new DataView(entry.buffer).setFloat64(0, index);
        let hash = hashLeaf(entry);
        insertEntry.run(index, hash, Buffer.from(hash).readBigInt64BE(0), entry);
        let level = 0;
        for (const node of completedNodes(index)) {
          hash = hashChildren(frontier[node.level - 1] as Uint8Array, hash);
          insertNode.run(node.level, node.index, hash);
          level = node.level;
        }
        frontier[level] = hash;
      }
    })();
  }
  console.log(
    `  built ${format(size)} leaves in ${format((performance.now() - started) / 1000)} s`,
  );
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;
}

function time(label: string, runs: number, run: (i: number) => void): void {
  const samples: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const started = process.hrtime.bigint();
    run(i);
    samples.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  samples.sort((a, b) => a - b);
  console.log(
    `  ${label.padEnd(52)} p50 ${percentile(samples, 0.5).toFixed(3)} ms  p99 ${percentile(samples, 0.99).toFixed(3)} ms`,
  );
}

async function timeAsync(label: string, runs: number, run: (i: number) => Promise<void>) {
  const samples: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const started = process.hrtime.bigint();
    await run(i);
    samples.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  samples.sort((a, b) => a - b);
  console.log(
    `  ${label.padEnd(52)} p50 ${percentile(samples, 0.5).toFixed(3)} ms  p99 ${percentile(samples, 0.99).toFixed(3)} ms`,
  );
}

for (const size of sizes) {
  console.log(`\nbench/log 2. proofs at ${format(size)} leaves`);
  const path = join(dataDir, `tree-${size}.db`);
  const db = openDatabase(path);
  const log = await createDatabaseTransparencyLog(db);
  buildTree(db, size);
  console.log(`  database: ${format(fileBytes(path) / size)} bytes per leaf (8-byte entries)`);
  const root = await log.rootHash(size);
  const runs = 2000;
  const indexes = Array.from({ length: runs }, () => Math.floor(Math.random() * size));
  const froms = Array.from({ length: runs }, () => 1 + Math.floor(Math.random() * (size - 1)));
  const pointRead = db
    .prepare('SELECT leaf_hash FROM issuer_log_entries WHERE leaf_index = ?')
    .pluck();
  time('baseline: one indexed point read', runs, (i) => pointRead.get(indexes[i]));
  const inclusion: Uint8Array[][] = [];
  const consistency: Uint8Array[][] = [];
  await timeAsync('inclusion proof generation', runs, async (i) => {
    inclusion[i] = await log.inclusionProof(indexes[i]!, size);
  });
  await timeAsync('consistency proof generation', runs, async (i) => {
    consistency[i] = await log.consistencyProof(froms[i]!, size);
  });
  const readLeaf = (index: number) => pointRead.get(index) as Buffer;
  time('inclusion proof verification', runs, (i) => {
    const index = indexes[i]!;
    if (
      !verifyInclusionProof({
        index,
        size,
        leafHash: readLeaf(index),
        proof: inclusion[i]!,
        rootHash: root,
      })
    ) {
      throw new Error('an inclusion proof failed');
    }
  });
  const fromRoots = await Promise.all(froms.slice(0, 200).map((from) => log.rootHash(from)));
  time('consistency proof verification', 200, (i) => {
    if (
      !verifyConsistencyProof({
        fromSize: froms[i]!,
        fromRoot: fromRoots[i]!,
        toSize: size,
        toRoot: root,
        proof: consistency[i]!,
      })
    ) {
      throw new Error('a consistency proof failed');
    }
  });
  db.close();
  rmSync(path, { force: true });
  rmSync(`${path}-wal`, { force: true });
  rmSync(`${path}-shm`, { force: true });
}

// 3. Checkpoint signing, against a bare Ed25519 signature.
console.log('\nbench/log 3. checkpoint signing');
{
  const db = openDatabase(join(dataDir, 'checkpoints.db'));
  const log = await createDatabaseTransparencyLog(db);
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const raw = Buffer.from(publicKey.export({ format: 'jwk' }).x as string, 'base64url');
  const signer = createCheckpointSigner({
    log,
    origin: 'bench.example/log',
    key: {
      publicKey: async () => raw,
      sign: async (data: Uint8Array) => sign(null, data, privateKey),
    },
    now: () => new Date(),
  });
  let i = 0;
  const appendOne = () =>
    (databaseFromSqlite(db).kysely as Kysely<IssuerTables>).transaction().execute((trx) =>
      log.append(
        trx,
        {
          type: 'status',
          credentialHash: hashIssuedCredential(String(i++)),
          status: 'revoked',
          at: 'now',
        },
        null,
        'now',
      ),
    );
  const message = randomBytes(120);
  await raceInterleaved(
    [
      {
        name: 'append 1 entry + sign its checkpoint',
        operation: async () => {
          await appendOne();
          await signer.signNow();
        },
      },
      {
        name: 'baseline: one Ed25519 signature',
        operation: () => void sign(null, message, privateKey),
      },
    ],
    { rounds: 3 },
  );
  db.close();
}

// 4. Issuance with the log on against off (issue 17: < 10% loss), each on its own file database.
console.log('\nbench/log 4. issuance (issueCredential, jwt_vc_json) with the log on and off');
{
  const learnerDid = 'did:key:z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp';
  const quiet = { info() {}, error() {} };
  const make = async (name: string, on: boolean) => {
    const db = openDatabase(join(dataDir, `${name}.db`));
    const issuer = await createIssuer({
      db,
      keySecret: 'bench key secret',
      scryptLogN: 10,
      config: { name: 'Bench Academy', url: 'http://127.0.0.1:9' },
      log: quiet,
      transparencyLog: on ? {} : false,
    });
    const credential: W3cCredential = {
      '@context': ['https://www.w3.org/2018/credentials/v1'],
      type: ['VerifiableCredential'],
      issuer: issuer.identifier.did,
      credentialSubject: { id: learnerDid },
    };
    return { db, issuer, issue: () => issueCredential(issuer.context, credential) };
  };
  const on = await make('issue-log-on', true);
  const off = await make('issue-log-off', false);
  const [withLog, withoutLog] = await raceInterleaved(
    [
      { name: 'issue with the transparency log', operation: on.issue },
      { name: 'baseline: issue without it', operation: off.issue },
    ],
    { rounds: 10 },
  );
  console.log(
    `  with the log: ${format((100 * (withLog?.perSecond ?? 0)) / (withoutLog?.perSecond ?? 1))}% of the baseline's rate`,
  );
  await on.issuer.context.transparency?.checkpoints.stop();
  on.db.close();
  off.db.close();
}

rmSync(dataDir, { recursive: true, force: true });
