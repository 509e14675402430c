import { afterEach, describe, expect, it } from '@jest/globals';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  createCli,
  listCommand,
  refreshCommand,
  showCommand,
  WalletStore,
  type ListedBadge,
  type RefreshedBadge,
  type ShowResult,
  UsageError,
  verifyCommand,
} from '@skillproof/wallet-cli';
import { makeIdentity } from '@skillproof/testing';
import { exitCodeOf } from '../fixtures/exit-code-of.js';
import { obBadge, walletWithBadges } from '../fixtures/wallet-with-badges.js';

const servers: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

/** What `refresh --json` printed. */
function refreshed(stdout: string): RefreshedBadge[] {
  return (JSON.parse(stdout) as { credentials: RefreshedBadge[] }).credentials;
}

async function wallet(options: { json?: boolean } = {}) {
  const made = await walletWithBadges(options);
  servers.push(made.server);
  return made;
}

describe('skillproof list', () => {
  it('shows a table: badge, issuer, issued, expires, status, id', async () => {
    const { context, printed, git } = await wallet();
    await listCommand(context);
    const lines = printed.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^BADGE +ISSUER +ISSUED +EXPIRES +STATUS +ID$/);
    expect(lines[1]).toMatch(
      new RegExp(`^Git Basics +Test Academy +2026-11-26 +2027-11-26 +unchecked +${git.id}$`),
    );
    expect(lines).toHaveLength(3);
  });

  it('keeps a name with line breaks and escapes on its own row', async () => {
    const { context, printed, issuer, did, home } = await wallet();
    const forged = obBadge(issuer, did, {
      slug: 'forged',
      name: 'Forged\nFake Badge  Test Academy  revoked\u001b[2J',
      score: 50,
      index: 3,
      listUrl: 'https://issuer.example/status',
    });
    WalletStore.open(home).saveCredential(forged.proof.jwt, { receivedAt: new Date() });
    await listCommand(context);
    const lines = printed.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[3]).toMatch(
      /^Forged Fake Badge {2}Test Academy {2}revoked\uFFFD\[2J +Test Academy /,
    );
    expect(printed.stdout).not.toContain('\u001b');
  });

  it('prints JSON with --json, and marks an expired badge whatever the last check said', async () => {
    const { context, printed, clock } = await wallet({ json: true });
    await listCommand(context);
    const { credentials } = JSON.parse(printed.stdout) as { credentials: ListedBadge[] };
    expect(credentials.map((badge) => [badge.badge, badge.score, badge.status])).toEqual([
      ['Git Basics', 90, 'unchecked'],
      ['SQL Basics', 70, 'unchecked'],
    ]);
    clock.set('2028-01-01T00:00:00Z');
    const later = await listCommand(context);
    expect(later.map((badge) => badge.status)).toEqual(['expired', 'expired']);
  });
});

