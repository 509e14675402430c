import { SkillproofError } from '@skillproof/core';
import { z } from 'zod';
import type { JobboardStore } from '../ports/jobboard-store.js';
import { startEmployerSession, type StartedEmployerSession } from './employer-session.js';
import { hashPassword, verifyPassword } from './hash-password.js';

/** An employer's sign-in address: trimmed and lower-cased, so `Ann@Acme.example` finds it too. */
export const employerEmailSchema = z
  .string()
  .trim()
  .max(254)
  .toLowerCase()
  .pipe(z.email({ message: 'expected an email address' }));

/** The sign-in form. */
export const signInInputSchema = z.object({
  email: employerEmailSchema,
  password: z.string().min(1, { message: 'enter your password' }).max(256),
});

/** A validated sign-in form. */
export type SignInInput = z.infer<typeof signInInputSchema>;

/** What {@link signInEmployer} needs besides its input. */
export interface SignInEmployerDeps {
  store: JobboardStore;
  now: () => Date;
  /** scrypt cost of the decoy hash for unknown addresses; match the stored hashes' cost. */
  passwordLogN?: number;
}

const decoys = new Map<number, Promise<string>>();

// An unknown address must cost what a wrong password costs, or the response time would tell
// which addresses have accounts (OWASP Authentication Cheat Sheet, "Authentication responses").
function decoyHash(logN: number): Promise<string> {
  let decoy = decoys.get(logN);
  if (!decoy) {
    decoy = hashPassword('decoy password that never matches', { logN });
    decoys.set(logN, decoy);
  }
  return decoy;
}

/**
 * Checks an employer's email and password and opens a web session. The same message answers an
 * unknown address and a wrong password.
 *
 * @throws SkillproofError `UNAUTHORIZED` when they don't match an employer with a password.
 * @example
 * ```ts
 * const session = await signInEmployer({ store, now }, { email, password });
 * ```
 */
export async function signInEmployer(
  deps: SignInEmployerDeps,
  input: SignInInput,
): Promise<StartedEmployerSession> {
  const account = await deps.store.findEmployerAccountByEmail(input.email);
  const stored = account?.passwordHash ?? (await decoyHash(deps.passwordLogN ?? 15));
  const matches = await verifyPassword(input.password, stored);
  if (!account || account.passwordHash === undefined || !matches) {
    throw new SkillproofError('UNAUTHORIZED', 'that email and password do not match an employer');
  }
  return startEmployerSession(
    deps.store,
    account.employer,
    account.passwordChangeRequired,
    deps.now(),
  );
}
