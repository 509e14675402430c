import { Router } from 'express';
import QRCode from 'qrcode';
import { getPublicPosting } from '../../domain/get-public-posting.js';
import { listPublicPostings } from '../../domain/list-public-postings.js';
import { loadPageNames } from '../page-names.js';
import { requirementView } from '../requirement-view.js';
import { sendPage, sessionOf, type WebContext } from '../web-context.js';
import { findPaidTaskClaim } from '../../domain/paid-task-claims.js';
import { paidTaskOfPosting } from '../../domain/paid-task-of-posting.js';
import { paidTaskSummaryOf } from '../../domain/paid-task-summary.js';

/**
 * `GET /` (every posting, with its employer and the badges it asks for) and `GET /postings/:id`
 * (one posting and how to apply to it: the `skillproof apply` command, a QR code of its URL,
 * and the presentation request for wallets).
 *
 * @example
 * ```ts
 * router.use(publicPages(web));
 * ```
 */
export function publicPages(web: WebContext): Router {
  const router = Router();
  router.get('/', async (_req, res) => {
    const listed = await listPublicPostings(web.jobboard.store);
    const namesOf = await loadPageNames(
      web.catalogs,
      listed.map((entry) => entry.posting),
    );
    sendPage(web, res, 200, 'postings.njk', {
      title: 'Jobs',
      postings: listed.map(({ posting, employerName }) => ({
        posting,
        employerName,
        requirements: posting.requirements.map((clause) =>
          requirementView(clause, namesOf(posting)),
        ),
      })),
    });
  });
  router.get('/postings/:id', async (req, res) => {
    const { posting, employerName } = await getPublicPosting(web.jobboard.store, req.params.id);
    const names = (await loadPageNames(web.catalogs, [posting]))(posting);
    const postingUrl = `${web.baseUrl}/postings/${encodeURIComponent(posting.id)}`;
    // The QR code is the posting's URL, drawn by `qrcode` from that URL alone: markup the board
    // makes itself, so the template may print it unescaped.
    const qrSvg = await QRCode.toString(postingUrl, {
      type: 'svg',
      margin: 1,
      errorCorrectionLevel: 'M',
    });
    sendPage(web, res, 200, 'posting.njk', {
      title: posting.title,
      posting,
      employerName,
      requirements: posting.requirements.map((clause) => requirementView(clause, names)),
      postingUrl,
      qrSvg,
      applyCommand: `skillproof apply ${postingUrl}`,
      presentationRequestUrl: `${web.baseUrl}/api/postings/${encodeURIComponent(posting.id)}/presentation-request`,
      definitionJson: JSON.stringify(posting.presentation_definition, null, 2),
      ownPosting: sessionOf(res)?.employer.id === posting.employerId,
      walletApply: web.jobboard.openid4vp !== undefined,
      task: paidTaskSummaryOf(await web.jobboard.store.ledgerEntriesOfTask(posting.id)),
    });
  });
  // A learner's claim of a paid task, by its number: its status only (no DID, no address), and
  // what to do next; the wallet prints this page's address when it claims.
  router.get('/postings/:id/claims/:claimId', async (req, res) => {
    const { posting, history } = await paidTaskOfPosting(web.jobboard.store, req.params.id);
    const claim = findPaidTaskClaim(history, req.params.claimId);
    const postingUrl = `${web.baseUrl}/postings/${encodeURIComponent(posting.id)}`;
    sendPage(web, res, 200, 'task-claim.njk', {
      title: `Claim ${claim.id}: ${posting.title}`,
      posting,
      task: paidTaskSummaryOf(history),
      claim: { id: claim.id, status: claim.status, claimedAt: claim.claimedAt, txid: claim.txid },
      postingUrl,
      collectCommand: `skillproof claim ${postingUrl} --collect`,
    });
  });
  return router;
}
