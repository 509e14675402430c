import { SkillproofError } from '@skillproof/core';
import type { Request } from 'express';
import { secretsEqual } from '../http/bearer-token.js';

function originOf(url: string | undefined): string | undefined {
  if (url === undefined) return undefined;
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}

/**
 * Refuses a form POST that did not come from the site's own pages: its `Origin` (or, from a
 * browser that sends none, its `Referer`) must be the site's origin (OWASP CSRF Prevention Cheat
 * Sheet, "Verifying Origin With Standard Headers"), and when the visitor has a session, the
 * form's `csrf` field must equal the session's token (synchronizer token pattern), compared in
 * constant time.
 *
 * @throws SkillproofError `FORBIDDEN` when either check fails.
 * @example
 * ```ts
 * checkFormPost(req, { origin: 'https://jobs.example', csrfToken: session.csrfToken });
 * ```
 */
export function checkFormPost(
  req: Request,
  expected: { origin: string; csrfToken?: string },
): void {
  const origin = req.headers.origin ?? originOf(req.headers.referer);
  if (origin !== expected.origin) {
    throw new SkillproofError(
      'FORBIDDEN',
      'this form was not sent from a page of this site; reload the page and try again',
    );
  }
  if (expected.csrfToken === undefined) return;
  const given = (req.body as Record<string, unknown> | undefined)?.['csrf'];
  if (typeof given !== 'string' || !secretsEqual(given, expected.csrfToken)) {
    throw new SkillproofError(
      'FORBIDDEN',
      'this form has expired or was not sent from your session; reload the page and try again',
    );
  }
}
