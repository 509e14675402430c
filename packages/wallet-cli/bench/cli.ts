// bench/cli: the cold start of `skillproof list --json` over a wallet of 200 real signed badges,
// against `node -e 0` in the same run (spawned processes, interleaved rounds, medians).
// Run: `pnpm bench:cli` from the repository root (it builds first).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  badgeCredential,
  makeIdentity,
  signCredential,
  statusEntry,
  pinToOneCore,
} from '@skillproof/testing';
import { initCommand, WalletStore, type CommandContext } from '@skillproof/wallet-cli';

// Pin to one core: a cold start is one core's work.
pinToOneCore();

const badges = 200;
const rounds = 7;
const runsPerRound = 6;
const bin = fileURLToPath(new URL('../../dist/bin.js', import.meta.url));
const home = join(mkdtempSync(join(tmpdir(), 'skillproof-bench-cli-')), 'wallet');

// The wallet: made through the wallet's own init and store, holding 200 Open Badges 3.0
// credentials signed (Ed25519) by an issuer to the learner's DID, each with two status entries.
const quiet = () => {};
const context: CommandContext = {
  home,
  env: { SKILLPROOF_PASSPHRASE: 'bench passphrase, long enough' },
  output: { json: true, color: false, interactive: false, stdout: quiet, stderr: quiet },
  prompter: {
    ask: () => Promise.reject(new Error('no prompts')),
    askSecret: () => Promise.reject(new Error('no prompts')),
  },
  fetch: globalThis.fetch,
  now: () => new Date(),
  // The key's scrypt cost plays no part in `list` (it never opens the key).
  scryptLogN: 12,
};
const { did } = await initCommand(context);
const issuer = makeIdentity();
const store = WalletStore.open(home);
const listUrl = 'https://academy.example/status';
for (let index = 0; index < badges; index++) {
  const slug = `badge-${index}`;
  const achievementId = `https://academy.example/achievements/${slug}`;
  const credential = signCredential(
    issuer,
    badgeCredential(issuer, did, {
      id: `urn:uuid:00000000-0000-4000-8000-${String(index).padStart(12, '0')}`,
      name: `Badge ${index}`,
      credentialSubject: {
        id: did,
        type: 'AchievementSubject',
        achievement: {
          id: achievementId,
          type: 'Achievement',
          achievementType: 'Badge',
          name: `Badge ${index}`,
          description: 'Solved five programming puzzles with per-learner inputs.',
          criteria: { narrative: 'Solve at least four of the five puzzles.' },
          image: { id: `https://academy.example/badges/${slug}/image.svg`, type: 'Image' },
          alignment: [
            {
              type: ['Alignment'],
              targetName: 'Python programming',
              targetUrl: 'https://academy.example/skills/python-programming',
            },
          ],
        },
        result: [{ type: ['Result'], resultDescription: `${achievementId}#score`, value: '90' }],
      },
      evidence: [{ type: ['Evidence'], name: 'Micro-test', description: 'Passed with 90%' }],
      credentialStatus: [
        statusEntry(`${listUrl}/1`, index, 'revocation'),
        statusEntry(`${listUrl}/2`, index, 'suspension'),
      ],
    }),
  );
  store.saveCredential(credential.proof.jwt, { receivedAt: new Date() });
}

interface Contender {
  name: string;
  args: string[];
  check?: (stdout: string) => void;
}

const env = { PATH: process.env['PATH'], SKILLPROOF_HOME: home, NO_COLOR: '1' };
function runOnce(contender: Contender): number {
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, contender.args, { env, encoding: 'utf8' });
  const elapsed = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.status !== 0) throw new Error(`${contender.name} failed: ${result.stderr}`);
  contender.check?.(result.stdout);
  return elapsed;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
};

const contenders: Contender[] = [
  { name: 'node -e 0', args: ['-e', '0'] },
  {
    name: `skillproof list --json (${badges} badges)`,
    args: [bin, 'list', '--json'],
    check: (stdout) => {
      const { credentials } = JSON.parse(stdout) as { credentials: unknown[] };
      if (credentials.length !== badges) throw new Error(`listed ${credentials.length} badges`);
    },
  },
  { name: `skillproof list (table, ${badges} badges)`, args: [bin, 'list'] },
  { name: 'skillproof did', args: [bin, 'did'] },
];

console.log(`\nbench/cli — Node ${process.version}, ${cpus()[0]?.model ?? 'unknown CPU'}`);
console.log(
  `wallet of ${badges} signed badges; ${rounds} interleaved rounds of ${runsPerRound} spawns each; medians\n`,
);
// Warm the file cache once, as a learner's second command would find it.
for (const contender of contenders) runOnce(contender);
const times = new Map(contenders.map((contender) => [contender.name, [] as number[]]));
for (let round = 0; round < rounds; round++) {
  for (let run = 0; run < runsPerRound; run++) {
    for (const contender of contenders) times.get(contender.name)?.push(runOnce(contender));
  }
}
const medians = new Map([...times].map(([name, values]) => [name, median(values)]));
for (const contender of contenders) {
  const values = times.get(contender.name) ?? [];
  const sorted = [...values].sort((a, b) => a - b);
  console.log(
    `  ${contender.name.padEnd(40)} median ${(medians.get(contender.name) ?? 0).toFixed(1).padStart(6)} ms  (p10 ${(sorted[Math.floor(sorted.length * 0.1)] ?? 0).toFixed(1)}, p90 ${(sorted[Math.floor(sorted.length * 0.9)] ?? 0).toFixed(1)})`,
  );
}
const baseline = medians.get('node -e 0') ?? 1;
const list = medians.get(contenders[1]?.name ?? '') ?? 0;
const verdict = (ok: boolean) => (ok ? 'met' : 'NOT met');
console.log('\nratio');
console.log(`  list --json / node -e 0                 ${(list / baseline).toFixed(2)}x`);
console.log('\ntargets');
console.log(
  `  list --json < 250 ms                    ${verdict(list < 250)} (${list.toFixed(1)} ms)`,
);
console.log(
  `  list --json < 4x node -e 0              ${verdict(list < 4 * baseline)} (${(list / baseline).toFixed(2)}x)`,
);
rmSync(join(home, '..'), { recursive: true, force: true });
