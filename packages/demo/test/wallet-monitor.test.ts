import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { generateKeyPairSync, sign } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodeLogEntry } from '@skillproof/core';
import { correctAnswers, findBadge, loadDefaultCatalog } from '@skillproof/issuer';
import {
  attemptCommand,
  initCommand,
  keptCheckpointsPath,
  monitorCommand,
  type MonitorMisbehaviour,
  type MonitorResult,
} from '@skillproof/wallet-cli';
import { startFakeLogServer } from './fixtures/fake-log-server.js';
import { inProcessWalletContext } from './fixtures/in-process-wallet.js';
import { startLoggedIssuer } from './fixtures/logged-issuer.js';

// Issue 17: `skillproof monitor` against a real issuer's log on loopback (honest, growing), and
// against a fake log server that serves other trees signed with the same issuer key (forked,
// an entry dropped): the monitor must notice, print both signed checkpoints and keep the old.
const dataDir = mkdtempSync(join(tmpdir(), 'skillproof-monitor-'));
let issuer: Awaited<ReturnType<typeof startLoggedIssuer>>;
const gitBadge = findBadge(loadDefaultCatalog(), 'git-basics');

beforeAll(async () => {
  issuer = await startLoggedIssuer(join(dataDir, 'issuer'));
});
afterAll(async () => {
  await issuer?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

let homes = 0;

/** A new learner earns git-basics from the issuer; returns the credential's id. */
async function earnBadge(): Promise<string> {
  const home = join(dataDir, `learner-${++homes}`);
  const { context } = inProcessWalletContext({ home, issuerUrl: issuer.url });
  const { did } = await initCommand(context);
  const answers = join(dataDir, `answers-${homes}.json`);
  writeFileSync(
    answers,
    JSON.stringify(
      correctAnswers(gitBadge, { learnerDid: did, puzzleSecret: issuer.puzzleSecret }),
    ),
  );
  return (await attemptCommand(context, 'git-basics', { answers })).credentialId as string;
}

/** A monitor's wallet folder (no wallet in it: monitoring needs none). */
function watcher() {
  const home = join(dataDir, `watcher-${++homes}`);
  const json = inProcessWalletContext({ home, issuerUrl: issuer.url });
  json.context.output = { ...json.context.output, json: true };
  const human = inProcessWalletContext({ home, issuerUrl: issuer.url });
  return {
    home,
    /** Runs `monitor --json`; what it printed and the error it ended with, if any. */
    async json<T = MonitorResult>(url: string) {
      json.printed.stdout = '';
      const error = await monitorCommand(json.context, url).then(
        () => undefined,
        (thrown: unknown) => thrown as { exitCode?: number; reason?: string; message: string },
      );
      return {
        error,
        printed: (json.printed.stdout ? JSON.parse(json.printed.stdout) : undefined) as T,
      };
    },
    /** Runs `monitor` for people; what it printed. */
    async human(url: string) {
      human.printed.stdout = '';
      const error = await monitorCommand(human.context, url).then(
        () => undefined,
        (thrown: unknown) => thrown as { exitCode?: number },
      );
      return { error, stdout: human.printed.stdout };
    },
  };
}

async function revoke(credentialId: string): Promise<void> {
  const response = await fetch(`${issuer.url}/credentials/status`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${issuer.adminToken}` },
    body: JSON.stringify({
      credentialId,
      credentialStatus: [
        { type: 'BitstringStatusListEntry', statusPurpose: 'revocation', status: true },
      ],
    }),
  });
  expect(response.status).toBe(200);
}

/** The real log's entries, as the issuer stores them. */
async function realEntries(): Promise<Uint8Array[]> {
  const log = issuer.built.context.transparency?.log;
  const size = (await log?.size()) ?? 0;
  return (await log?.entries(0, size, size)) ?? [];
}

function extraEntry(n: number): Uint8Array {
  return encodeLogEntry({
    type: 'status',
    credentialHash: n.toString(16).padStart(64, '0'),
    status: 'revoked',
    at: '2026-12-01T00:00:00.000Z',
  });
}

describe('skillproof monitor on an honest issuer', () => {
  it('trusts the first checkpoint, then reports new issuances and a revocation', async () => {
    const first = await earnBadge();
    await issuer.signNow();
    const monitor = watcher();

    const seen = await monitor.json(issuer.url);
    expect(seen.error).toBeUndefined();
    expect(seen.printed).toMatchObject({
      firstUse: true,
      previous: null,
      did: issuer.did,
      entriesChecked: expect.stringContaining('whole tree recomputed'),
    });
    expect(seen.printed.newEntries).toBe(seen.printed.checkpoint.size);
    expect(seen.printed.changes.issued).toEqual([
      { badge: expect.stringMatching(/\/git-basics$/), count: 1 },
    ]);
    expect(seen.printed.changes.definitions.length).toBeGreaterThan(0);
    const kept = JSON.parse(readFileSync(keptCheckpointsPath(monitor.home), 'utf8')) as {
      logs: Array<{ size: number; checkpoint: string }>;
    };
    expect(kept.logs).toEqual([expect.objectContaining({ size: seen.printed.checkpoint.size })]);

    const again = await monitor.json(issuer.url);
    expect(again.printed).toMatchObject({ firstUse: false, newEntries: 0 });

    await earnBadge();
    await earnBadge();
    await revoke(first);
    await issuer.signNow();
    const grown = await monitor.json(issuer.url);
    expect(grown.error).toBeUndefined();
    expect(grown.printed).toMatchObject({
      firstUse: false,
      previous: seen.printed.checkpoint,
      newEntries: 3,
      entriesChecked: expect.stringContaining('frontier'),
      changes: { revoked: 1, suspended: 0, reinstated: 0, definitions: [] },
    });
    expect(grown.printed.changes.issued).toEqual([
      { badge: expect.stringMatching(/\/git-basics$/), count: 2 },
    ]);
    expect(grown.printed.checkpoint.size).toBe(seen.printed.checkpoint.size + 3);

    await earnBadge();
    await issuer.signNow();
    const { stdout, error } = await monitor.human(issuer.url);
    expect(error).toBeUndefined();
    expect(stdout).toMatch(/grew from \d+ to \d+ entries, consistently/);
    expect(stdout).toMatch(/CHANGE +BADGE +COUNT\/AT\nissued +\S+git-basics +1/);
  });
});

describe('skillproof monitor on a misbehaving log', () => {
  let fake: Awaited<ReturnType<typeof startFakeLogServer>>;
  beforeAll(async () => {
    const key = issuer.built.context.transparency?.key;
    if (!key) throw new Error('the issuer has no log key');
    fake = await startFakeLogServer({ did: issuer.did, key });
  });
  afterAll(async () => fake?.close());

  /** A monitor that saw the honest log `entries` first. */
  async function monitorThatSaw(entries: Uint8Array[]) {
    fake.serve(entries);
    const monitor = watcher();
    expect((await monitor.json(fake.url)).error).toBeUndefined();
    return { monitor, keptFile: readFileSync(keptCheckpointsPath(monitor.home), 'utf8') };
  }

  async function expectMisbehaviour(
    monitor: ReturnType<typeof watcher>,
    keptFile: string,
    reason: RegExp,
  ) {
    const { error, printed } = await monitor.json<MonitorMisbehaviour>(fake.url);
    expect(error).toMatchObject({ exitCode: 3 });
    expect(printed.misbehaviour.reason).toMatch(reason);
    // Both checkpoints, in full, each with the issuer's signature line.
    expect(printed.misbehaviour.kept).toMatch(
      /^127\.0\.0\.1:\d+\/log\n\d+\n\S+\n\n— 127\.0\.0\.1:\d+\/log \S+\n$/,
    );
    expect(printed.misbehaviour.served).toMatch(/^127\.0\.0\.1:\d+\/log\n\d+\n\S+\n\n— /);
    expect(printed.misbehaviour.served).not.toBe(printed.misbehaviour.kept);
    expect(readFileSync(keptCheckpointsPath(monitor.home), 'utf8')).toBe(keptFile);
    const human = await monitor.human(fake.url);
    expect(human.error).toMatchObject({ exitCode: 3 });
    expect(human.stdout).toContain('PROOF OF MISBEHAVIOUR');
    expect(human.stdout).toContain(printed.misbehaviour.kept.trimEnd());
    expect(human.stdout).toContain(printed.misbehaviour.served.trimEnd());
  }

  it('accepts honest growth of the fake log (the fixture builds real trees)', async () => {
    const entries = await realEntries();
    const { monitor } = await monitorThatSaw(entries);
    fake.serve([...entries, extraEntry(1), extraEntry(2)]);
    const { error, printed } = await monitor.json(fake.url);
    expect(error).toBeUndefined();
    expect(printed).toMatchObject({ newEntries: 2, changes: { revoked: 2 } });
  });

  it('detects a fork at the same size: another root, signed by the same key', async () => {
    const entries = await realEntries();
    const { monitor, keptFile } = await monitorThatSaw(entries);
    fake.serve([...entries.slice(0, -1), extraEntry(3)]);
    await expectMisbehaviour(monitor, keptFile, /two different trees of \d+ entries/);
  });

  it('detects a fork that grew: the consistency proof fails', async () => {
    const entries = await realEntries();
    const { monitor, keptFile } = await monitorThatSaw(entries);
    fake.serve([...entries.slice(0, 2), extraEntry(4), ...entries.slice(3), extraEntry(5)]);
    await expectMisbehaviour(
      monitor,
      keptFile,
      /consistency proof from \d+ to \d+ entries does not verify/,
    );
  });

  it('detects a dropped entry: the log shrank', async () => {
    const entries = await realEntries();
    const { monitor, keptFile } = await monitorThatSaw(entries);
    fake.serve([...entries.slice(0, 1), ...entries.slice(2)]);
    await expectMisbehaviour(monitor, keptFile, /the log shrank/);
  });

  it('detects a dropped entry hidden by new ones: the consistency proof fails', async () => {
    const entries = await realEntries();
    const { monitor, keptFile } = await monitorThatSaw(entries);
    fake.serve([...entries.slice(0, 1), ...entries.slice(2), extraEntry(6), extraEntry(7)]);
    await expectMisbehaviour(monitor, keptFile, /does not verify/);
  });
});

describe('skillproof monitor, bad input', () => {
  it('says an unreachable issuer is unreachable (exit code 4), and keeps nothing', async () => {
    const gone = await startFakeLogServer({
      did: issuer.did,
      key: { publicKey: async () => new Uint8Array(32), sign: async () => new Uint8Array(64) },
    });
    await gone.close();
    const monitor = watcher();
    const { error } = await monitor.json(gone.url);
    expect(error).toMatchObject({ exitCode: 4, reason: expect.stringMatching(/unreachable/) });
    expect(existsSync(keptCheckpointsPath(monitor.home))).toBe(false);
  });

  it('refuses a checkpoint signed by another key (exit code 3), and keeps nothing', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const raw = Buffer.from(publicKey.export({ format: 'jwk' }).x as string, 'base64url');
    const impostor = await startFakeLogServer({
      did: issuer.did,
      key: { publicKey: async () => raw, sign: async (data) => sign(null, data, privateKey) },
    });
    try {
      impostor.serve(await realEntries());
      const monitor = watcher();
      const { error } = await monitor.json(impostor.url);
      expect(error).toMatchObject({
        exitCode: 3,
        reason: expect.stringMatching(/does not verify \(NOTE_UNKNOWN_KEY/),
      });
      expect(existsSync(keptCheckpointsPath(monitor.home))).toBe(false);
    } finally {
      await impostor.close();
    }
  });

  it('refuses garbage where the checkpoint should be (exit code 3), and keeps nothing', async () => {
    const key = issuer.built.context.transparency?.key;
    if (!key) throw new Error('the issuer has no log key');
    const garbage = await startFakeLogServer({ did: issuer.did, key });
    try {
      garbage.serveCheckpointText('<html>hello</html>');
      const monitor = watcher();
      const { error } = await monitor.json(garbage.url);
      expect(error).toMatchObject({
        exitCode: 3,
        reason: expect.stringMatching(/does not verify \(NOTE_MALFORMED/),
      });
      expect(existsSync(keptCheckpointsPath(monitor.home))).toBe(false);
    } finally {
      await garbage.close();
    }
  });

  it('refuses entries that do not rebuild the signed root, on first use and later', async () => {
    const key = issuer.built.context.transparency?.key;
    if (!key) throw new Error('the issuer has no log key');
    const liar = await startFakeLogServer({ did: issuer.did, key });
    try {
      const entries = await realEntries();
      liar.serve(entries);
      liar.serveBundleEntries([...entries.slice(0, -1), extraEntry(8)]);
      const fresh = watcher();
      const first = await fresh.json(liar.url);
      expect(first.error).toMatchObject({
        exitCode: 3,
        reason: expect.stringMatching(/do not rebuild the root/),
      });
      expect(existsSync(keptCheckpointsPath(fresh.home))).toBe(false);

      liar.serve(entries);
      expect((await fresh.json(liar.url)).error).toBeUndefined();
      const keptFile = readFileSync(keptCheckpointsPath(fresh.home), 'utf8');
      liar.serve([...entries, extraEntry(9)]);
      liar.serveBundleEntries([...entries, extraEntry(10)]);
      const later = await fresh.json<MonitorMisbehaviour>(liar.url);
      expect(later.error).toMatchObject({ exitCode: 3 });
      expect(later.printed.misbehaviour.reason).toMatch(/do not rebuild the root it signed/);
      expect(readFileSync(keptCheckpointsPath(fresh.home), 'utf8')).toBe(keptFile);
    } finally {
      await liar.close();
    }
  });
});
