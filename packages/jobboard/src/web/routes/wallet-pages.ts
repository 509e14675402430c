import { checkFormPost } from '@skillproof/server/web';
import { Router } from 'express';
import QRCode from 'qrcode';
import { getPublicPosting } from '../../domain/get-public-posting.js';
import {
  createOpenid4vpRequest,
  openid4vpStatusUrl,
} from '../../openid4vp/create-openid4vp-request.js';
import { openid4vpRequestStatus } from '../../openid4vp/openid4vp-request-status.js';
import { loadPageNames } from '../page-names.js';
import { requirementView } from '../requirement-view.js';
import { sendPage, type WebContext } from '../web-context.js';

/** How often a waiting status page reloads itself, in seconds (no script needed). */
const refreshSeconds = 3;

/**
 * "Apply with a wallet" (OpenID4VP): `POST /postings/:id/wallet` makes a request (rate limited
 * with the API's presentation requests) and sends the browser to `GET /postings/:id/wallet/:requestId/:token`,
 * which shows its QR code and `openid4vp://` link while a wallet may answer (reloading itself
 * every few seconds, with a "Check again" link), then the decision with a reason per
 * requirement, or that the request expired. Mounted only on a board with an identity.
 *
 * @example
 * ```ts
 * router.use(walletPages(web));
 * ```
 */
export function walletPages(web: WebContext): Router {
  const router = Router();
  const settings = web.jobboard.openid4vp;
  if (!settings) return router;
  router.post('/postings/:id/wallet', async (req, res) => {
    checkFormPost(req, { origin: web.origin });
    await web.jobboard.presentationRequestLimiter.hit(req.ip ?? 'unknown', 'presentation requests');
    const created = await createOpenid4vpRequest(
      web.jobboard.store,
      settings,
      req.params.id,
      web.jobboard.now(),
    );
    res.redirect(303, created.statusUrl);
  });
  router.get('/postings/:id/wallet/:requestId/:token', async (req, res) => {
    const { posting, employerName } = await getPublicPosting(web.jobboard.store, req.params.id);
    const status = await openid4vpRequestStatus(
      web.jobboard.store,
      settings,
      posting.id,
      req.params.requestId,
      req.params.token,
      web.jobboard.now(),
    );
    const names = (await loadPageNames(web.catalogs, [posting]))(posting);
    const requirements = posting.requirements.map((clause) => {
      const view = requirementView(clause, names);
      const outcome =
        status.state === 'decided'
          ? status.application.requirements.find((candidate) => candidate.id === clause.id)
          : undefined;
      return { view, outcome };
    });
    // The QR code is the link the board made itself, drawn by `qrcode`: safe to print unescaped.
    const qrSvg =
      status.state === 'pending'
        ? await QRCode.toString(status.request.link, {
            type: 'svg',
            margin: 1,
            errorCorrectionLevel: 'M',
          })
        : undefined;
    res.set('Cache-Control', 'no-store');
    sendPage(web, res, 200, 'wallet-request.njk', {
      title: `Apply with a wallet: ${posting.title}`,
      posting,
      employerName,
      status,
      requirements,
      qrSvg,
      refreshSeconds: status.state === 'pending' ? refreshSeconds : undefined,
      statusPath: new URL(openid4vpStatusUrl(settings, posting.id, req.params.requestId)).pathname,
    });
  });
  return router;
}
