import { Router } from 'express';
import type { IssuerContext } from '../../domain/issuer-context.js';
import { issuerOpenApiDocument } from '../openapi/issuer-openapi-document.js';

/** `GET /openapi.json`: the OpenAPI 3.1 description of every endpoint of the issuer. */
export function openApiRoutes(ctx: IssuerContext): Router {
  const router = Router();
  let document: ReturnType<typeof issuerOpenApiDocument> | undefined;
  router.get('/openapi.json', (_req, res) => {
    document ??= issuerOpenApiDocument(ctx.baseUrl, ctx.didDocument?.path);
    res.json(document);
  });
  return router;
}
