import { describe, expect, it } from '@jest/globals';
import { createCli, usageErrorFrom, UsageError } from '@skillproof/wallet-cli';
import { makeTestContext } from './fixtures/test-context.js';

async function run(args: string[]) {
  const { context } = makeTestContext();
  const written = { out: '', err: '' };
  const cli = createCli(() => context, {
    out: (text) => void (written.out += text),
    err: (text) => void (written.err += text),
  });
  try {
    await cli.parseAsync(args, { from: 'user' });
    return { outcome: 'ok' as const, written };
  } catch (error) {
    return { outcome: usageErrorFrom(error) ?? error, written };
  }
}

describe('the skillproof CLI', () => {
  it('treats an unknown command as a usage error (exit 2)', async () => {
    const { outcome, written } = await run(['fly']);
    expect(outcome).toBeInstanceOf(UsageError);
    expect(written.err).toContain("unknown command 'fly'");
  });

  it('treats a missing argument as a usage error', async () => {
    expect((await run(['attempt'])).outcome).toBeInstanceOf(UsageError);
  });

  it('shows help with an example for every command', async () => {
    for (const command of ['init', 'did', 'tasks', 'attempt', 'list', 'apply', 'verify']) {
      const { outcome, written } = await run([command, '--help']);
      expect(outcome).toBe('help');
      expect(written.out).toMatch(/Examples?:/);
    }
  });
});
