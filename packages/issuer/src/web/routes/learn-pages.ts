import { SkillproofError } from '@skillproof/core';
import { checkFormPost, formField, type FormBody } from '@skillproof/server/web';
import { Router, type Request, type Response } from 'express';
import QRCode from 'qrcode';
import type { AttemptRecord } from '../../ports/issuer-store.js';
import type { Badge } from '../../catalog/catalog-types.js';
import { findBadge } from '../../catalog/find-badge.js';
import { attemptTasks } from '../../domain/attempt-tasks.js';
import { currentStanding } from '../../domain/current-standing.js';
import { learnerAttempt } from '../../domain/grade-submission.js';
import { shuffleSeeded } from '../../domain/shuffle.js';
import { startAttempt } from '../../domain/start-attempt.js';
import { submitWebAnswers } from '../../domain/submit-web-answers.js';
import { webCredentialOffer, type WebOfferOutcome } from '../../domain/web-credential-offer.js';
import { loggedBadgeView } from '../logged-badge-view.js';
import { badgeView, passRuleText } from '../badge-view.js';
import { ensureWebLearner, webLearnerOf, type WebLearner } from '../web-learner.js';
import { sendPage, type IssuerWebContext } from '../web-context.js';

const maxAnswers = 100;

/** The learner of a form post or an attempt's page: a browser without the cookie is nobody's. */
function knownLearner(web: IssuerWebContext, req: Request): WebLearner {
  const learner = webLearnerOf(web, req);
  if (!learner) {
    throw new SkillproofError(
      'FORBIDDEN',
      'this browser has no learner cookie for this page: allow cookies for this site, open the badges and start again',
    );
  }
  return learner;
}

/** A form post of `learner`'s, from one of the issuer's own pages; counted like the API's. */
async function checkLearnerPost(web: IssuerWebContext, req: Request): Promise<WebLearner> {
  const learner = knownLearner(web, req);
  checkFormPost(req, { origin: web.origin, csrfToken: learner.csrfToken });
  await web.attemptLimiter.hit(learner.did, 'attempt requests');
  return learner;
}

/** `answer-<task id>` fields -> task id -> answer; blank ones are left out (unanswered). */
function answersFromForm(form: FormBody): Record<string, string> {
  const answers = Object.create(null) as Record<string, string>;
  const fields = Object.keys(form).filter((name) => name.startsWith('answer-'));
  if (fields.length > maxAnswers) {
    throw new SkillproofError('VALIDATION_FAILED', `at most ${maxAnswers} answers`);
  }
  for (const name of fields) {
    const taskId = name.slice('answer-'.length);
    const answer = formField(form, name);
    if (taskId.length === 0 || taskId.length > 64 || answer.length > 256) {
      throw new SkillproofError(
        'VALIDATION_FAILED',
        'an answer is too long (at most 256 characters) or names no task',
      );
    }
    if (answer.trim() !== '') answers[taskId] = answer;
  }
  return answers;
}

function attemptPath(web: IssuerWebContext, attemptId: string): string {
  return `${web.basePath}/learn/attempts/${encodeURIComponent(attemptId)}`;
}

