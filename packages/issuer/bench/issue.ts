// bench/issue: badges issued per second on one core, through the issuance function (status
// index, signing, storage in a file SQLite database in WAL mode), through HTTP
// (`POST /credentials/issue` over loopback) and through the whole OpenID4VCI round trip (token,
// nonce, key proof, credential; offers made beforehand), against Veramo's plain
// `agent.createVerifiableCredential({proofFormat: 'jwt'})` measured in the same run.
// Run: `pnpm bench:issue` from the repository root. With BENCH_DATABASE_URL (a PostgreSQL server,
// a role that may CREATE DATABASE) it instead compares, in one run, the built issuer on SQLite one
// instance, PostgreSQL one instance and PostgreSQL two instances (bench/issue-engines.ts;
// BENCH_ENGINE_ISSUANCES, default 2000, and BENCH_CONNECTIONS, default 16).
import type { JwtVerifiableCredential } from '@skillproof/core';
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, createServer, request, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  didKeyFromEd25519PublicKey,
  signEd25519Jwt,
  verifyDidJws,
  type W3cCredential,
} from '@skillproof/core';
import { openDatabase } from '@skillproof/server/sqlite';
import {
  awardBadge,
  buildBadgeCredential,
  createCredentialOffer,
  createIssuer,
  credentialStatusEntries,
  findBadge,
  issueCredential,
  loadDefaultCatalog,
} from '@skillproof/issuer';
import { pinToOneCore, raceInterleaved, type RaceFigure } from '@skillproof/testing';
import { compareIssuerEngines } from './issue-engines.js';

const benchDatabaseUrl = process.env['BENCH_DATABASE_URL']?.trim();
if (benchDatabaseUrl) {
  // The instances are processes of their own, free to use every core.
  await compareIssuerEngines(benchDatabaseUrl);
  process.exit(process.exitCode ?? 0);
}

// Pin to one core (the targets are per core).
pinToOneCore();

const adminToken = 'bench-admin-token-0123456789';
const learnerDid = 'did:key:z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp';
const quiet = { info() {}, error() {} };
const unthrottled = { limit: 1_000_000_000, windowMs: 60_000 };

// The issuer as `main.ts` runs it: a file database (WAL, synchronous=NORMAL), listening on
// loopback at its own URL, so that its credentials point at its own status lists.
const dataDir = mkdtempSync(join(tmpdir(), 'skillproof-bench-issue-'));
const db = openDatabase(join(dataDir, 'issuer.db'));
// The app is built once the port (part of its URL) is known.
const listener: { app?: RequestListener } = {};
const server = createServer((req, res) => listener.app?.(req, res));
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
const issuer = await createIssuer({
  db,
  keySecret: 'bench key secret',
  scryptLogN: 10,
  config: { name: 'Bench Academy', url, adminToken },
  // The round trips all come from one loopback address: limits no run reaches, so that the
  // figures measure issuance, not 429s.
  rateLimits: {
    oid4vciToken: unthrottled,
    oid4vciNonce: unthrottled,
    oid4vciCredential: unthrottled,
  },
  log: quiet,
});
listener.app = issuer.app;
const ctx = issuer.context;
const profile = ctx.profile;

const catalog = loadDefaultCatalog();
const badge = findBadge(catalog, 'python-problems-1');

const grade = { score: 100, correct: 5, total: 5, passed: true };

// The baseline signs exactly the badge awardBadge signs (same claims, status entries included),
// so that the ratios measure the bookkeeping (status index, storage, HTTP) and nothing else.
const sampleStatus = credentialStatusEntries(url, [
  { purpose: 'revocation', listId: 'revocation-1', index: 0 },
  { purpose: 'suspension', listId: 'suspension-1', index: 0 },
]);

function badgeCredential(): W3cCredential {
  return buildBadgeCredential({
    id: `urn:uuid:${randomUUID()}`,
    issuer: profile,
    baseUrl: url,
    badge,
    learnerDid,
    grade,
    credentialStatus: sampleStatus,
    now: new Date(),
  });
}

/** The same badge as the VC-API receives it: the issuer adds the id, the date and the status. */
function badgeRequest(): W3cCredential {
  const {
    id: _id,
    issuanceDate: _issued,
    credentialStatus: _status,
    ...credential
  } = badgeCredential();
  return credential as W3cCredential;
}

async function veramoIssue(): Promise<string> {
  const credential = badgeCredential();
  const vc = await issuer.agent.createVerifiableCredential({
    credential: {
      ...credential,
      // Veramo types credentialStatus as one entry; JWT VCs carry the array as given.
      credentialStatus: credential.credentialStatus as { id: string; type: string },
    },
    proofFormat: 'jwt',
  });
  return (vc.proof as { jwt: string }).jwt;
}

