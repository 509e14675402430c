import { Router } from 'express';
import { verifierOpenApiDocument } from '../openapi/verifier-openapi-document.js';

/** `GET /openapi.json`: the OpenAPI 3.1 description of the verifier service. */
export function openApiRoutes(): Router {
  const router = Router();
  const document = verifierOpenApiDocument();
  router.get('/openapi.json', (_req, res) => {
    res.json(document);
  });
  return router;
}
