import { afterAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { encodeBase58btc } from '@skillproof/core';
import {
  applicationsCommand,
  createCli,
  exportCommand,
  importCommand,
  presentCommand,
  issuersListCommand,
  listCommand,
  refreshCommand,
  showCommand,
  unlockKeystore,
  usageErrorFrom,
  walletPaths,
  type CommandContext,
} from '@skillproof/wallet-cli';
import { makeTestContext, testPassphrase } from '../fixtures/test-context.js';
import { startTestVerifier } from '../fixtures/test-verifier.js';
import { walletWithBadges } from '../fixtures/wallet-with-badges.js';

/** Every text form the private key could leak in: hex, base64, base64url, base58, as seed and seed+public. */
function keyForms(seed: Buffer, publicKey: Buffer): string[] {
  return [seed, Buffer.concat([seed, publicKey])].flatMap((bytes) => [
    bytes.toString('hex'),
    bytes.toString('hex').toUpperCase(),
    bytes.toString('base64').replace(/=+$/, ''),
    bytes.toString('base64url'),
    encodeBase58btc(bytes),
  ]);
}

const wallet = await walletWithBadges();
afterAll(() => wallet.server.close());

describe('private keys are never printed', () => {
  it('appears in no output of any command, in no file but the sealed ones', async () => {
    const jwk = (await unlockKeystore(wallet.home, testPassphrase)).exportJwkForSealing();
    const forms = keyForms(Buffer.from(jwk.d, 'base64url'), Buffer.from(jwk.x, 'base64url'));
    const outputs: string[] = [];
    const run = async (json: boolean, command: (context: CommandContext) => Promise<unknown>) => {
      const printed = { out: '', err: '' };
      const context: CommandContext = {
        ...wallet.context,
        output: {
          ...wallet.context.output,
          json,
          stdout: (text) => void (printed.out += text),
          stderr: (text) => void (printed.err += text),
        },
      };
      await command(context).catch((error: unknown) => outputs.push(String(error)));
      outputs.push(printed.out, printed.err);
    };
    const backup = join(wallet.home, '..', 'leak-backup.json');
    for (const json of [false, true]) {
      await run(json, listCommand);
      await run(json, (context) => showCommand(context, 'git-basics'));
      await run(json, refreshCommand);
      await run(json, issuersListCommand);
      await run(json, applicationsCommand);
    }
    // A presentation: what the wallet prints, and what a verifier receives.
    const verifier = await startTestVerifier();
    const query = {
      credentials: [
        { id: 'badge', format: 'jwt_vc_json', meta: { type_values: [['OpenBadgeCredential']] } },
      ],
    };
    for (const json of [false, true]) {
      const link = verifier.publish(verifier.requestClaims(query));
      await run(json, (context) => presentCommand(context, link, { yes: true }));
    }
    outputs.push(JSON.stringify(verifier.answers));
    expect(verifier.answers).toHaveLength(2);
    await verifier.close();
    await run(true, (context) => exportCommand(context, { out: backup }));
    const restored = makeTestContext({ json: true });
    await run(true, () => importCommand(restored.context, backup));
    // The CLI's own paths: help, a usage error, a wrong passphrase, --debug.
    for (const args of [['--help'], ['did', '--json'], ['show'], ['export', '--out', backup]]) {
      const written = { out: '', err: '' };
      await createCli(() => wallet.context, {
        out: (text) => void (written.out += text),
        err: (text) => void (written.err += text),
      })
        .parseAsync(args, { from: 'user' })
        .catch((error: unknown) => {
          const usage = usageErrorFrom(error);
          outputs.push(String(usage ?? error), error instanceof Error ? (error.stack ?? '') : '');
        });
      outputs.push(written.out, written.err);
    }
    outputs.push(readFileSync(walletPaths(wallet.home).data, 'utf8'));
    outputs.push(readFileSync(walletPaths(restored.home).data, 'utf8'));
    outputs.push(JSON.stringify(await unlockKeystore(wallet.home, testPassphrase)));

    const everything = outputs.join('\n');
    expect(everything).toContain(wallet.did);
    for (const form of forms) expect(everything).not.toContain(form);
    // The sealed files hold the key only encrypted.
    for (const sealed of [walletPaths(wallet.home).keys, backup]) {
      const text = readFileSync(sealed, 'utf8');
      for (const form of forms) expect(text).not.toContain(form);
    }
  });
});
