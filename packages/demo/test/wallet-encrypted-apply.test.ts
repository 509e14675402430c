import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDemoServices, type DemoServices } from '@skillproof/demo';
import { correctAnswers, findBadge, loadDefaultCatalog } from '@skillproof/issuer';
import { applyCommand, attemptCommand, initCommand } from '@skillproof/wallet-cli';
import { inProcessWalletContext } from './fixtures/in-process-wallet.js';
import { postToJobboard } from './fixtures/post-to-jobboard.js';

// Our wallet against our real board when the board asks for encrypted answers (direct_post.jwt).
const dataDir = mkdtempSync(join(tmpdir(), 'skillproof-encrypted-apply-'));
let services: DemoServices;
beforeAll(async () => {
  services = await startDemoServices(join(dataDir, 'services'), {
    scryptLogN: 10,
    openid4vpResponseMode: 'direct_post.jwt',
  });
});
afterAll(async () => {
  await services.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('skillproof apply to a board that asks for direct_post.jwt', () => {
  it('encrypts its answer to the request key: the form carries only `response`, and the board decides', async () => {
    const post = <T>(path: string, token: string, body: unknown) =>
      postToJobboard<T>(services.jobboard.url, path, token, body);
    const employer = await post<{ token: string }>('/api/employers', services.jobboard.adminToken, {
      name: 'Employer',
    });
    const posting = await post<{ id: string }>('/api/postings', employer.token, {
      title: 'Git person',
      description: '',
      requirements: [
        {
          achievementId: `${services.issuer.url}/achievements/git-basics`,
          acceptedIssuers: [services.issuer.did],
        },
      ],
    });
    const answers = join(dataDir, 'git-answers.json');
    writeFileSync(
      answers,
      JSON.stringify(correctAnswers(findBadge(loadDefaultCatalog(), 'git-basics'))),
    );
    const posted: string[] = [];
    const recording: typeof fetch = async (input, init) => {
      if (String(input).includes('/oid4vp/responses/')) posted.push(String(init?.body ?? ''));
      return fetch(input, init);
    };
    const { context, printed } = inProcessWalletContext({
      home: join(dataDir, 'home'),
      issuerUrl: services.issuer.url,
      fetch: recording,
    });
    await initCommand(context);
    await attemptCommand(context, 'git-basics', { answers });

    const decision = await applyCommand(
      context,
      `${services.jobboard.url}/postings/${posting.id}`,
      {
        yes: true,
      },
    );

    expect(decision.qualified).toBe(true);
    expect(printed.stderr).toContain('encrypted to its key');
    expect(posted).toHaveLength(1);
    const form = new URLSearchParams(posted[0]);
    expect([...form.keys()]).toEqual(['response']);
    expect(form.get('response')?.split('.')).toHaveLength(5);
    expect(posted[0]).not.toContain('vp_token');
  });
});
