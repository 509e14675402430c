import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { JwtVerifiableCredential } from '@skillproof/core';
import { openDatabase } from '@skillproof/server/sqlite';
import { verifyCredential } from '@skillproof/verifier';
import { runAdmin } from '../../src/admin/run-admin.js';
import {
  issueLoopbackCredential,
  startLoopbackIssuer,
  type LoopbackIssuer,
} from '../fixtures/loopback-issuer.js';

const alice = 'did:key:z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp';
const bob = 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK';

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
