import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';

// `pnpm start`: the issuer, the verifier and the job board on their default ports, data under
// ./.skillproof/<service>, until Ctrl-C. Each is its own process, configured by environment only,
// exactly as `pnpm --filter @skillproof/<name> start` runs it.
const require = createRequire(import.meta.url);
const root = resolve(process.env['SKILLPROOF_DATA_ROOT'] ?? '.skillproof');
const services = ['issuer', 'verifier', 'jobboard'] as const;

const children: ChildProcess[] = services.map((name) => {
  const main = join(
    dirname(require.resolve(`@skillproof/${name}/package.json`)),
    'dist',
    'main.js',
  );
  const child = spawn(process.execPath, [main], {
    env: {
      ...process.env,
      DATA_DIR: process.env['DATA_DIR'] ?? join(root, name),
      // The job board's posting form offers the badges of the issuer started next to it.
      JOBBOARD_ISSUER_URLS: process.env['JOBBOARD_ISSUER_URLS'] ?? 'http://localhost:4100',
      PORT: undefined,
    } as NodeJS.ProcessEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  for (const stream of [child.stdout, child.stderr]) {
    if (stream)
      createInterface({ input: stream }).on('line', (line) =>
        console.log(`${name.padEnd(8)} | ${line}`),
      );
  }
  child.once('exit', (code, signal) => {
    console.log(`${name.padEnd(8)} | exited (${signal ?? code})`);
    if (!stopping) stopAll(1);
  });
  return child;
});

let stopping = false;
function stopAll(exitCode: number): void {
  if (stopping) return;
  stopping = true;
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  const timer = setTimeout(() => process.exit(exitCode), 5000);
  timer.unref();
  void Promise.all(
    children.map((child) =>
      child.exitCode === null ? new Promise((done) => child.once('exit', done)) : null,
    ),
  ).then(() => process.exit(exitCode));
}
process.once('SIGINT', () => stopAll(0));
process.once('SIGTERM', () => stopAll(0));
console.log(
  `skillproof: starting ${services.join(', ')} (data under ${root}); Ctrl-C stops them all`,
);
