import { describe, expect, it } from '@jest/globals';
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import {
  createTerminalPrompter,
  defaultScryptLogN,
  didCommand,
  exportCommand,
  initCommand,
  listCommand,
  tasksCommand,
  unlockKeystore,
  UsageError,
  walletPaths,
} from '@skillproof/wallet-cli';
import { makeTestContext, testPassphrase } from '../fixtures/test-context.js';

describe('skillproof init / did / list', () => {
  it('creates a wallet with a did:key: folder 0700, files 0600', async () => {
    const { context, printed, home } = makeTestContext();
    const { did } = await initCommand(context);
    expect(did).toMatch(/^did:key:z6Mk/);
    expect(printed.stdout).toContain(did);
    expect(statSync(home).mode & 0o777).toBe(0o700);
    const paths = walletPaths(home);
    for (const file of [paths.data, paths.keys]) expect(statSync(file).mode & 0o777).toBe(0o600);
    expect((await didCommand(context)).did).toBe(did);
  });

  it('tightens an existing empty folder to 0700 and refuses a folder with other files', async () => {
    const parent = mkdtempSync(join(tmpdir(), 'skillproof-wallet-'));
    const empty = join(parent, 'empty');
    mkdirSync(empty, { mode: 0o755 });
    await initCommand(makeTestContext({ home: empty }).context);
    expect(statSync(empty).mode & 0o777).toBe(0o700);

    const busy = join(parent, 'busy');
    mkdirSync(busy);
    writeFileSync(join(busy, 'notes.txt'), 'mine');
    await expect(initCommand(makeTestContext({ home: busy }).context)).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    expect(readdirSync(busy)).toEqual(['notes.txt']);

    const file = join(parent, 'a-file');
    writeFileSync(file, 'mine');
    await expect(initCommand(makeTestContext({ home: file }).context)).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('is a file, not a folder'),
    });
    expect(readFileSync(file, 'utf8')).toBe('mine');
  });

  it('seals the key with scrypt and AES-256-GCM, and by default with N = 2^17', async () => {
    expect(defaultScryptLogN).toBe(17);
    const { context, home } = makeTestContext();
    const { scryptLogN: _lowered, ...defaults } = context;
    await initCommand(defaults);
    const keys = JSON.parse(readFileSync(walletPaths(home).keys, 'utf8')) as {
      sealed: { kdf: { name: string; N: number }; cipher: string };
    };
    expect(keys.sealed.kdf).toMatchObject({ name: 'scrypt', N: 2 ** 17 });
    expect(keys.sealed.cipher).toBe('aes-256-gcm');
  });

  it('never overwrites an existing wallet', async () => {
    const { context, home } = makeTestContext();
    const { did } = await initCommand(context);
    const before = readFileSync(walletPaths(home).keys, 'utf8');
    await expect(initCommand(context)).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(readFileSync(walletPaths(home).keys, 'utf8')).toBe(before);
    expect((await didCommand(context)).did).toBe(did);
  });

  it('checks a new passphrase right after it is typed, and asks again before confirming', async () => {
    const { context, home, asked, printed } = makeTestContext({
      env: {},
      answers: ['short', 'long enough now', 'long enough now'],
    });
    await initCommand(context);
    expect(asked).toEqual([
      'Choose a wallet passphrase (8+ characters): ',
      'Choose a wallet passphrase (8+ characters): ',
      'Repeat the passphrase: ',
    ]);
    expect(printed.stderr).toContain(
      'choose a passphrase of at least 8 characters; try again (2/3)\n',
    );
    await expect(unlockKeystore(home, 'long enough now')).resolves.toBeDefined();
  });

  it('asks again when the confirmation differs', async () => {
    const { context, home, asked, printed } = makeTestContext({
      env: {},
      answers: ['first passphrase', 'second passphrase', 'third passphrase', 'third passphrase'],
    });
    await initCommand(context);
    expect(asked).toHaveLength(4);
    expect(printed.stderr).toContain('the two passphrases differ; try again (2/3)\n');
    await expect(unlockKeystore(home, 'third passphrase')).resolves.toBeDefined();
  });

  it('gives up after three tries and creates nothing', async () => {
    const { context, home, asked } = makeTestContext({
      env: {},
      answers: ['passphrase one', 'passphrase two', 'tiny', 'passphrase one', 'passphrase 2'],
    });
    await expect(initCommand(context)).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      message:
        'no passphrase after 3 tries (the last: the two passphrases differ); nothing was created',
    });
    expect(asked).toHaveLength(5);
    expect(() => statSync(walletPaths(home).keys)).toThrow();
    expect(() => statSync(home)).toThrow();
  });

  it('refuses a passphrase shorter than 8 characters', async () => {
    const { context } = makeTestContext({ env: { SKILLPROOF_PASSPHRASE: 'short' } });
    await expect(initCommand(context)).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      message: 'choose a passphrase of at least 8 characters (SKILLPROOF_PASSPHRASE is shorter)',
    });
  });

  it('fails at once without a terminal and without SKILLPROOF_PASSPHRASE, whatever is piped', async () => {
    const message =
      'no terminal to ask for the passphrase: set SKILLPROOF_PASSPHRASE (or --passphrase-file)';
    const piped = () => {
      const input = new PassThrough();
      input.end('piped passphrase\npiped passphrase\n');
      return createTerminalPrompter(
        input as unknown as NodeJS.ReadStream,
        new PassThrough() as unknown as NodeJS.WriteStream,
      );
    };
    const { context, home } = makeTestContext({ env: {} });
    await expect(initCommand({ ...context, prompter: piped() })).rejects.toThrow(
      new UsageError(message),
    );
    expect(() => statSync(home)).toThrow();

    // Every command that needs the passphrase: export here, after a wallet is made.
    await initCommand(makeTestContext({ home }).context);
    await expect(
      exportCommand({ ...context, prompter: piped() }, { out: join(home, '..', 'backup.json') }),
    ).rejects.toThrow(new UsageError(message));
  });

  it('reads the passphrase from --passphrase-file before the environment', async () => {
    const { context, home } = makeTestContext({ env: { SKILLPROOF_PASSPHRASE: 'not this one' } });
    const file = join(home, '..', 'passphrase.txt');
    writeFileSync(file, 'from a file, long enough\nsecond line ignored\n');
    await initCommand({ ...context, passphraseFile: file });
    await expect(unlockKeystore(home, 'from a file, long enough')).resolves.toBeDefined();
    await expect(
      initCommand({ ...makeTestContext().context, passphraseFile: join(home, 'missing') }),
    ).rejects.toThrow(/cannot read the passphrase file/);
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
  it('refuses a wrong passphrase with a clear error, never an empty key', async () => {
    const { context, home } = makeTestContext();
    const { did } = await initCommand(context);
    await expect(unlockKeystore(home, 'not the passphrase')).rejects.toMatchObject({
      code: 'KEY_SECRET_INVALID',
      message: 'wrong passphrase: it does not open this wallet',
    });
    expect((await unlockKeystore(home, testPassphrase)).did).toBe(did);
  });

  it('refuses a key file swapped in from another wallet', async () => {
    const first = makeTestContext();
    const second = makeTestContext();
    await initCommand(first.context);
    await initCommand(second.context);
    const keys = JSON.parse(readFileSync(walletPaths(first.home).keys, 'utf8')) as {
      did: string;
    };
    const other = JSON.parse(readFileSync(walletPaths(second.home).keys, 'utf8')) as {
      did: string;
    };
    writeFileSync(walletPaths(first.home).keys, JSON.stringify({ ...other, did: keys.did }));
    await expect(unlockKeystore(first.home, testPassphrase)).rejects.toMatchObject({
      code: 'KEY_SECRET_INVALID',
    });
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
