// "Anyone can verify a badge without our storage or servers": the verifier, packed as it would
// be published, installs into an empty folder with core and data-integrity alone (no express,
// SQLite or Veramo in
// its tree) and verifies real credentials there.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  achievementId,
  badgeCredential,
  fixedNow,
  makeIdentity,
  signCredential,
} from '@skillproof/testing';

const run = promisify(execFile);
const packages = join(import.meta.dirname, '..', '..', '..');

/** pnpm as the workspace runs it (a script or a native binary), else the pinned one through npx. */
function pnpm(args: string[], cwd: string) {
  const execPath = process.env['npm_execpath'];
  if (execPath === undefined || !/pnpm/.test(execPath)) {
    return run('npx', ['-y', 'pnpm@12.4.2', ...args], { cwd });
  }
  return /\.[cm]?js$/.test(execPath)
    ? run(process.execPath, [execPath, ...args], { cwd })
    : run(execPath, args, { cwd });
}

let folder: string;

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'skillproof-packed-verifier-'));
  // Built in dependency order (the verifier's service compiles against server's types).
  for (const name of ['core', 'data-integrity', 'server', 'verifier']) {
    await run(
      process.execPath,
      [
        join(packages, '..', 'node_modules', 'typescript', 'bin', 'tsc'),
        '-p',
        'tsconfig.build.json',
      ],
      { cwd: join(packages, name) },
    );
  }
  for (const name of ['core', 'data-integrity', 'verifier']) {
    await pnpm(['pack', '--pack-destination', folder], join(packages, name));
  }
  const tarballs = readdirSync(folder);
  const tarball = (name: string) => {
    const file = tarballs.find((candidate) => candidate.startsWith(`skillproof-${name}-`));
    if (file === undefined) throw new Error(`no tarball for ${name} in ${tarballs.join(', ')}`);
    return `file:./${file}`;
  };
  writeFileSync(
    join(folder, 'package.json'),
    JSON.stringify({
      name: 'someone-elses-project',
      private: true,
      type: 'module',
      dependencies: {
        '@skillproof/core': tarball('core'),
        '@skillproof/data-integrity': tarball('data-integrity'),
        '@skillproof/verifier': tarball('verifier'),
      },
    }),
  );
  await run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts'], {
    cwd: folder,
  });
}, 240_000);

afterAll(() => {
  rmSync(folder, { recursive: true, force: true });
});

