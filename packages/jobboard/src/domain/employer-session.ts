import { randomBytes } from 'node:crypto';
import type { JobboardStore } from '../ports/jobboard-store.js';
import type { Employer } from '../jobboard-types.js';
import { hashToken } from '@skillproof/core';

/** A signed-in employer's web session, as the pages see it. */
export interface EmployerSession {
  employer: Employer;
  /** Put in a hidden field of every form and checked on every POST (OWASP synchronizer token). */
  csrfToken: string;
  /** Set after a sign-in with a one-time password: every page asks for a new one first. */
  passwordChangeRequired: boolean;
  expiresAt: string;
}

/** A new session and the cookie value that opens it, which is stored only hashed. */
export interface StartedEmployerSession extends EmployerSession {
  token: string;
}

/** How long a web session lasts: a working day, then sign in again. */
export const employerSessionSeconds = 8 * 60 * 60;

/**
 * Opens a web session for `employer`: a random 256-bit cookie value (stored as its SHA-256, so a
 * database leak opens no session) and a random CSRF token. Expired sessions are swept here.
 *
 * @example
 * ```ts
 * const session = await startEmployerSession(store, employer, false, new Date());
 * res.setHeader('Set-Cookie', sessionCookie(session.token, …));
 * ```
 */
export async function startEmployerSession(
  store: JobboardStore,
  employer: Employer,
  passwordChangeRequired: boolean,
  now: Date,
): Promise<StartedEmployerSession> {
  await store.deleteExpiredEmployerSessions(now.toISOString());
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + employerSessionSeconds * 1000).toISOString();
  await store.insertEmployerSession({
    tokenHash: hashToken(token),
    employerId: employer.id,
    csrfToken,
    createdAt: now.toISOString(),
    expiresAt,
  });
  return { token, employer, csrfToken, passwordChangeRequired, expiresAt };
}

/**
 * The session a cookie value opens at `now`, or `undefined` for an unknown or expired one.
 *
 * @example
 * ```ts
 * const session = await findEmployerSession(store, cookieValue, new Date());
 * ```
 */
export async function findEmployerSession(
  store: JobboardStore,
  token: string,
  now: Date,
): Promise<EmployerSession | undefined> {
  const found = await store.findEmployerSession(hashToken(token), now.toISOString());
  return (
    found && {
      employer: found.employer,
      csrfToken: found.csrfToken,
      passwordChangeRequired: found.passwordChangeRequired,
      expiresAt: found.expiresAt,
    }
  );
}

/**
 * Ends the session a cookie value opens (sign-out); unknown values are ignored.
 *
 * @example
 * ```ts
 * await endEmployerSession(store, cookieValue);
 * ```
 */
export async function endEmployerSession(store: JobboardStore, token: string): Promise<void> {
  await store.deleteEmployerSession(hashToken(token));
}
