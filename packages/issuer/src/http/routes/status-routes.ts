import { SkillproofError } from '@skillproof/core';
import { Router } from 'express';
import type { IssuerContext } from '../../domain/issuer-context.js';
import { statusListTtlMs } from '../../status/status-list-publisher.js';

/**
 * `GET /status/:listId`: a signed `BitstringStatusListCredential` (W3C Bitstring Status List
 * v1.0), as Veramo's normalized JSON (`application/json`, the default) or as the bare JWT
 * (`Accept: application/vc+jwt`). Cacheable for a short while and revalidated by ETag, unlike
 * the rest of the API; readable from any origin, since verifiers anywhere must check it.
 */
export function statusRoutes(ctx: IssuerContext): Router {
  const router = Router();
  router.get('/status/:listId', async (req, res) => {
    const published = await ctx.statusListPublisher.publish(req.params.listId);
    if (!published) throw new SkillproofError('NOT_FOUND', `no status list ${req.params.listId}`);
    const asJwt = req.accepts(['application/json', 'application/vc+jwt']) === 'application/vc+jwt';
    res.set({
      'Cache-Control': `public, max-age=${statusListTtlMs / 1000}, must-revalidate`,
      // RFC 9110 §8.8.3: a strong validator differs between representations.
      ETag: asJwt ? published.etag.replace(/"$/, '.jwt"') : published.etag,
      Vary: 'Accept',
      'Access-Control-Allow-Origin': '*',
      'Cross-Origin-Resource-Policy': 'cross-origin',
    });
    // Express answers 304 itself when If-None-Match matches the ETag (req.fresh).
    if (asJwt) res.type('application/vc+jwt').send(published.credential.proof.jwt);
    else res.json(published.credential);
  });
  return router;
}
