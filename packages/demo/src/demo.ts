import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { runDemo, type WalletRunner } from './demo-flow.js';

// `pnpm demo`: the story end to end, with the real `skillproof` binary against real servers.
const walletBin = join(
  dirname(createRequire(import.meta.url).resolve('@skillproof/wallet-cli/package.json')),
  'dist',
  'bin.js',
);

const runWallet: WalletRunner = (args, env) =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [walletBin, ...args], {
      env: { ...process.env, ...env, NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });

const dataDir = mkdtempSync(join(tmpdir(), 'skillproof-demo-'));
try {
  const result = await runDemo({ runWallet, dataDir, print: (line) => console.log(line) });
  process.exitCode = result.asExpected ? 0 : 1;
} catch (error) {
  console.error(`demo failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
