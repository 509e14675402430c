import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import {
  decodeLogEntry,
  hashIssuedCredential,
  type JwtVerifiableCredential,
} from '@skillproof/core';
import { openDatabase } from '@skillproof/server/sqlite';
import { openBadgeV2Credential } from '@skillproof/testing';
import { verifyCredential } from '@skillproof/verifier';
import { runAdmin } from '../../src/admin/run-admin.js';
import {
  issueLoopbackCredential,
  startLoopbackIssuer,
  type LoopbackIssuer,
} from '../fixtures/loopback-issuer.js';

const alice = 'did:key:z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp';
const bob = 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK';
const carol = 'did:key:z6MkjchhfUsD6mmvni8mCdXHw216Xrm9bQe2mBH1P5RDjVJG';
const dave = 'did:key:z6MknGc3ocHs3zdPiJbnaaqDi58NGb4pk1Sp9WxWufuXSdxf';

interface ListedCredential {
  credentialId: string;
  subjectDid: string | null;
  revoked: boolean | null;
  suspended: boolean | null;
}

describe('the admin command, on a running issuer’s data directory', () => {
  let dataDir: string;
  let issuer: LoopbackIssuer;
  const issued: Record<string, JwtVerifiableCredential> = {};

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'skillproof-issuer-admin-'));
    issuer = await startLoopbackIssuer({ db: openDatabase(join(dataDir, 'issuer.db')) });
    for (const [name, subject] of [
      ['alice1', alice],
      ['alice2', alice],
      ['bob1', bob],
    ] as const) {
      issued[name] = await issueLoopbackCredential(issuer, subject);
    }
  });

  afterAll(async () => {
    await issuer.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const admin = (...args: string[]) => runAdmin(args, { dataDir });
  const adminJson = async (...args: string[]) =>
    JSON.parse(await admin(...args, '--json')) as ListedCredential[];
  const errorsOf = async (name: string) =>
    (await verifyCredential(issued[name], issuer.policy())).errors.map((check) => check.code);

  it('lists every credential issued, as JSON or as a table', async () => {
    const listed = await adminJson('list');
    expect(listed.map((row) => row.credentialId)).toEqual(
      expect.arrayContaining([issued['alice1']?.id, issued['alice2']?.id, issued['bob1']?.id]),
    );
    expect(listed).toHaveLength(3);
    expect(listed.every((row) => row.revoked === false && row.suspended === false)).toBe(true);

    const table = await admin('list', '--learner', bob);
    const lines = table.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^ID\s+STATUS\s+ISSUED\s+LEARNER\s+ACHIEVEMENT$/);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(issued['bob1']?.id);
    expect(lines[1]).toContain('active');
  });

  it('suspends and reinstates by id; the running issuer publishes each change at once', async () => {
    const id = issued['bob1']?.id as string;
    expect(await adminJson('suspend', '--id', id)).toEqual([
      expect.objectContaining({ credentialId: id, suspended: true, revoked: false }),
    ]);
    expect(await errorsOf('bob1')).toEqual(['STATUS_SUSPENDED']);
    expect(await admin('list', '--learner', bob)).toContain('suspended');

    await admin('reinstate', '--id', id);
    expect(await errorsOf('bob1')).toEqual([]);
  });

  it("revokes every credential of a learner, and nobody else's", async () => {
    const revoked = await adminJson('revoke', '--learner', alice);
    expect(revoked.map((row) => row.credentialId).sort()).toEqual(
      [issued['alice1']?.id, issued['alice2']?.id].sort(),
    );
    expect(await errorsOf('alice1')).toEqual(['STATUS_REVOKED']);
    expect(await errorsOf('alice2')).toEqual(['STATUS_REVOKED']);
    expect(await errorsOf('bob1')).toEqual([]);
    // Revocation is permanent: reinstating a learner lifts suspensions only.
    await admin('reinstate', '--learner', alice);
    expect(await errorsOf('alice1')).toEqual(['STATUS_REVOKED']);

    // Each revocation is in the transparency log, as the service logs it (issue 17).
    const statusEntries = (
      issuer.db.prepare('SELECT entry FROM issuer_log_entries').all() as { entry: Buffer }[]
    )
      .map((row) => decodeLogEntry(new Uint8Array(row.entry)))
      .filter((entry) => entry?.type === 'status');
    expect(statusEntries).toEqual(
      expect.arrayContaining(
        ['alice1', 'alice2'].map((name) =>
          expect.objectContaining({
            status: 'revoked',
            credentialHash: hashIssuedCredential(issued[name]!.proof.jwt),
          }),
        ),
      ),
    );
  });

  /** A VCDM 2.0 Open Badge issued through the VC-API (ldp_vc): one status entry, revocation. */
  async function issueOpenBadgeV2(subject: string): Promise<Record<string, unknown>> {
    const {
      id: _id,
      credentialStatus: _status,
      ...badge
    } = openBadgeV2Credential(issuer.identifier.did, subject);
    const response = await issuer.call('/credentials/issue', { body: { credential: badge } });
    expect(response.status).toBe(201);
    return ((await response.json()) as { verifiableCredential: Record<string, unknown> })
      .verifiableCredential;
  }

  it('suspends a learner’s credentials that can be, leaving their VCDM 2.0 Open Badges as they are', async () => {
    const jwt = await issueLoopbackCredential(issuer, dave);
    const badge = await issueOpenBadgeV2(dave);
    const suspended = await adminJson('suspend', '--learner', dave);
    expect(suspended).toEqual([
      expect.objectContaining({ credentialId: jwt.id, revoked: false, suspended: true }),
    ]);
    expect(await adminJson('list', '--learner', dave)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ credentialId: badge['id'], revoked: false, suspended: null }),
      ]),
    );
    expect((await verifyCredential(badge, issuer.policy())).errors).toEqual([]);
  });

  it('refuses to suspend an Open Badge on VCDM 2.0, which can only be revoked, and revokes it', async () => {
    const vc = await issueOpenBadgeV2(carol);
    const id = vc['id'] as string;

    await expect(admin('suspend', '--id', id)).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringMatching(/has no suspension status entry .*it can only be revoked$/),
    });
    // A learner's credentials that can't be suspended are left alone; with nothing else, a 409.
    await expect(admin('suspend', '--learner', carol)).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('can only be revoked'),
    });
    expect(await adminJson('list', '--learner', carol)).toEqual([
      expect.objectContaining({ credentialId: id, revoked: false, suspended: null }),
    ]);
    expect((await verifyCredential(vc, issuer.policy())).errors).toEqual([]);

    expect(await adminJson('revoke', '--id', id)).toEqual([
      expect.objectContaining({ credentialId: id, revoked: true, suspended: null }),
    ]);
    expect((await verifyCredential(vc, issuer.policy())).errors.map((check) => check.code)).toEqual(
      ['STATUS_REVOKED'],
    );
  });

  it.each([
    [['frobnicate', '--id', 'x'], /unknown command "frobnicate"/],
    [['revoke'], /exactly one of --id/],
    [['revoke', '--id', 'x', '--learner', alice], /exactly one of --id/],
    [['revoke', '--colour', 'red'], /Unknown option '--colour'/],
    [['list', '--id', 'x'], /list takes no --id/],
  ])('refuses bad arguments %j with the usage', async (args, message) => {
    await expect(runAdmin(args, { dataDir })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      message: expect.stringMatching(message),
    });
    await expect(runAdmin(args, { dataDir })).rejects.toMatchObject({
      message: expect.stringContaining('usage: admin'),
    });
  });

  it('says when nothing matches', async () => {
    await expect(admin('revoke', '--id', 'urn:uuid:nope')).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(
      admin('suspend', '--learner', 'did:key:z6MknobodyXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX'),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('refuses a data directory without an issuer database, creating nothing', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'skillproof-issuer-admin-empty-'));
    try {
      await expect(runAdmin(['list'], { dataDir: empty })).rejects.toMatchObject({
        code: 'CONFIGURATION_INVALID',
        message: expect.stringContaining('no issuer database'),
      });
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });

  it('prints its usage for help', async () => {
    expect(await runAdmin([], { dataDir })).toContain('usage: admin');
    expect(await runAdmin([], { dataDir })).toContain('rotate-key');
    expect(await runAdmin(['help'], { dataDir })).toContain('revoke');
  });

  it('refuses rotate-key on a did:key issuer: there is no did:web identity to rotate', async () => {
    await expect(
      runAdmin(['rotate-key'], { dataDir, keySecret: 'loopback issuer secret' }),
    ).rejects.toMatchObject({ code: 'CONFIGURATION_INVALID' });
  });
});

describe('admin migrate', () => {
  it('makes the schema of a new data directory, then finds it up to date', async () => {
    const dataDir = join(mkdtempSync(join(tmpdir(), 'skillproof-issuer-migrate-')), 'issuer');
    try {
      const first = await runAdmin(['migrate'], { dataDir });
      expect(first).toContain('issuer: applied 1, 2, 3, 4, 5, 6, 7, 8, 9\n');
      expect(first).toContain('issuer-web: applied 1, 2\n');
      expect(first).toContain('rate-limits: applied 1\n');
      expect(await runAdmin(['migrate', '--json'], { dataDir })).toBe(
        `${JSON.stringify({ issuer: [], 'issuer-web': [], 'rate-limits': [], agent: [] }, null, 2)}\n`,
      );
      // The other commands now find an issuer database there.
      expect(await runAdmin(['list', '--json'], { dataDir })).toBe('[]\n');
    } finally {
      rmSync(dirname(dataDir), { recursive: true, force: true });
    }
  });

  it('refuses arguments it does not take', async () => {
    await expect(
      runAdmin(['migrate', '--id', 'x'], { dataDir: '/nonexistent' }),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });
});