describe('skillproof show', () => {
  it('shows the achievement, criteria, alignments, result and every verification check', async () => {
    const { context, printed, git, issuer } = await wallet();
    const result = await showCommand(context, 'git-basics');
    expect(result.verification.verified).toBe(true);
    const text = printed.stdout;
    expect(text).toContain('Git Basics\n');
    expect(text).toContain(`  id:          ${git.id}`);
    expect(text).toContain('  criteria:    Pass the micro-test with at least 80%.');
    expect(text).toContain('    - Git Basics skill <https://issuer.example/skills/git-basics>');
    expect(text).toContain('  result:      90%');
    expect(text).toContain(`  issuer:      Test Academy (${issuer.did})`);
    expect(text).toContain('    - Micro-test: Passed with 90%');
    for (const check of result.verification.checks) expect(text).toContain(`  ✔ ${check.id}\n`);
    expect(text).toContain('  ✔ status.revocation');
    expect(text).toContain('  ✔ status.suspension');
    expect(text).toContain('  ✔ issuer.trusted');
    expect(text.trimEnd().endsWith('verified')).toBe(true);
  });

  it('finds a badge by id, id ending or name, and says when a reference is unknown or ambiguous', async () => {
    const { context, git, issuer, did, server } = await wallet({ json: true });
    expect((await showCommand(context, git.id as string)).id).toBe(git.id);
    expect((await showCommand(context, (git.id as string).slice(-8))).id).toBe(git.id);
    expect((await showCommand(context, 'sql basics')).credential.name).toBe('SQL Basics');
    await expect(showCommand(context, 'python')).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: expect.stringContaining('skillproof list'),
    });
    // A second Git Basics badge (re-issued) makes the slug ambiguous.
    const { obBadge } = await import('../fixtures/wallet-with-badges.js');
    const again = obBadge(issuer, did, {
      slug: 'git-basics',
      name: 'Git Basics',
      score: 95,
      index: 3,
      listUrl: `${server.url}/status`,
    });
    WalletStore.open(context.home).saveCredential(again.proof.jwt, { receivedAt: new Date() });
    await expect(showCommand(context, 'git-basics')).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      message: expect.stringContaining('matches 2 badges'),
    });
  });

  it('shows a revocation as a failed check, records it, and exits 3', async () => {
    const { context, printed, revoke, home } = await wallet();
    revoke(1);
    expect(await exitCodeOf(showCommand(context, 'git-basics'))).toBe(3);
    expect(printed.stdout).toMatch(/✖ status\.revocation STATUS_REVOKED/);
    expect(printed.stdout.trimEnd().endsWith('NOT verified')).toBe(true);
    expect(WalletStore.open(home).findCredential('git-basics').status?.state).toBe('revoked');
  });

  it('exits 4 when the status cannot be checked, printing the whole result with --json', async () => {
    const { context, printed, server, did } = await wallet({ json: true });
    await server.close();
    expect(await exitCodeOf(showCommand(context, 'git-basics'))).toBe(4);
    const shown = JSON.parse(printed.stdout) as ShowResult;
    expect(shown.status.state).toBe('unknown');
    expect(new Set(shown.verification.errors.map((check) => check.code))).toEqual(
      new Set(['STATUS_UNAVAILABLE']),
    );
    expect(shown.credential.credentialSubject.id).toBe(did);
  });

  it('exits 3, not 4, for a badge known to be revoked whose list is now unreachable', async () => {
    const { context, revoke, server } = await wallet({ json: true });
    revoke(1);
    expect(await exitCodeOf(showCommand(context, 'git-basics'))).toBe(3);
    await server.close();
    expect(await exitCodeOf(showCommand(context, 'git-basics'))).toBe(3);
  });
});

describe('skillproof show --out', () => {
  it('writes the badge JWT to a new file, 0600, that skillproof verify verifies', async () => {
    const { context, printed, git, issuer, home } = await wallet();
    const file = join(home, '..', 'git-basics.jwt');
    await createCli(() => context, { out: () => {}, err: () => {} }).parseAsync(
      ['show', 'git-basics', '--out', file],
      { from: 'user' },
    );
    expect(readFileSync(file, 'utf8')).toBe(`${git.proof.jwt}\n`);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(printed.stdout).toContain(
      `✔ its JWT is written to ${file} (mode 0600); anyone can check it with: skillproof verify ${file}`,
    );
    const verified = await verifyCommand(context, file, { trust: [issuer.did] });
    expect(verified.verified).toBe(true);
  });

  it('names the file in the JSON', async () => {
    const { context, printed, home } = await wallet({ json: true });
    const file = join(home, '..', 'badge.jwt');
    await showCommand(context, 'sql-basics', { out: file });
    expect(JSON.parse(printed.stdout)).toMatchObject({ file, status: { state: 'valid' } });
  });

  it('replaces no file unless --force, and needs an existing folder', async () => {
    const { context, git, home } = await wallet();
    const file = join(home, '..', 'taken.jwt');
    writeFileSync(file, 'mine');
    await expect(showCommand(context, 'git-basics', { out: file })).rejects.toThrow(
      new UsageError(`${file} exists; give a new file name, or add --force to replace it`),
    );
    expect(readFileSync(file, 'utf8')).toBe('mine');
    await showCommand(context, 'git-basics', { out: file, force: true });
    expect(readFileSync(file, 'utf8')).toBe(`${git.proof.jwt}\n`);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const nowhere = join(home, '..', 'no-such-folder', 'badge.jwt');
    await expect(showCommand(context, 'git-basics', { out: nowhere })).rejects.toThrow(
      new UsageError(`no folder ${join(home, '..', 'no-such-folder')}`),
    );
  });
});

