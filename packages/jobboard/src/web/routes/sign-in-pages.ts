import { isSkillproofError } from '@skillproof/core';
import { checkFormPost, formField, readCookie } from '@skillproof/server/web';
import { Router } from 'express';
import { endEmployerSession } from '../../domain/employer-session.js';
import { signInEmployer, signInInputSchema } from '../../domain/sign-in-employer.js';
import { clearedSessionCookie, sessionCookie, sessionCookieName } from '../session-cookie.js';
import { sendPage, sessionOf, type WebContext } from '../web-context.js';

/**
 * `GET|POST /sign-in` (email and password; rate-limited per address and per email) and
 * `POST /sign-out`.
 *
 * @example
 * ```ts
 * router.use(signInPages(web));
 * ```
 */
export function signInPages(web: WebContext): Router {
  const router = Router();
  router.get('/sign-in', (_req, res) => {
    if (sessionOf(res)) {
      res.redirect(303, `${web.basePath}/employer`);
      return;
    }
    sendPage(web, res, 200, 'sign-in.njk', { title: 'Employer sign-in', email: '' });
  });

  router.post('/sign-in', async (req, res) => {
    // No session yet, so no CSRF token: the Origin check alone stops a login CSRF.
    checkFormPost(req, { origin: web.origin });
    const form = req.body as Record<string, unknown>;
    const email = formField(form, 'email').trim().toLowerCase();
    // Counted before the password is checked, so a guesser learns nothing once limited.
    await web.signInLimiters.byAddress.hit(
      req.ip ?? 'unknown',
      'sign-in attempts from your address',
    );
    // Keys are bounded (an address has at most 254 characters) so the limiter's memory is too.
    await web.signInLimiters.byEmail.hit(email.slice(0, 254), 'sign-in attempts for this email');
    const parsed = signInInputSchema.safeParse({
      email,
      password: formField(form, 'password'),
    });
    const again = (status: number, problem: string) =>
      sendPage(web, res, status, 'sign-in.njk', { title: 'Employer sign-in', email, problem });
    if (!parsed.success) {
      again(400, parsed.error.issues[0]?.message ?? 'check the form');
      return;
    }
    try {
      const session = await signInEmployer(
        {
          store: web.jobboard.store,
          now: web.jobboard.now,
          ...(web.passwordLogN === undefined ? {} : { passwordLogN: web.passwordLogN }),
        },
        parsed.data,
      );
      web.jobboard.log.info('employer signed in', { employerId: session.employer.id });
      res.append('Set-Cookie', sessionCookie(session.token, web.cookie));
      res.redirect(
        303,
        `${web.basePath}/employer${session.passwordChangeRequired ? '/password' : ''}`,
      );
    } catch (error) {
      if (!isSkillproofError(error) || error.code !== 'UNAUTHORIZED') throw error;
      again(401, error.message);
    }
  });

  router.post('/sign-out', async (req, res) => {
    const session = sessionOf(res);
    if (session) {
      checkFormPost(req, { origin: web.origin, csrfToken: session.csrfToken });
      const token = readCookie(req.headers.cookie, sessionCookieName);
      if (token !== undefined) await endEmployerSession(web.jobboard.store, token);
    }
    res.append('Set-Cookie', clearedSessionCookie(web.cookie));
    res.redirect(303, `${web.basePath}/`);
  });
  return router;
}
