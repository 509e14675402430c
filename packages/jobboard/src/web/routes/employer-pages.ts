import { isSkillproofError, SkillproofError } from '@skillproof/core';
import { parseBody } from '@skillproof/server/http';
import {
  checkFormPost,
  formField,
  formFields,
  readCookie,
  type FormBody,
} from '@skillproof/server/web';
import { Router, type NextFunction, type Request, type Response } from 'express';
import {
  changeEmployerPassword,
  changePasswordInputSchema,
} from '../../domain/change-employer-password.js';
import { createPosting } from '../../domain/create-posting.js';
import type { EmployerSession } from '../../domain/employer-session.js';
import { getOwnedPosting } from '../../domain/get-owned-posting.js';
import { listPostings } from '../../domain/list-postings.js';
import { postingInputSchema } from '../../domain/posting-input.js';
import { acceptPaidTaskClaim } from '../../domain/accept-paid-task-claim.js';
import { cancelPaidTask, recordPaidTaskPayment } from '../../domain/settle-paid-task.js';
import { taskCancelInputSchema, taskPaymentInputSchema } from '../../domain/paid-task-inputs.js';
import { paidTaskOfPosting } from '../../domain/paid-task-of-posting.js';
import { exportLedgerCsv } from '../../domain/tasks/export-ledger.js';
import { loadApplicants } from '../applicants-view.js';
import { paidTaskView } from '../paid-task-view.js';
import type { IssuerCatalog } from '../issuer-catalogs.js';
import { badgeOptions, postingFromForm, skillOptions } from '../posting-from-form.js';
import { sessionCookieName } from '../session-cookie.js';
import { sendPage, sessionOf, type WebContext } from '../web-context.js';

function signedIn(res: Response): EmployerSession {
  const session = sessionOf(res);
  if (!session) throw new SkillproofError('UNAUTHORIZED', 'sign in to see this page');
  return session;
}

/**
 * The signed-in employer's pages: their postings, the posting form, a posting's applicants, and
 * the change-password form. Everything here needs a session; every POST its CSRF token.
 *
 * @example
 * ```ts
 * router.use('/employer', employerPages(web));
 * ```
 */
