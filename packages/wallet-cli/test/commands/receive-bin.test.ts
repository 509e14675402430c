import { describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { initCommand, type ListedBadge } from '@skillproof/wallet-cli';
import { makeTestContext, testPassphrase } from '../fixtures/test-context.js';
import { useSphereonIssuer } from '../fixtures/sphereon-issuer.js';

const bin = fileURLToPath(new URL('../../dist/bin.js', import.meta.url));

const sphereonIssuer = useSphereonIssuer();

/** `skillproof <args>` as a process: the built binary, its exit code and both streams. */
function skillproof(home: string, args: string[], stdin = '') {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], {
      env: { ...process.env, SKILLPROOF_HOME: home, SKILLPROOF_PASSPHRASE: testPassphrase },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdin.end(stdin);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('the skillproof binary receiving from Sphereon’s issuer', () => {
  it('exits 2 without a tx code, 0 with it; list --json then shows the badge', async () => {
    if (!existsSync(bin)) throw new Error(`${bin} is missing: run \`pnpm run build\` first`);
    const { context, home } = makeTestContext();
    await initCommand(context);
    const { uri, txCode } = await sphereonIssuer().offer({ txCode: true });

    const withoutCode = await skillproof(home, ['receive', uri]);
    expect(withoutCode.code).toBe(2);
    expect(withoutCode.stderr).toContain(
      'skillproof: the offer asks for a transaction code (the code on the academy’s page); give it with --tx-code <code>',
    );

    const received = await skillproof(home, ['receive', '-', '--tx-code', String(txCode)], uri);
    expect(received).toMatchObject({ code: 0 });
    expect(received.stdout).toContain('✔ received Git Basics, verified and stored');

    const listed = await skillproof(home, ['list', '--json']);
    const { credentials } = JSON.parse(listed.stdout) as { credentials: ListedBadge[] };
    expect(credentials).toEqual([
      expect.objectContaining({ badge: 'Git Basics', format: 'jwt_vc_json', status: 'valid' }),
    ]);
  });
});
