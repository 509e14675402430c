import { afterEach, describe, expect, it } from '@jest/globals';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  exportCommand,
  importCommand,
  listCommand,
  readTaskClaims,
  saveTaskClaim,
  showCommand,
  unlockKeystore,
  WalletStore,
} from '@skillproof/wallet-cli';
import { makeTestContext, testPassphrase } from '../fixtures/test-context.js';
import { walletWithBadges } from '../fixtures/wallet-with-badges.js';

const servers: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function exported() {
  const wallet = await walletWithBadges();
  servers.push(wallet.server);
  const file = join(wallet.home, '..', 'backup.json');
  await exportCommand(wallet.context, { out: file });
  return { ...wallet, file };
}

describe('skillproof export / import', () => {
  it('restores the key and badges into a new home, and the badges still verify', async () => {
    const { file, did, git, home } = await exported();
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const text = readFileSync(file, 'utf8');
    // Encrypted: neither the badges nor the key are readable in the file.
    expect(text).not.toContain(git.proof.jwt.split('.')[1]);
    expect(text).not.toContain('Git Basics');
    expect(JSON.parse(text)).toMatchObject({
      format: 'skillproof-backup',
      did,
      sealed: { kdf: { name: 'scrypt' }, cipher: 'aes-256-gcm' },
    });

    const restored = makeTestContext();
    const result = await importCommand(restored.context, file);
    expect(result).toMatchObject({ did, credentials: 2, applications: 0 });
    expect(statSync(restored.home).mode & 0o777).toBe(0o700);
    expect((await unlockKeystore(restored.home, testPassphrase)).did).toBe(did);
    expect(WalletStore.open(restored.home).snapshot).toEqual(WalletStore.open(home).snapshot);
    expect((await listCommand(restored.context)).map((badge) => badge.badge)).toEqual([
      'Git Basics',
      'SQL Basics',
    ]);
    const shown = await showCommand(restored.context, 'git-basics');
    expect(shown.verification.verified).toBe(true);
  });

  it('carries the paid-task claims, sealed, and restores them', async () => {
    const wallet = await walletWithBadges();
    servers.push(wallet.server);
    const claim = {
      postingUrl: 'https://jobs.example/postings/p1',
      postingTitle: 'Tidy the changelog',
      claimId: '1',
      address: 'tb1qw508d6qejxtdg4y5r3zarvary0c5xw7kxpjzsx',
      network: 'testnet',
      rewardSats: 12_345,
      claimedAt: '2026-12-01T10:00:00.000Z',
    };
    saveTaskClaim(wallet.home, claim);
    const file = join(wallet.home, '..', 'backup-claims.json');
    const made = await exportCommand(wallet.context, { out: file });
    expect(made).toMatchObject({ claims: 1, paymentSeed: false });
    const text = readFileSync(file, 'utf8');
    expect(text).not.toContain(claim.address);
    expect(text).not.toContain('Tidy the changelog');

    const restored = makeTestContext();
    expect(await importCommand(restored.context, file)).toMatchObject({ claims: 1 });
    expect(readTaskClaims(restored.home)).toEqual([claim]);
  });

  it('refuses a wrong passphrase and writes nothing', async () => {
    const { file } = await exported();
    const restored = makeTestContext({ env: { SKILLPROOF_PASSPHRASE: 'another passphrase' } });
    await expect(importCommand(restored.context, file)).rejects.toMatchObject({
      code: 'KEY_SECRET_INVALID',
      message: expect.stringContaining('wrong passphrase'),
    });
    expect(existsSync(restored.home)).toBe(false);
  });

  it('refuses a tampered backup', async () => {
    const { file } = await exported();
    const backup = JSON.parse(readFileSync(file, 'utf8')) as { sealed: { ciphertext: string } };
    const flipped = backup.sealed.ciphertext.startsWith('A') ? 'B' : 'A';
    backup.sealed.ciphertext = flipped + backup.sealed.ciphertext.slice(1);
    writeFileSync(file, JSON.stringify(backup));
    await expect(importCommand(makeTestContext().context, file)).rejects.toMatchObject({
      code: 'KEY_SECRET_INVALID',
    });
  });

  it('never replaces a file or a wallet', async () => {
    const { file, context } = await exported();
    const before = readFileSync(file, 'utf8');
    await expect(exportCommand(context, { out: file })).rejects.toThrow(
      /exists; give a new file name/,
    );
    expect(readFileSync(file, 'utf8')).toBe(before);
    await expect(importCommand(context, file)).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('says what a file that is not a backup is', async () => {
    const { home } = await exported();
    const notBackup = join(home, '..', 'not-backup.json');
    writeFileSync(notBackup, '{"hello": 1}');
    await expect(importCommand(makeTestContext().context, notBackup)).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      message: expect.stringContaining('skillproof export'),
    });
    await expect(importCommand(makeTestContext().context, join(home, 'nope.json'))).rejects.toThrow(
      /cannot read/,
    );
  });
});