// The QR code is the offer's URI, drawn by `qrcode` from that URI alone, as an image whose
// alternative text says what it is.
async function qrCodeDataUrl(text: string): Promise<string> {
  const svg = await QRCode.toString(text, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' });
  return `data:image/svg+xml;base64,${Buffer.from(svg, 'utf8').toString('base64')}`;
}

async function sendTestPage(
  web: IssuerWebContext,
  res: Response,
  learner: WebLearner,
  attempt: AttemptRecord,
  badge: Badge,
): Promise<void> {
  const standing = await currentStanding(web.issuer, learner.did, badge, web.issuer.now());
  sendPage(web, res, 200, 'attempt.njk', {
    title: `${badge.name}: the test`,
    badge: badgeView(web, badge),
    attempt,
    // The same order on every reload of this attempt, another in the next attempt.
    tasks: attemptTasks(web.issuer.puzzleSecret, learner.did, badge, (items) =>
      shuffleSeeded(items, attempt.id),
    ),
    attemptsLeft: standing.attemptsLeft,
    action: `${attemptPath(web, attempt.id)}/answers`,
    csrfToken: learner.csrfToken,
  });
}

async function offerOf(
  web: IssuerWebContext,
  learner: WebLearner,
  attempt: AttemptRecord,
): Promise<{ outcome?: WebOfferOutcome; qrCode?: string }> {
  try {
    const outcome = await webCredentialOffer(web.offers, attempt, learner.offerSealer);
    return outcome.kind === 'offered'
      ? { outcome, qrCode: await qrCodeDataUrl(outcome.offer.offerUri) }
      : { outcome };
  } catch (error) {
    web.issuer.log.error('credential offer failed', {
      attemptId: attempt.id,
      error: error instanceof Error ? error.message : String(error),
    });
    return {};
  }
}

async function sendResultPage(
  web: IssuerWebContext,
  res: Response,
  learner: WebLearner,
  attempt: AttemptRecord,
  badge: Badge,
): Promise<void> {
  const standing = await currentStanding(web.issuer, learner.did, badge, web.issuer.now());
  const offer = attempt.passed === true ? await offerOf(web, learner, attempt) : {};
  const logged =
    offer.outcome?.kind === 'collected'
      ? await loggedBadgeView(web, offer.outcome.credentialId)
      : undefined;
  sendPage(web, res, 200, 'result.njk', {
    title: attempt.passed === true ? `You passed ${badge.name}` : `Not passed yet: ${badge.name}`,
    badge: badgeView(web, badge),
    attempt,
    passRule: passRuleText(badge),
    standing,
    ...offer,
    logged,
    // Whether the badge will be logged once collected (the offer page says so).
    logsIssuance: web.issuer.transparency !== undefined,
    logUrl: `${web.issuer.baseUrl}/log`,
    csrfToken: learner.csrfToken,
  });
}

/**
 * The learners' pages: `GET /learn` (the badges), `POST /learn/badges/:id/attempts` (start a
 * test), `GET /learn/attempts/:id` (the test, or its result once graded),
 * `POST /learn/attempts/:id/answers` (grade it, then back to its page), and `GET /` (to the
 * badges). A learner is the random token in their cookie; every form carries a CSRF token bound
 * to it and must come from the issuer's origin. Starts are counted per learner and per client
 * address (a new cookie is a new learner, not a new address).
 *
 * @example
 * ```ts
 * router.use(learnPages(web));
 * ```
 */
export function learnPages(web: IssuerWebContext): Router {
  const router = Router();
  router.get('/', (_req, res) => {
    res.redirect(303, `${web.basePath}/learn`);
  });
  router.get('/learn', (req, res) => {
    const learner = ensureWebLearner(web, req, res);
    sendPage(web, res, 200, 'catalogue.njk', {
      title: 'Badges',
      badges: web.issuer.catalog.badges.map((badge) => badgeView(web, badge)),
      csrfToken: learner.csrfToken,
    });
  });
  router.post('/learn/badges/:id/attempts', async (req, res) => {
    const learner = await checkLearnerPost(web, req);
    await web.attemptStartLimiter.hit(
      req.ip ?? 'unknown',
      'tests started from this network address',
    );
    const started = await startAttempt(web.issuer, learner.did, req.params.id);
    res.redirect(303, attemptPath(web, started.attemptId));
  });
  router.get('/learn/attempts/:id', async (req, res) => {
    const learner = knownLearner(web, req);
    const attempt = await learnerAttempt(web.issuer, req.params.id, learner.did);
    const badge = findBadge(web.issuer.catalog, attempt.badge);
    if (attempt.gradedAt !== null) {
      await sendResultPage(web, res, learner, attempt, badge);
      return;
    }
    if (attempt.expiresAt <= web.issuer.now().toISOString()) {
      throw new SkillproofError('CONFLICT', 'this attempt has expired; start a new one');
    }
    await sendTestPage(web, res, learner, attempt, badge);
  });
  router.post('/learn/attempts/:id/answers', async (req, res) => {
    const learner = await checkLearnerPost(web, req);
    const answers = answersFromForm(req.body as FormBody);
    await submitWebAnswers(web.issuer, { attemptId: req.params.id, did: learner.did, answers });
    res.redirect(303, attemptPath(web, req.params.id));
  });
  return router;
}