async function ourIssue(): Promise<string> {
  const issued = (await issueCredential(ctx, badgeRequest())) as JwtVerifiableCredential;
  return issued.proof.jwt;
}

let attempts = 0;
async function badgeIssue(): Promise<string> {
  // A learner of their own for each badge (a learner holds one per achievement), and the
  // attempt row the grade is recorded on.
  attempts += 1;
  const attempt = { id: `bench-${attempts}`, did: `${learnerDid}-${attempts}`, attemptNumber: 1 };
  const created = new Date();
  await issuer.store.saveAttempt({
    ...attempt,
    badge: badge.id,
    createdAt: created.toISOString(),
    expiresAt: new Date(created.getTime() + 60_000).toISOString(),
  });
  const award = await awardBadge(ctx, { attempt, badge, grade });
  if (award.outcome !== 'issued' || award.credential.format !== 'jwt_vc_json') {
    throw new Error(`awardBadge ${award.outcome}, not issued as a JWT`);
  }
  return award.credential.jwt;
}

const httpAgent = new Agent({ keepAlive: true, maxSockets: 8 });
const issueBody = JSON.stringify({ credential: badgeRequest() });

/**
 * One `POST /credentials/issue`. The client shares the core with the server, so it does no
 * more than a client must: it checks the status and, when asked, reads the JWT out of the body.
 */
function httpIssue(readJwt = false): Promise<string> {
  return new Promise((resolve, reject) => {
    const post = request(
      `${url}/credentials/issue`,
      {
        method: 'POST',
        agent: httpAgent,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(issueBody),
          authorization: `Bearer ${adminToken}`,
        },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          if (response.statusCode !== 201) {
            const text = Buffer.concat(chunks).toString('utf8');
            reject(new Error(`POST /credentials/issue answered ${response.statusCode}: ${text}`));
            return;
          }
          if (!readJwt) {
            resolve('');
            return;
          }
          const text = Buffer.concat(chunks).toString('utf8');
          resolve(
            (JSON.parse(text) as { verifiableCredential: { proof: { jwt: string } } })
              .verifiableCredential.proof.jwt,
          );
        });
      },
    );
    post.on('error', reject);
    post.end(issueBody);
  });
}

// OpenID4VCI: a wallet key, a passed attempt of its own, and offers made for it beforehand
// (outside the timed part); a round trip redeems one offer's code and tx code for an access
// token, fetches a c_nonce, signs a key proof and receives the badge (jwt_vc_json).
const wallet = generateKeyPairSync('ed25519');
const walletDid = didKeyFromEd25519PublicKey(
  Buffer.from((wallet.publicKey.export({ format: 'jwk' }) as { x: string }).x, 'base64url'),
);
const walletKid = `${walletDid}#${walletDid.slice('did:key:'.length)}`;
const walletAttempt = { id: 'bench-oid4vci', did: walletDid, attemptNumber: 1 };
await issuer.store.saveAttempt({
  ...walletAttempt,
  badge: badge.id,
  createdAt: new Date().toISOString(),
  expiresAt: new Date(Date.now() + 60_000).toISOString(),
});
await awardBadge(ctx, { attempt: walletAttempt, badge, grade });

interface ReadyOffer {
  code: string;
  txCode: string;
}
const offers: ReadyOffer[] = [];
async function makeOffers(count: number): Promise<void> {
  for (let i = 0; i < count; i++) {
    const offer = await createCredentialOffer(ctx, {
      badgeId: badge.id,
      attemptId: walletAttempt.id,
      subjectDid: walletDid,
      formats: ['jwt_vc_json'],
      txCode: true,
    });
    const grants = offer.credentialOffer['grants'] as Record<
      string,
      { 'pre-authorized_code': string }
    >;
    const code =
      grants['urn:ietf:params:oauth:grant-type:pre-authorized_code']?.['pre-authorized_code'];
    offers.push({ code: code as string, txCode: offer.txCode as string });
  }
}

function post(
  path: string,
  body: string,
  headers: Record<string, string>,
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const sent = request(
      `${url}${path}`,
      {
        method: 'POST',
        agent: httpAgent,
        headers: { ...headers, 'content-length': Buffer.byteLength(body) },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            text: Buffer.concat(chunks).toString('utf8'),
          }),
        );
      },
    );
    sent.on('error', reject);
    sent.end(body);
  });
}

function expectOk(
  step: string,
  response: { status: number; text: string },
): Record<string, unknown> {
  if (response.status !== 200)
    throw new Error(`${step} answered ${response.status}: ${response.text}`);
  return JSON.parse(response.text) as Record<string, unknown>;
}