describe('skillproof refresh', () => {
  it('re-checks every badge, records each status, shows what changed, and exits 3 on a revocation', async () => {
    const { context, printed, revoke, suspend, server } = await wallet();
    const first = await refreshCommand(context);
    expect(first.map((badge) => [badge.badge, badge.state, badge.previous])).toEqual([
      ['Git Basics', 'valid', null],
      ['SQL Basics', 'valid', null],
    ]);
    // One fetch per list, however many badges use it.
    expect(server.fetches.get('/status/revocation')).toBe(1);

    revoke(1);
    suspend(2);
    printed.stdout = '';
    expect(await exitCodeOf(refreshCommand(context))).toBe(3);
    expect(printed.stdout).toMatch(/Git Basics +revoked +was valid +the issuer has revoked/);
    expect(printed.stdout).toMatch(/SQL Basics +suspended +was valid +/);
    const listed = await listCommand(context);
    expect(listed.map((badge) => badge.status)).toEqual(['revoked', 'suspended']);
  });

  it('records a badge from an issuer the wallet does not know as invalid, and says why', async () => {
    const { context, did, home, server, printed } = await wallet({ json: true });
    const stranger = obBadge(makeIdentity(), did, {
      slug: 'stranger',
      name: 'Stranger Badge',
      score: 99,
      index: 3,
      listUrl: `${server.url}/status`,
    });
    WalletStore.open(home).saveCredential(stranger.proof.jwt, { receivedAt: new Date() });
    expect(await exitCodeOf(refreshCommand(context))).toBe(3);
    const badges = refreshed(printed.stdout);
    expect(badges.map((badge) => badge.state)).toEqual(['valid', 'valid', 'invalid']);
    expect(badges[2]?.message).toMatch(/^ISSUER_UNTRUSTED: /);
    expect((await listCommand(context)).map((badge) => badge.status)).toEqual([
      'valid',
      'valid',
      'invalid',
    ]);
  });

  it('says unknown, not valid, and exits 4 when a status list cannot be fetched', async () => {
    const { context, server, printed } = await wallet({ json: true });
    expect(await exitCodeOf(refreshCommand(context))).toBe(0);
    await server.close();
    printed.stdout = '';
    expect(await exitCodeOf(refreshCommand(context))).toBe(4);
    expect(refreshed(printed.stdout).map((badge) => [badge.state, badge.previous])).toEqual([
      ['unknown', 'valid'],
      ['unknown', 'valid'],
    ]);
  });

  it('keeps a revocation when its list cannot be fetched, and exits 3 for it', async () => {
    const { context, server, revoke, printed } = await wallet({ json: true });
    revoke(1);
    expect(await exitCodeOf(refreshCommand(context))).toBe(3);
    await server.close();
    printed.stdout = '';
    expect(await exitCodeOf(refreshCommand(context))).toBe(3);
    const badges = refreshed(printed.stdout);
    expect(badges.map((badge) => badge.state)).toEqual(['unknown', 'unknown']);
    expect(badges[0]?.message).toMatch(/./);
    expect((await listCommand(context)).map((badge) => badge.status)).toEqual([
      'revoked',
      'unknown',
    ]);
  });
});
