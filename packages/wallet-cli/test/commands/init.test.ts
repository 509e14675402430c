import { describe, expect, it } from '@jest/globals';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import {
  didCommand,
  initCommand,
  tasksCommand,
  listCommand,
  unlockWallet,
  WalletStore,
} from '@skillproof/wallet-cli';
import { makeTestContext } from '../fixtures/test-context.js';

describe('skillproof init / did / list', () => {
  it('creates a wallet with a did:key, private to its owner', async () => {
    const { context, printed, home } = makeTestContext();
    const { did } = await initCommand(context);
    expect(did).toMatch(/^did:key:z6Mk/);
    expect(printed.stdout).toContain(did);
    expect(statSync(home).mode & 0o777).toBe(0o700);
    expect((await didCommand(context)).did).toBe(did);
    expect(statSync(join(home, 'wallet.db')).isFile()).toBe(true);
  });

  it('never overwrites an existing wallet', async () => {
    const { context } = makeTestContext();
    const { did } = await initCommand(context);
    await expect(initCommand(context)).rejects.toMatchObject({ code: 'CONFLICT' });
    expect((await didCommand(context)).did).toBe(did);
  });

  it('asks for the passphrase twice and refuses a mismatch', async () => {
    const { context, home } = makeTestContext({
      env: {},
      answers: ['first passphrase', 'second passphrase'],
    });
    await expect(initCommand(context)).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(() => statSync(join(home, 'wallet.db'))).toThrow();
  });

  it('refuses a passphrase shorter than 8 characters', async () => {
    const { context } = makeTestContext({ env: { SKILLPROOF_PASSPHRASE: 'short' } });
    await expect(initCommand(context)).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });

  it('says to run init when there is no wallet', async () => {
    const { context } = makeTestContext();
    await expect(didCommand(context)).rejects.toThrow(/skillproof init/);
    await expect(listCommand(context)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('lists no badges in a new wallet, as a table or as JSON', async () => {
    const { context, printed } = makeTestContext({ json: true });
    await initCommand(context);
    printed.stdout = '';
    await listCommand(context);
    expect(JSON.parse(printed.stdout)).toEqual({ credentials: [] });
  });
});

describe('the wallet passphrase', () => {
  it('refuses a wrong passphrase with a clear error and leaves the keys as they were', async () => {
    const { context } = makeTestContext();
    const { did } = await initCommand(context);
    const store = WalletStore.open(context.home);
    await expect(unlockWallet(store, 'not the passphrase')).rejects.toMatchObject({
      code: 'KEY_SECRET_INVALID',
      message: 'wrong passphrase: it does not open this wallet',
    });
    expect((await unlockWallet(store, 'correct horse battery')).identifier.did).toBe(did);
    store.close();
  });
});

describe('the issuer address', () => {
  it.each(['notaurl', 'ftp://issuer.example'])(
    'refuses %s before any network call',
    async (issuer) => {
      const { context } = makeTestContext();
      await expect(tasksCommand(context, { issuer })).rejects.toMatchObject({
        code: 'VALIDATION_FAILED',
        message: expect.stringContaining('is not an http(s) URL'),
      });
    },
  );
});