/** One OpenID4VCI round trip over loopback HTTP; resolves to the credential (a JWT). */
async function oid4vciIssue(): Promise<string> {
  const offer = offers.pop();
  if (!offer) throw new Error('the bench ran out of offers made beforehand');
  const token = expectOk(
    'POST /oid4vci/token',
    await post(
      '/oid4vci/token',
      new URLSearchParams({
        grant_type: 'urn:ietf:params:oauth:grant-type:pre-authorized_code',
        'pre-authorized_code': offer.code,
        tx_code: offer.txCode,
      }).toString(),
      { 'content-type': 'application/x-www-form-urlencoded' },
    ),
  );
  const nonce = expectOk('POST /oid4vci/nonce', await post('/oid4vci/nonce', '', {}));
  const proof = signEd25519Jwt(
    { alg: 'EdDSA', typ: 'openid4vci-proof+jwt', kid: walletKid },
    { aud: url, iat: Math.floor(Date.now() / 1000), nonce: nonce['c_nonce'] },
    wallet.privateKey,
  );
  const issued = expectOk(
    'POST /oid4vci/credential',
    await post(
      '/oid4vci/credential',
      JSON.stringify({
        credential_configuration_id: `${badge.id}.jwt_vc_json`,
        proofs: { jwt: [proof] },
      }),
      {
        'content-type': 'application/json',
        authorization: `Bearer ${String(token['access_token'])}`,
      },
    ),
  );
  return (issued['credentials'] as Array<{ credential: string }>)[0]?.credential ?? '';
}

const httpInFlight = 4;

// Offers for the check below, the warm-up and the timed rounds (1,000 a round, several times
// above what the round trip reaches on one core).
const rounds = 7;
await makeOffers(60 + rounds * 1000);

// Every path must really issue what it is timed on: a JWT signed by the issuer's DID.
for (const [name, issue] of [
  ['Veramo', veramoIssue],
  ['issueCredential', ourIssue],
  ['awardBadge', badgeIssue],
  ['HTTP', () => httpIssue(true)],
  ['OpenID4VCI', oid4vciIssue],
] as const) {
  const verified = verifyDidJws(await issue());
  if (!verified.ok || verified.did !== issuer.identifier.did) {
    throw new Error(`${name} did not issue a credential signed by the issuer`);
  }
}

console.log(`\nbench/issue — Node ${process.version}, ${cpus()[0]?.model ?? 'unknown CPU'}`);
console.log(
  'one badge = the OpenBadgeCredential awardBadge builds (Python Problem Solver I), a JWT (EdDSA, key in the encrypted KMS)',
);
console.log(
  `SQLite file in WAL mode; HTTP with ${httpInFlight} requests in flight over loopback, client in the same process`,
);
console.log(`${rounds} interleaved rounds each; medians\n`);
const [baseline, badgeFigure, functionFigure, httpFigure, oid4vciFigure] = await raceInterleaved(
  [
    {
      name: "Veramo agent.createVerifiableCredential({proofFormat:'jwt'}) (baseline)",
      operation: veramoIssue,
    },
    {
      name: 'awardBadge (badge issuance: grade, award decision, status index, signing, storage)',
      operation: badgeIssue,
    },
    {
      name: 'issueCredential (VC-API issuance: status index, signing, storage)',
      operation: ourIssue,
    },
    {
      name: 'POST /credentials/issue over loopback HTTP',
      operation: async () =>
        (await Promise.all(Array.from({ length: httpInFlight }, () => httpIssue()))).length,
    },
    {
      name: 'OpenID4VCI round trip (token + nonce + proof + credential) over loopback HTTP',
      operation: async () =>
        (await Promise.all(Array.from({ length: httpInFlight }, () => oid4vciIssue()))).length,
    },
  ],
  { rounds },
);

const ratio = (figure: RaceFigure | undefined, target: number): string => {
  const value = (figure?.perSecond ?? 0) / (baseline?.perSecond ?? 1);
  return `${(value * 100).toFixed(0)}% of the baseline (target >= ${target * 100}%: ${value >= target ? 'met' : 'NOT met'})`;
};
console.log('\nratios');
console.log(`  awardBadge         ${ratio(badgeFigure, 0.9)}`);
console.log(`  issueCredential    ${ratio(functionFigure, 0.9)}`);
console.log(`  HTTP               ${ratio(httpFigure, 0.5)}`);
const oid4vciShare = (oid4vciFigure?.perSecond ?? 0) / (httpFigure?.perSecond ?? 1);
console.log(
  `  OpenID4VCI         ${(oid4vciShare * 100).toFixed(0)}% of POST /credentials/issue over HTTP (target >= 40%: ${oid4vciShare >= 0.4 ? 'met' : 'NOT met'}); ${offers.length} offers left unused`,
);

httpAgent.destroy();
server.closeAllConnections();
server.close();
db.close();
rmSync(dataDir, { recursive: true, force: true });
