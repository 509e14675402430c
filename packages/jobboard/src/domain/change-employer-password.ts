import { SkillproofError } from '@skillproof/core';
import { z } from 'zod';
import type { JobboardStore } from '../ports/jobboard-store.js';
import { employerPasswordSchema } from './create-employer.js';
import { hashPassword, verifyPassword } from './hash-password.js';
import type { Employer } from '../jobboard-types.js';
import { hashToken } from '@skillproof/core';

/** The change-password form: the current password, and the new one twice. */
export const changePasswordInputSchema = z
  .object({
    currentPassword: z.string().min(1, { message: 'enter your current password' }).max(256),
    newPassword: employerPasswordSchema,
    repeatPassword: z.string().max(256),
  })
  .refine((input) => input.newPassword === input.repeatPassword, {
    path: ['repeatPassword'],
    message: 'the two new passwords differ',
  })
  .refine((input) => input.newPassword !== input.currentPassword, {
    path: ['newPassword'],
    message: 'choose a password other than the current one',
  });

/** A validated change-password form. */
export type ChangePasswordInput = z.infer<typeof changePasswordInputSchema>;

/**
 * Replaces a signed-in employer's password after checking the current one, clears the
 * one-time-password flag, and ends the employer's other sessions: whoever knew the old password
 * (or held a session opened with it) is signed out everywhere but here.
 *
 * @throws SkillproofError `UNAUTHORIZED` when the current password is wrong.
 * @example
 * ```ts
 * await changeEmployerPassword(store, session.employer, sessionToken, input);
 * ```
 */
export async function changeEmployerPassword(
  store: JobboardStore,
  employer: Employer,
  /** The cookie value of the session the change is made from; it stays open. */
  sessionToken: string,
  input: ChangePasswordInput,
  options: { passwordLogN?: number } = {},
): Promise<void> {
  const account =
    employer.email === undefined
      ? undefined
      : await store.findEmployerAccountByEmail(employer.email);
  if (
    !account ||
    account.employer.id !== employer.id ||
    account.passwordHash === undefined ||
    !(await verifyPassword(input.currentPassword, account.passwordHash))
  ) {
    throw new SkillproofError('UNAUTHORIZED', 'the current password is not right');
  }
  await store.setEmployerPassword(
    employer.id,
    await hashPassword(input.newPassword, { logN: options.passwordLogN }),
  );
  await store.deleteOtherEmployerSessions(employer.id, hashToken(sessionToken));
}
