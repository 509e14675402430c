import { parseArgs } from 'node:util';
import { SkillproofError } from '@skillproof/core';
import {
  createEmployer,
  employerInputSchema,
  type CreateEmployerResult,
} from '../domain/create-employer.js';
import type { JobboardStore } from '../ports/jobboard-store.js';

/** A mistake in how the admin command was called: the bin prints it with the usage, exit 2. */
export class AdminUsageError extends Error {
  override readonly name = 'AdminUsageError';
}

/** What {@link createEmployerCommand} works with. */
export interface CreateEmployerCommandDeps {
  store: JobboardStore;
  now: () => Date;
  /** Reads standard input to its end (for `--password-stdin`). */
  readStdin: () => Promise<string>;
  /** scrypt cost of the password hash; default that of `hashPassword`. */
  passwordLogN?: number;
}

/** How `create-employer` is called. */
export const createEmployerUsage =
  'create-employer --name <name> [--email <address> [--password-stdin]] [--json]';

/**
 * `admin create-employer`: makes an employer with a bearer token for the API and, with
 * `--email`, a password for the web pages — read from standard input with `--password-stdin`
 * (first line), else a one-time password made here that must be changed at the first sign-in.
 * Returns what to show; the secrets in it are shown this once and stored only hashed.
 *
 * @throws AdminUsageError for unknown or missing options; SkillproofError `VALIDATION_FAILED` for
 * a bad name, email or password, `CONFLICT` for an email already in use.
 * @example
 * ```ts
 * const result = await createEmployerCommand(['--name', 'Acme', '--email', 'hr@acme.example'], deps);
 * ```
 */
export async function createEmployerCommand(
  args: string[],
  deps: CreateEmployerCommandDeps,
): Promise<{ result: CreateEmployerResult; json: boolean }> {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      options: {
        name: { type: 'string' },
        email: { type: 'string' },
        'password-stdin': { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new AdminUsageError(error instanceof Error ? error.message : String(error));
  }
  if (values.name === undefined) throw new AdminUsageError('--name is required');
  if (values['password-stdin'] && values.email === undefined) {
    throw new AdminUsageError('--password-stdin needs --email: the password signs in with it');
  }
  const password = values['password-stdin']
    ? (await deps.readStdin()).split(/\r?\n/)[0]
    : undefined;
  const parsed = employerInputSchema.safeParse({
    name: values.name,
    ...(values.email === undefined ? {} : { email: values.email }),
    ...(password === undefined ? {} : { password }),
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new SkillproofError(
      'VALIDATION_FAILED',
      `--${String(issue?.path[0] ?? 'name')}: ${issue?.message ?? 'invalid'}`,
    );
  }
  const result = await createEmployer(
    deps.store,
    parsed.data,
    deps.now(),
    deps.passwordLogN === undefined ? {} : { passwordLogN: deps.passwordLogN },
  );
  return { result, json: values.json };
}

/**
 * The lines `create-employer` prints for a person.
 *
 * @example
 * ```ts
 * for (const line of describeCreatedEmployer(result)) console.log(line);
 * ```
 */
export function describeCreatedEmployer(result: CreateEmployerResult): string[] {
  return [
    `employer created: ${result.name} (${result.id})`,
    `  API token (shown once; send it as "Authorization: Bearer <token>"): ${result.token}`,
    ...(result.email === undefined ? [] : [`  web sign-in email: ${result.email}`]),
    ...(result.oneTimePassword === undefined
      ? []
      : [
          `  one-time password (shown once; a new one is chosen at the first sign-in): ${result.oneTimePassword}`,
        ]),
  ];
}
