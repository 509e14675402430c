import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  exportCommand,
  importCommand,
  initCommand,
  openPaymentSeed,
  paymentsAddressCommand,
  paymentsInitCommand,
  paymentsRestoreCommand,
  paymentSeedPath,
  readPaymentSeed,
} from '@skillproof/wallet-cli';
import { makeTestContext, testPassphrase } from '../fixtures/test-context.js';

const vectorMnemonic =
  'abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about';

async function wallet(options: Parameters<typeof makeTestContext>[0] = {}) {
  const made = makeTestContext(options);
  await initCommand(made.context);
  made.printed.stdout = '';
  return made;
}

describe('skillproof payments', () => {
  it('init shows the words once, seals them under the passphrase, and never replaces the seed', async () => {
    const { context, printed, home } = await wallet();
    const result = await paymentsInitCommand(context, { words: '12' });
    expect(result.words).toHaveLength(12);
    expect(result.network).toBe('testnet');
    expect(result.firstAddress).toMatch(/^tb1q/);
    expect(printed.stdout).toContain('shown this once');
    for (const word of result.words ?? []) expect(printed.stdout).toContain(word);
    const stored = readFileSync(paymentSeedPath(home), 'utf8');
    expect(statSync(paymentSeedPath(home)).mode & 0o777).toBe(0o600);
    // Sealed: the phrase is not in the file, and it opens with the passphrase only.
    expect(stored).not.toContain(result.words!.slice(0, 3).join(' '));
    expect(await openPaymentSeed(home, testPassphrase)).toBe(result.words!.join(' '));
    await expect(openPaymentSeed(home, 'not the passphrase')).rejects.toMatchObject({
      code: 'KEY_SECRET_INVALID',
    });
    await expect(paymentsInitCommand(context, {})).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(readFileSync(paymentSeedPath(home), 'utf8')).toBe(stored);
  });

  it('init makes 24 words by default and refuses a wrong passphrase, writing nothing', async () => {
    const { context, home } = await wallet();
    const wrong = { ...context, env: { SKILLPROOF_PASSPHRASE: 'wrong passphrase' } };
    await expect(paymentsInitCommand(wrong, {})).rejects.toMatchObject({
      code: 'KEY_SECRET_INVALID',
    });
    expect(() => readPaymentSeed(home)).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
    expect((await paymentsInitCommand(context, {})).words).toHaveLength(24);
  });

  it('restore reads the words from stdin, derives the BIP-84 addresses, and hands out the next unused one', async () => {
    const { context, printed } = await wallet({ stdin: `${vectorMnemonic}\n`, json: true });
    const restored = await paymentsRestoreCommand(context, { network: 'mainnet' });
    expect(restored.firstAddress).toBe('bc1qcr8te4kr609gcawutmrza0j4xv80jy8z306fyu');
    expect(restored).not.toHaveProperty('words');
    // Mainnet only because it was named, and said so on stderr.
    expect(printed.stderr).toContain('mainnet: these addresses receive real bitcoin');
    printed.stdout = '';
    const first = await paymentsAddressCommand(context, {});
    const second = await paymentsAddressCommand(context, {});
    expect([first.address, second.address]).toEqual([
      'bc1qcr8te4kr609gcawutmrza0j4xv80jy8z306fyu',
      'bc1qnjg0jd8228aq7egyzacy8cys3knf9xvrerkf9g',
    ]);
    expect(second).toMatchObject({ index: 1, path: "m/84'/0'/0'/0/1", network: 'mainnet' });
    expect(JSON.parse(printed.stdout.split('\n}\n')[0] + '\n}')).toMatchObject({ index: 0 });
    // --index shows that address and leaves the next unused one where it is.
    expect((await paymentsAddressCommand(context, { index: '0' })).address).toBe(first.address);
    expect((await paymentsAddressCommand(context, {})).index).toBe(2);
    // Test networks count on their own, on coin type 1.
    const testnet = await paymentsAddressCommand(context, { network: 'testnet' });
    expect(testnet).toMatchObject({ index: 0, path: "m/84'/1'/0'/0/0" });
    expect(testnet.address).toMatch(/^tb1q/);
    expect(
      (await paymentsAddressCommand(context, { network: 'regtest', index: '0' })).address,
    ).toMatch(/^bcrt1q/);
  });

  it('defaults addresses to testnet', async () => {
    const { context } = await wallet({ stdin: vectorMnemonic });
    await paymentsRestoreCommand(context, {});
    expect((await paymentsAddressCommand(context, {})).address).toMatch(/^tb1q/);
  });

  it.each([
    ['a wrong checksum', `${'abandon '.repeat(11)}abandon`, 'VALIDATION_FAILED'],
    ['a wrong word count', `${'abandon '.repeat(10)}about`, 'VALIDATION_FAILED'],
    ['an unknown word', `${'abandon '.repeat(11)}satoshi`, 'VALIDATION_FAILED'],
  ])('restore refuses %s and writes nothing', async (_, words, code) => {
    const { context, home } = await wallet({ stdin: words });
    await expect(paymentsRestoreCommand(context, {})).rejects.toMatchObject({ code });
    expect(() => readPaymentSeed(home)).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
  });

  it('restore refuses to replace a seed without --force, and replaces it with it', async () => {
    const { context, home } = await wallet({ stdin: vectorMnemonic });
    const made = await paymentsInitCommand(context, { words: '12' });
    const before = readFileSync(paymentSeedPath(home), 'utf8');
    await expect(paymentsRestoreCommand(context, {})).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(readFileSync(paymentSeedPath(home), 'utf8')).toBe(before);
    await paymentsRestoreCommand(context, { force: true });
    expect(await openPaymentSeed(home, testPassphrase)).toBe(vectorMnemonic);
    expect(await openPaymentSeed(home, testPassphrase)).not.toBe(made.words!.join(' '));
  });

  it('address refuses without a seed, a bad index and an unknown network', async () => {
    const { context } = await wallet({ stdin: vectorMnemonic });
    await expect(paymentsAddressCommand(context, {})).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await paymentsRestoreCommand(context, {});
    await expect(paymentsAddressCommand(context, { index: '-1' })).rejects.toMatchObject({
      name: 'UsageError',
    });
    await expect(paymentsAddressCommand(context, { index: '2147483648' })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
    await expect(paymentsAddressCommand(context, { network: 'dogecoin' })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
    await expect(paymentsInitCommand(context, { words: '13' })).rejects.toMatchObject({
      name: 'UsageError',
    });
  });

  it('a backup carries the payment seed and where the addresses stood; an old backup has none', async () => {
    const { context } = await wallet({ stdin: vectorMnemonic });
    const file = join(mkdtempSync(join(tmpdir(), 'skillproof-backup-')), 'backup.json');
    const plain = join(mkdtempSync(join(tmpdir(), 'skillproof-backup-')), 'plain.json');
    await exportCommand(context, { out: plain });
    await paymentsRestoreCommand(context, { network: 'signet' });
    await paymentsAddressCommand(context, {});
    await paymentsAddressCommand(context, {});
    await exportCommand(context, { out: file });
    expect(readFileSync(file, 'utf8')).not.toContain('abandon');

    const restored = makeTestContext();
    await importCommand(restored.context, file);
    expect(await openPaymentSeed(restored.home, testPassphrase)).toBe(vectorMnemonic);
    expect(readPaymentSeed(restored.home).network).toBe('signet');
    expect((await paymentsAddressCommand(restored.context, {})).index).toBe(2);

    const withoutSeed = makeTestContext();
    await importCommand(withoutSeed.context, plain);
    expect(() => readPaymentSeed(withoutSeed.home)).toThrow(
      expect.objectContaining({ code: 'NOT_FOUND' }),
    );
  });
});