describe('the packed verifier', () => {
  it('installs without express, better-sqlite3, Veramo or our server plumbing', () => {
    const installed = readdirSync(join(folder, 'node_modules'));
    expect(installed).toContain('@skillproof');
    expect(readdirSync(join(folder, 'node_modules', '@skillproof')).sort()).toEqual([
      'core',
      'data-integrity',
      'verifier',
    ]);
    for (const name of ['express', 'better-sqlite3', '@veramo', 'helmet']) {
      expect(existsSync(join(folder, 'node_modules', name))).toBe(false);
    }
  });

  it('verifies a real credential, and refuses a tampered one, in an empty project', async () => {
    const issuer = makeIdentity();
    const learner = makeIdentity();
    const credential = signCredential(issuer, badgeCredential(issuer, learner.did));
    const [header, payload, signature] = credential.proof.jwt.split('.') as [
      string,
      string,
      string,
    ];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as {
      sub: string;
    };
    claims.sub = makeIdentity().did;
    const tampered = `${header}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${signature}`;
    writeFileSync(
      join(folder, 'verify.mjs'),
      `import { verifyCredential } from '@skillproof/verifier';
const now = () => new Date(${JSON.stringify(fixedNow.toISOString())});
const good = await verifyCredential(process.argv[2], { now, trustedIssuers: [{ did: process.argv[4] }] });
const bad = await verifyCredential(process.argv[3], { now, trustedIssuers: [{ did: process.argv[4] }] });
console.log(JSON.stringify({ good: good.verified, bad: bad.verified, badCodes: bad.errors.map((e) => e.code) }));
`,
    );
    const { stdout } = await run(
      process.execPath,
      ['verify.mjs', credential.proof.jwt, tampered, issuer.did],
      {
        cwd: folder,
      },
    );
    expect(JSON.parse(stdout)).toEqual({ good: true, bad: false, badCodes: ['SIGNATURE_INVALID'] });
  });

  it('verifies a Data Integrity credential through @skillproof/verifier/data-integrity, with the pinned contexts @skillproof/data-integrity ships', async () => {
    expect(
      existsSync(
        join(folder, 'node_modules', '@skillproof', 'data-integrity', 'contexts', 'manifest.json'),
      ),
    ).toBe(true);
    const vectors = join(import.meta.dirname, '..', 'fixtures', 'vc-di-eddsa');
    writeFileSync(
      join(folder, 'verify-di.mjs'),
      `import { readFileSync } from 'node:fs';
import {
  CheckLog,
  checkDataIntegrityProof,
  createPinnedDocumentLoader,
  resolveDidKeyProofKey,
} from '@skillproof/verifier/data-integrity';
const [signedPath, examplesPath] = process.argv.slice(2);
const signed = JSON.parse(readFileSync(signedPath, 'utf8'));
const documentLoader = createPinnedDocumentLoader({
  extraDocuments: {
    'https://www.w3.org/ns/credentials/examples/v2': JSON.parse(readFileSync(examplesPath, 'utf8')),
  },
});
const options = {
  expectedProofPurpose: 'assertionMethod',
  now: () => new Date('2025-01-01T00:00:00Z'),
  clockSkewSeconds: 60,
  resolveKey: resolveDidKeyProofKey,
  documentLoader,
};
const good = await checkDataIntegrityProof(signed, options, new CheckLog());
const tampered = { ...signed, name: 'Forged Credential' };
const log = new CheckLog();
const bad = await checkDataIntegrityProof(tampered, options, log);
console.log(JSON.stringify({ good: good.ok, bad: bad.ok, badCodes: log.errors.map((e) => e.code) }));
`,
    );
    const { stdout } = await run(
      process.execPath,
      [
        'verify-di.mjs',
        join(vectors, 'eddsa-rdfc-2022', 'signedDataInt.json'),
        join(vectors, 'credentials-examples-v2.json'),
      ],
      { cwd: folder },
    );
    expect(JSON.parse(stdout)).toEqual({ good: true, bad: false, badCodes: ['SIGNATURE_INVALID'] });
  });

  it('evaluates requirements through @skillproof/verifier/requirements, without Presentation Exchange', async () => {
    expect(existsSync(join(folder, 'node_modules', '@sphereon'))).toBe(false);
    const issuer = makeIdentity();
    const learner = makeIdentity();
    const credential = signCredential(issuer, badgeCredential(issuer, learner.did));
    writeFileSync(
      join(folder, 'evaluate.mjs'),
      `import { verifyCredential } from '@skillproof/verifier';
import { evaluateRequirements } from '@skillproof/verifier/requirements';
const now = () => new Date(${JSON.stringify(fixedNow.toISOString())});
const [jwt, did, achievementId] = process.argv.slice(2);
const result = await verifyCredential(jwt, { now, trustedIssuers: [{ did }] });
const clause = { id: 'r1', type: 'badge', achievementId, acceptedIssuers: [did] };
const other = { ...clause, id: 'r2', achievementId: 'https://elsewhere.test/other' };
const one = evaluateRequirements([clause], [result]);
const both = evaluateRequirements([clause, other], [result]);
console.log(JSON.stringify({ one: one.qualified, both: both.qualified, codes: both.requirements.map((r) => r.code) }));
`,
    );
    const { stdout } = await run(
      process.execPath,
      ['evaluate.mjs', credential.proof.jwt, issuer.did, achievementId],
      { cwd: folder },
    );
    expect(JSON.parse(stdout)).toEqual({ one: true, both: false, codes: ['met', 'missing'] });
  });
});
