import { randomBytes, randomUUID } from 'node:crypto';
import { hashToken } from '@skillproof/core/http';
import { z } from 'zod';
import type { JobboardStore } from '../store/jobboard-store.js';

/** The body of `POST /api/employers`. */
export const employerInputSchema = z.strictObject({
  name: z.string().trim().min(1).max(200),
});

/** A validated employer as the admin submitted it. */
export type EmployerInput = z.infer<typeof employerInputSchema>;

/** A new employer and its bearer token, which is shown this once and stored only hashed. */
export interface CreateEmployerResult {
  id: string;
  name: string;
  token: string;
}

/**
 * Creates an employer with a fresh bearer token (32 random bytes, base64url).
 *
 * @example
 * ```ts
 * const { id, token } = await createEmployer(store, { name: 'Acme' }, new Date());
 * ```
 */
export async function createEmployer(
  store: JobboardStore,
  input: EmployerInput,
  now: Date,
): Promise<CreateEmployerResult> {
  const token = randomBytes(32).toString('base64url');
  const employer = { id: randomUUID(), name: input.name, createdAt: now.toISOString() };
  await store.insertEmployer({ ...employer, tokenHash: hashToken(token) });
  return { id: employer.id, name: employer.name, token };
}
