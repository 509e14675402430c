import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDemoServices, type DemoServices } from '@skillproof/demo';
import { correctAnswers, defaultCatalog, findBadge } from '@skillproof/issuer';
import {
  applyCommand,
  attemptCommand,
  initCommand,
  listCommand,
  tasksCommand,
  type CommandContext,
  type Prompter,
} from '@skillproof/wallet-cli';
import { noPrompts } from './fixtures/in-process-wallet.js';

// The wallet's commands against the real issuer and job board on loopback.
const dataDir = mkdtempSync(join(tmpdir(), 'skillproof-wallet-services-'));
let services: DemoServices;
beforeAll(async () => {
  services = await startDemoServices(join(dataDir, 'services'), { scryptLogN: 10 });
});
afterAll(async () => {
  await services.close();
  rmSync(dataDir, { recursive: true, force: true });
});

let homes = 0;
function walletContext(options: { prompter?: Prompter; fetch?: typeof fetch } = {}) {
  const printed = { stdout: '', stderr: '' };
  const context: CommandContext = {
    home: join(dataDir, `home-${++homes}`),
    env: {
      SKILLPROOF_PASSPHRASE: 'a long enough passphrase',
      SKILLPROOF_ISSUER_URL: services.issuer.url,
    },
    output: {
      json: false,
      color: false,
      interactive: false,
      stdout: (text) => void (printed.stdout += text),
      stderr: (text) => void (printed.stderr += text),
    },
    prompter: options.prompter ?? noPrompts,
    fetch: options.fetch ?? globalThis.fetch,
    now: () => new Date(),
    scryptLogN: 10,
  };
  return { context, printed };
}

function gitAnswersFile(): string {
  const path = join(dataDir, 'git-answers.json');
  writeFileSync(path, JSON.stringify(correctAnswers(findBadge(defaultCatalog, 'git-basics'))));
  return path;
}

async function createPosting(achievementSlug: string): Promise<string> {
  const post = async (path: string, token: string, body: unknown) => {
    const response = await fetch(`${services.jobboard.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(body),
    });
    return (await response.json()) as { id: string; token: string };
  };
  const employer = await post('/api/employers', services.jobboard.adminToken, { name: 'Employer' });
  const posting = await post('/api/postings', employer.token, {
    title: 'Git person',
    description: '',
    requirements: [
      {
        achievementId: `${services.issuer.url}/achievements/${achievementSlug}`,
        acceptedIssuers: [services.issuer.did],
      },
    ],
  });
  return `${services.jobboard.url}/postings/${posting.id}`;
}

describe('the wallet against real services', () => {
  it('takes a quiz through interactive prompts, whatever order the choices come in', async () => {
    const badge = findBadge(defaultCatalog, 'git-basics');
    const key = correctAnswers(badge);
    const asked: string[] = [];
    const prompter: Prompter = {
      ...noPrompts,
      ask: async (question) => {
        asked.push(question);
        const task = badge.tasks.find((candidate) => question.includes(candidate.prompt));
        const right = task?.choices.find((choice) => choice.id === key[task.id]);
        const line = question.split('\n').find((text) => right && text.endsWith(`) ${right.text}`));
        return line?.trim().split(')')[0] ?? 'not found';
      },
    };
    const { context, printed } = walletContext({ prompter });
    await initCommand(context);
    const result = await attemptCommand(context, 'git-basics', {});
    expect(asked).toHaveLength(badge.tasks.length);
    expect(result).toMatchObject({ passed: true, score: 100 });
    expect(printed.stdout).toContain('✔ passed Git Basics: 4/4');
    expect((await listCommand(context)).map((entry) => entry.badge)).toEqual(['Git Basics']);
  });

  it('refuses and does not store a credential altered on its way from the issuer', async () => {
    const tampering: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      if (!String(input).endsWith('/answers')) return response;
      const body = (await response.json()) as { verifiableCredential?: { name?: string } };
      if (body.verifiableCredential) body.verifiableCredential.name = 'Git Grandmaster';
      return new Response(JSON.stringify(body), {
        status: response.status,
        headers: { 'content-type': 'application/json' },
      });
    };
    const { context } = walletContext({ fetch: tampering });
    await initCommand(context);
    await expect(
      attemptCommand(context, 'git-basics', { answers: gitAnswersFile() }),
    ).rejects.toMatchObject({
      code: 'CREDENTIAL_REJECTED',
      message: expect.stringContaining('did not verify'),
    });
    expect(await listCommand(context)).toEqual([]);
  });

  it('says plainly when the issuer is unreachable', async () => {
    const { context } = walletContext();
    await expect(tasksCommand(context, { issuer: 'http://127.0.0.1:9' })).rejects.toMatchObject({
      code: 'UPSTREAM_FAILED',
      message: 'http://127.0.0.1:9 is unreachable; is the service running?',
    });
  });

  it('sends nothing when no badge meets the posting, or when the learner declines', async () => {
    const postingUrl = await createPosting('git-basics');
    const empty = walletContext();
    await initCommand(empty.context);
    await expect(applyCommand(empty.context, postingUrl, { yes: true })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });

    const declining = walletContext({ prompter: { ...noPrompts, ask: async () => 'n' } });
    await initCommand(declining.context);
    await attemptCommand(declining.context, 'git-basics', { answers: gitAnswersFile() });
    await expect(applyCommand(declining.context, postingUrl, {})).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      message: 'not applied: you declined to share',
    });
    expect(declining.printed.stderr).toContain('These badges will be shared, and nothing else');
  });
});