export function employerPages(web: WebContext): Router {
  const router = Router();

  router.use((req: Request, res: Response, next: NextFunction) => {
    const session = signedIn(res);
    // Applicants' DIDs and decisions: not for shared caches, nor the back button after sign-out.
    res.set('Cache-Control', 'no-store');
    // A one-time password must be replaced before anything else is done with it.
    if (session.passwordChangeRequired && req.path !== '/password') {
      res.redirect(303, `${web.basePath}/employer/password`);
      return;
    }
    if (req.method === 'POST') {
      checkFormPost(req, { origin: web.origin, csrfToken: session.csrfToken });
    }
    next();
  });

  router.get('/', async (_req, res) => {
    const session = signedIn(res);
    const postings = (await listPostings(web.jobboard.store)).filter(
      (posting) => posting.employerId === session.employer.id,
    );
    sendPage(web, res, 200, 'employer-postings.njk', { title: 'Your postings', postings });
  });

  const sendPostingForm = (
    res: Response,
    status: number,
    catalogs: IssuerCatalog[],
    form: FormBody,
    problem?: string,
  ) => {
    const badges = badgeOptions(catalogs).map((badge, index) => ({
      ...badge,
      index,
      use: formField(form, `badge-${index}`),
      minScore: formField(form, `badge-${index}-min`),
    }));
    const chosenSkills = formFields(form, 'skill');
    sendPage(web, res, status, 'posting-form.njk', {
      title: 'New posting',
      catalogs,
      badgesByIssuer: catalogs.map((catalog) => ({
        catalog,
        badges: badges.filter(
          (badge) => catalog.available && badge.issuer.id === catalog.issuer.id,
        ),
      })),
      skills: skillOptions(catalogs).map((skill) => ({
        ...skill,
        checked: chosenSkills.includes(skill.targetUrl),
      })),
      form: {
        title: formField(form, 'title'),
        description: formField(form, 'description'),
        anyOfCount: formField(form, 'any-of-count') || '1',
        withinMonths: formField(form, 'within-months'),
        requireTransparency: formField(form, 'require-transparency') !== '',
      },
      problem,
    });
  };

  router.get('/postings/new', async (_req, res) => {
    sendPostingForm(res, 200, await web.catalogs.load(), {});
  });

  router.post('/postings', async (req, res) => {
    const session = signedIn(res);
    const catalogs = await web.catalogs.load();
    const form = req.body as FormBody;
    let posting;
    try {
      const input = parseBody(postingInputSchema, postingFromForm(form, catalogs));
      posting = await createPosting(
        web.jobboard.store,
        session.employer,
        input,
        web.jobboard.now(),
        { bitcoinNetwork: web.jobboard.bitcoinNetwork },
      );
    } catch (error) {
      if (!isSkillproofError(error) || error.code !== 'VALIDATION_FAILED') throw error;
      sendPostingForm(res, 400, catalogs, form, error.message);
      return;
    }
    web.jobboard.log.info('posting created', {
      postingId: posting.id,
      employerId: session.employer.id,
    });
    res.redirect(303, `${web.basePath}/employer/postings/${encodeURIComponent(posting.id)}`);
  });

  router.get('/postings/:id', async (req, res) => {
    const session = signedIn(res);
    const posting = await getOwnedPosting(web.jobboard.store, session.employer, req.params.id);
    const { requirements, rows, funnel } = await loadApplicants(
      web.jobboard,
      web.catalogs,
      session.employer,
      posting,
    );
    sendPage(web, res, 200, 'applicants.njk', {
      title: `Applicants: ${posting.title}`,
      posting,
      requirements,
      rows,
      funnel,
      task: await paidTaskView(web.jobboard.store, session.employer, posting, web.jobboard.now()),
      postingUrl: `${web.baseUrl}/postings/${encodeURIComponent(posting.id)}`,
    });
  });

  // A paid task's employer, on its posting's page: accept a claim, record the payment, cancel,
  // and the ledger as CSV. Each change goes through the same domain functions as the API.
  const taskPage = (postingId: string) =>
    `${web.basePath}/employer/postings/${encodeURIComponent(postingId)}#task`;

  router.post('/postings/:id/claims/:claimId/accept', async (req, res) => {
    const session = signedIn(res);
    const { posting, history } = await paidTaskOfPosting(
      web.jobboard.store,
      req.params.id,
      session.employer,
    );
    await acceptPaidTaskClaim(web.jobboard, {
      employer: session.employer,
      posting,
      history,
      claimId: req.params.claimId,
    });
    res.redirect(303, taskPage(posting.id));
  });

  router.post('/postings/:id/payment', async (req, res) => {
    const session = signedIn(res);
    const { posting } = await paidTaskOfPosting(
      web.jobboard.store,
      req.params.id,
      session.employer,
    );
    const { txid } = parseBody(taskPaymentInputSchema, {
      txid: formField(req.body as FormBody, 'txid').trim(),
    });
    await recordPaidTaskPayment(web.jobboard, { employer: session.employer, posting, txid });
    res.redirect(303, taskPage(posting.id));
  });

  router.post('/postings/:id/cancel', async (req, res) => {
    const session = signedIn(res);
    const { posting } = await paidTaskOfPosting(
      web.jobboard.store,
      req.params.id,
      session.employer,
    );
    const reason = formField(req.body as FormBody, 'reason').trim();
    const input = parseBody(taskCancelInputSchema, reason === '' ? {} : { reason });
    await cancelPaidTask(web.jobboard, {
      employer: session.employer,
      posting,
      reason: input.reason,
    });
    res.redirect(303, taskPage(posting.id));
  });

  router.get('/postings/:id/ledger.csv', async (req, res) => {
    const session = signedIn(res);
    const { posting, history } = await paidTaskOfPosting(
      web.jobboard.store,
      req.params.id,
      session.employer,
    );
    res.type('text/csv').attachment(`ledger-${posting.id}.csv`).send(exportLedgerCsv(history));
  });

  router.get('/password', (_req, res) => {
    const session = signedIn(res);
    sendPage(web, res, 200, 'change-password.njk', {
      title: 'Choose a password',
      required: session.passwordChangeRequired,
    });
  });

  router.post('/password', async (req, res) => {
    const session = signedIn(res);
    const form = req.body as FormBody;
    const again = (status: number, problem: string) =>
      sendPage(web, res, status, 'change-password.njk', {
        title: 'Choose a password',
        required: session.passwordChangeRequired,
        problem,
      });
    const parsed = changePasswordInputSchema.safeParse({
      currentPassword: formField(form, 'currentPassword'),
      newPassword: formField(form, 'newPassword'),
      repeatPassword: formField(form, 'repeatPassword'),
    });
    if (!parsed.success) {
      again(400, parsed.error.issues[0]?.message ?? 'check the form');
      return;
    }
    try {
      await changeEmployerPassword(
        web.jobboard.store,
        session.employer,
        // The session exists, so its cookie does.
        readCookie(req.headers.cookie, sessionCookieName) ?? '',
        parsed.data,
        web.passwordLogN === undefined ? {} : { passwordLogN: web.passwordLogN },
      );
    } catch (error) {
      if (!isSkillproofError(error) || error.code !== 'UNAUTHORIZED') throw error;
      again(400, error.message);
      return;
    }
    web.jobboard.log.info('employer password changed', { employerId: session.employer.id });
    res.redirect(303, `${web.basePath}/employer`);
  });

  return router;
}
