import { Router } from 'express';
import QRCode from 'qrcode';
import { getPosting } from '../../domain/get-posting.js';
import { listPostings } from '../../domain/list-postings.js';
import { sendPage, sessionOf, type WebContext } from '../web-context.js';

/**
 * `GET /` (every posting) and `GET /postings/:id` (one posting and how to apply to it: the
 * `skillproof apply` command, a QR code of its URL, and the presentation request for wallets).
 *
 * @example
 * ```ts
 * router.use(publicPages(web));
 * ```
 */
export function publicPages(web: WebContext): Router {
  const router = Router();
  router.get('/', async (_req, res) => {
    const postings = await listPostings(web.jobboard.store);
    sendPage(web, res, 200, 'postings.njk', { title: 'Jobs', postings });
  });
  router.get('/postings/:id', async (req, res) => {
    const posting = await getPosting(web.jobboard.store, req.params.id);
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
      postingUrl,
      qrSvg,
      applyCommand: `skillproof apply ${postingUrl}`,
      presentationRequestUrl: `${web.baseUrl}/api/postings/${encodeURIComponent(posting.id)}/presentation-request`,
      definitionJson: JSON.stringify(posting.presentation_definition, null, 2),
      ownPosting: sessionOf(res)?.employer.id === posting.employerId,
    });
  });
  return router;
}
