import { describe, expect, it } from '@jest/globals';
import { hashToken } from '@skillproof/core';
import { openDatabase } from '@skillproof/server/sqlite';
import { createJobboardStore, type JobboardStore } from '@skillproof/jobboard';
import {
  AdminUsageError,
  createEmployerCommand,
  describeCreatedEmployer,
} from '../../src/admin/create-employer-command.js';
import { verifyPassword } from '../../src/domain/hash-password.js';

function deps(store: JobboardStore, stdin = '') {
  return {
    store,
    now: () => new Date('2026-11-26T12:00:00Z'),
    readStdin: async () => stdin,
    passwordLogN: 4,
  };
}

async function freshStore(): Promise<JobboardStore> {
  return await createJobboardStore(openDatabase(':memory:'));
}

describe('admin create-employer', () => {
  it('makes an API-only employer with a token', async () => {
    const store = await freshStore();
    const { result, json } = await createEmployerCommand(['--name', 'Acme'], deps(store));
    expect(json).toBe(false);
    expect(await store.findEmployerByTokenHash(hashToken(result.token))).toMatchObject({
      name: 'Acme',
    });
    expect(describeCreatedEmployer(result)).toEqual([
      `employer created: Acme (${result.id})`,
      `  API token (shown once; send it as "Authorization: Bearer <token>"): ${result.token}`,
    ]);
  });

  it('prints a one-time password for an employer with an email', async () => {
    const store = await freshStore();
    const { result } = await createEmployerCommand(
      ['--name', 'Acme', '--email', 'hr@acme.example', '--json'],
      deps(store),
    );
    expect(result.oneTimePassword).toMatch(/^[A-Za-z0-9_-]{20}$/);
    expect(describeCreatedEmployer(result).at(-1)).toBe(
      `  one-time password (shown once; a new one is chosen at the first sign-in): ${result.oneTimePassword}`,
    );
    const account = await store.findEmployerAccountByEmail('hr@acme.example');
    expect(account?.passwordChangeRequired).toBe(true);
  });

  it('reads the password from the first line of standard input with --password-stdin', async () => {
    const store = await freshStore();
    const { result } = await createEmployerCommand(
      ['--name', 'Acme', '--email', 'hr@acme.example', '--password-stdin'],
      deps(store, 'a long employer password\nignored second line\n'),
    );
    expect(result.oneTimePassword).toBeUndefined();
    const account = await store.findEmployerAccountByEmail('hr@acme.example');
    expect(account?.passwordChangeRequired).toBe(false);
    expect(await verifyPassword('a long employer password', account?.passwordHash as string)).toBe(
      true,
    );
  });

  it.each([
    [['--email', 'hr@acme.example'], '--name is required'],
    [
      ['--name', 'Acme', '--password-stdin'],
      '--password-stdin needs --email: the password signs in with it',
    ],
    [['--name', 'Acme', '--password', 'on-the-command-line'], "Unknown option '--password'"],
    [['--name', 'Acme', 'extra'], "Unexpected argument 'extra'"],
  ])('refuses %j as a usage mistake', async (args, message) => {
    await expect(createEmployerCommand(args, deps(await freshStore()))).rejects.toThrow(
      AdminUsageError,
    );
    await expect(createEmployerCommand(args, deps(await freshStore()))).rejects.toThrow(message);
  });

  it.each([
    [['--name', 'Acme', '--email', 'not-an-email'], '', '--email: expected an email address'],
    [
      ['--name', 'Acme', '--email', 'hr@acme.example', '--password-stdin'],
      'short\n',
      '--password: use at least 12 characters',
    ],
    [['--name', '  '], '', '--name: '],
  ])('refuses %j with a message naming the option', async (args, stdin, message) => {
    await expect(
      createEmployerCommand(args, deps(await freshStore(), stdin)),
    ).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      message: expect.stringContaining(message) as unknown as string,
    });
  });

  it('refuses an email already in use', async () => {
    const store = await freshStore();
    await createEmployerCommand(['--name', 'Acme', '--email', 'hr@acme.example'], deps(store));
    await expect(
      createEmployerCommand(['--name', 'Acme 2', '--email', 'hr@acme.example'], deps(store)),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
  });
});
