import { randomBytes, randomUUID } from 'node:crypto';
import { SkillproofError } from '@skillproof/core';
import { z } from 'zod';
import type { JobboardStore } from '../ports/jobboard-store.js';
import { hashPassword } from './hash-password.js';
import { employerEmailSchema } from './sign-in-employer.js';
import { hashToken } from '@skillproof/core';

/** What an employer password must be: long rather than clever (NIST SP 800-63B §3.1.1.2). */
export const employerPasswordSchema = z
  .string()
  .min(12, { message: 'use at least 12 characters' })
  .max(256, { message: 'use at most 256 characters' });

/**
 * The body of `POST /api/employers`. With an `email` the employer can also sign in to the web
 * pages: with `password` if given, else with a one-time password made here.
 */
export const employerInputSchema = z
  .strictObject({
    name: z.string().trim().min(1).max(200),
    email: employerEmailSchema.optional(),
    password: employerPasswordSchema.optional(),
  })
  .refine((input) => input.password === undefined || input.email !== undefined, {
    path: ['password'],
    message: 'a password needs an email to sign in with',
  });

/** A validated employer as the admin submitted it. */
export type EmployerInput = z.infer<typeof employerInputSchema>;

/** A new employer and its secrets, which are shown this once and stored only hashed. */
export interface CreateEmployerResult {
  id: string;
  name: string;
  email?: string;
  token: string;
  /** The one-time password made for it; it must choose its own at the first sign-in. */
  oneTimePassword?: string;
}

/** Options of {@link createEmployer}. */
export interface CreateEmployerOptions {
  /** scrypt cost of the password hash (see `hashPassword`). */
  passwordLogN?: number;
}

/**
 * Creates an employer with a fresh bearer token (32 random bytes, base64url) and, when it has an
 * email, a password for the web pages (scrypt, salted).
 *
 * @throws SkillproofError `CONFLICT` when another employer already signs in with that email.
 * @example
 * ```ts
 * const { id, token, oneTimePassword } = await createEmployer(
 *   store, { name: 'Acme', email: 'hiring@acme.example' }, new Date(),
 * );
 * ```
 */
export async function createEmployer(
  store: JobboardStore,
  input: EmployerInput,
  now: Date,
  options: CreateEmployerOptions = {},
): Promise<CreateEmployerResult> {
  if (input.email !== undefined && (await store.findEmployerAccountByEmail(input.email))) {
    throw new SkillproofError('CONFLICT', `an employer already signs in with ${input.email}`);
  }
  const token = randomBytes(32).toString('base64url');
  const oneTimePassword =
    input.email !== undefined && input.password === undefined
      ? randomBytes(15).toString('base64url')
      : undefined;
  const password = input.password ?? oneTimePassword;
  const employer = {
    id: randomUUID(),
    name: input.name,
    ...(input.email === undefined ? {} : { email: input.email }),
    createdAt: now.toISOString(),
  };
  const passwordHash =
    password === undefined
      ? undefined
      : await hashPassword(password, { logN: options.passwordLogN });
  try {
    await store.insertEmployer({
      ...employer,
      tokenHash: hashToken(token),
      ...(passwordHash === undefined
        ? {}
        : { passwordHash, passwordChangeRequired: oneTimePassword !== undefined }),
    });
  } catch (error) {
    // Two admins adding the same address at once: the unique index decides, not the check above.
    if (input.email !== undefined && (await store.findEmployerAccountByEmail(input.email))) {
      throw new SkillproofError('CONFLICT', `an employer already signs in with ${input.email}`);
    }
    throw error;
  }
  return {
    id: employer.id,
    name: employer.name,
    ...(input.email === undefined ? {} : { email: input.email }),
    token,
    ...(oneTimePassword === undefined ? {} : { oneTimePassword }),
  };
}
