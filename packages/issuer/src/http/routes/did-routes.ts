import { Router } from 'express';
import type { IssuerContext } from '../../domain/issuer-context.js';

/**
 * `GET /.well-known/did.json` (or `/<path>/did.json`): a did:web issuer's DID document, read
 * afresh on each request so that a rotated key is published at once. Nothing for a did:key
 * issuer, whose document is its DID.
 */
export function didRoutes(ctx: IssuerContext): Router {
  const router = Router();
  const published = ctx.didDocument;
  if (published) {
    router.get(published.path, async (_req, res) => {
      res.type('application/did+json').json(await published.read());
    });
  }
  return router;
}
