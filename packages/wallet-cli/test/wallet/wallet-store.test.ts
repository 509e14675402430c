import { describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { badgeCredential, makeIdentity, signCredential } from '@skillproof/testing';
import {
  didCommand,
  importCommand,
  initCommand,
  listCommand,
  walletPaths,
  WalletStore,
} from '@skillproof/wallet-cli';
import { makeTestContext } from '../fixtures/test-context.js';

const issuer = makeIdentity();
function badgeFor(did: string, id: string) {
  return signCredential(issuer, badgeCredential(issuer, did, { id })).proof.jwt;
}

describe('the wallet store', () => {
  it('writes atomically: 0600 files, no temporary files left', async () => {
    const { context, home } = makeTestContext();
    const { did } = await initCommand(context);
    WalletStore.open(home).saveCredential(badgeFor(did, 'urn:uuid:1'), { receivedAt: new Date() });
    expect(readdirSync(home).sort()).toEqual(['keys.json', 'wallet.json']);
    expect(statSync(walletPaths(home).data).mode & 0o777).toBe(0o600);
    expect(statSync(home).mode & 0o777).toBe(0o700);
  });

  it('loses nothing when two commands write at once: each change re-reads the file', async () => {
    const { context, home } = makeTestContext();
    const { did } = await initCommand(context);
    const first = WalletStore.open(home);
    const second = WalletStore.open(home);
    first.saveCredential(badgeFor(did, 'urn:uuid:1'), { receivedAt: new Date() });
    second.saveCredential(badgeFor(did, 'urn:uuid:2'), { receivedAt: new Date() });
    second.saveCredential(badgeFor(did, 'urn:uuid:1'), { receivedAt: new Date() });
    expect(WalletStore.open(home).credentials.map((entry) => entry.id)).toEqual([
      'urn:uuid:1',
      'urn:uuid:2',
    ]);
  });

  it('loses nothing when several processes write at once (the lock file)', async () => {
    const dist = fileURLToPath(new URL('../../dist/index.js', import.meta.url));
    if (!existsSync(dist)) throw new Error(`${dist} is missing: run \`pnpm run build\` first`);
    const { context, home } = makeTestContext();
    const { did } = await initCommand(context);
    const processes = 4;
    const each = 10;
    const jwts = Array.from({ length: processes * each }, (_, index) =>
      badgeFor(did, `urn:uuid:${index}`),
    );
    const file = join(home, '..', 'jwts.json');
    writeFileSync(file, JSON.stringify(jwts));
    const writer = `
      import { readFileSync } from 'node:fs';
      import { WalletStore } from ${JSON.stringify(dist)};
      const [home, file, from, count] = process.argv.slice(1);
      const jwts = JSON.parse(readFileSync(file, 'utf8')).slice(Number(from), Number(from) + Number(count));
      for (const jwt of jwts) WalletStore.open(home).saveCredential(jwt, { receivedAt: new Date() });
    `;
    const exits = await Promise.all(
      Array.from(
        { length: processes },
        (_, index) =>
          new Promise<number | null>((resolve) => {
            const child = spawn(
              process.execPath,
              ['--input-type=module', '-e', writer, home, file, String(index * each), String(each)],
              { stdio: 'inherit' },
            );
            child.on('close', resolve);
          }),
      ),
    );
    expect(exits).toEqual(Array(processes).fill(0));
    const ids = WalletStore.open(home).credentials.map((entry) => entry.id);
    expect(new Set(ids).size).toBe(processes * each);
  });

  it('reads a version 2 wallet (before practice), and writes it as version 3 at the next change', async () => {
    const { context, home } = makeTestContext();
    const { did } = await initCommand(context);
    const { practice, ...rest } = JSON.parse(readFileSync(walletPaths(home).data, 'utf8'));
    expect(practice).toEqual({ decks: [], cards: [], reviews: [] });
    writeFileSync(walletPaths(home).data, JSON.stringify({ ...rest, version: 2 }));
    const store = WalletStore.open(home);
    expect(store.practice).toEqual({ decks: [], cards: [], reviews: [] });
    store.saveCredential(badgeFor(did, 'urn:uuid:1'), { receivedAt: new Date() });
    const written = JSON.parse(readFileSync(walletPaths(home).data, 'utf8'));
    expect(written).toMatchObject({ version: 3, practice: { decks: [], cards: [], reviews: [] } });
  });

  it('refuses a wallet whose practice is damaged', async () => {
    const { context, home } = makeTestContext();
    await initCommand(context);
    const data = JSON.parse(readFileSync(walletPaths(home).data, 'utf8'));
    writeFileSync(
      walletPaths(home).data,
      JSON.stringify({ ...data, practice: { decks: [], cards: [{ item: 'p1' }], reviews: [] } }),
    );
    await expect(listCommand(context)).rejects.toMatchObject({
      code: 'CONFIGURATION_INVALID',
      message: expect.stringContaining('practice.cards[0] is incomplete'),
    });
  });

  it('takes over the lock of a command that died', async () => {
    const { context, home } = makeTestContext();
    const { did } = await initCommand(context);
    // A pid that can't be running: the kernel's limit is below 2^22 + 1.
    writeFileSync(walletPaths(home).lock, String(2 ** 22 + 1));
    WalletStore.open(home).saveCredential(badgeFor(did, 'urn:uuid:1'), { receivedAt: new Date() });
    expect(() => statSync(walletPaths(home).lock)).toThrow();
  });

  it.each([
    ['not JSON', '{"format": "skillproof-wallet", '],
    [
      'the wrong shape',
      JSON.stringify({ format: 'skillproof-wallet', version: 1, did: 'did:key:z6Mk' }),
    ],
    ['a future version', JSON.stringify({ format: 'skillproof-wallet', version: 9 })],
  ])(
    'never overwrites a damaged wallet file (%s) and says how to restore from a backup',
    async (_case, damaged) => {
      const { context, home } = makeTestContext();
      await initCommand(context);
      writeFileSync(walletPaths(home).data, damaged);
      const keys = readFileSync(walletPaths(home).keys, 'utf8');
      for (const command of [
        () => listCommand(context),
        () => didCommand(context),
        () => initCommand(context),
        () => importCommand(context, 'backup.json'),
      ]) {
        await expect(command()).rejects.toMatchObject({
          message: expect.stringMatching(/damaged|already exists/),
        });
      }
      await expect(listCommand(context)).rejects.toMatchObject({
        code: 'CONFIGURATION_INVALID',
        message: expect.stringContaining('skillproof import <backup file>'),
      });
      expect(readFileSync(walletPaths(home).data, 'utf8')).toBe(damaged);
      expect(readFileSync(walletPaths(home).keys, 'utf8')).toBe(keys);
    },
  );

  it('reports a wallet whose data file is missing but whose key is there as damaged', async () => {
    const { context, home } = makeTestContext();
    await initCommand(context);
    rmSync(walletPaths(home).data);
    await expect(listCommand(context)).rejects.toMatchObject({
      code: 'CONFIGURATION_INVALID',
      message: expect.stringContaining('skillproof import'),
    });
    await expect(initCommand(context)).rejects.toMatchObject({ code: 'CONFLICT' });
  });
});
