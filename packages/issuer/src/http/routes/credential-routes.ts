import { vcContextV1 } from '@skillproof/core';
import { assertAdmin, parseBody } from '@skillproof/core/http';
import { Router } from 'express';
import { z } from 'zod';
import { issueCredential } from '../../domain/issue-credential.js';
import type { IssuerContext } from '../../domain/issuer-context.js';

const isoDate = z.iso.datetime({ offset: true, error: 'expected an ISO 8601 date-time' });

// VCDM 1.1 §4: the shape a credential must have before it can be signed; anything beyond these
// properties is carried into the signed credential as given.
const credentialSchema = z.looseObject({
  '@context': z
    .array(z.string())
    .min(1)
    .refine((contexts) => contexts[0] === vcContextV1, {
      error: `the first context must be ${vcContextV1}`,
    }),
  id: z.string().min(1).optional(),
  type: z.array(z.string()).refine((types) => types.includes('VerifiableCredential'), {
    error: 'must include VerifiableCredential',
  }),
  issuer: z.union([z.string().min(1), z.looseObject({ id: z.string().min(1) })], {
    error: 'expected a DID string or an object with a string id',
  }),
  issuanceDate: isoDate.optional(),
  expirationDate: isoDate.optional(),
  credentialSubject: z.looseObject({ id: z.string().min(1).optional() }),
});

const issueRequest = z.object({
  credential: credentialSchema,
  options: z.looseObject({}).optional(),
});

/**
 * W3C CCG VC-API. `POST /credentials/issue` (`Authorization: Bearer <admin token>`)
 * `{credential, options?}` -> 201 `{verifiableCredential}` (a JWT VC in Veramo's normalized form).
 */
export function credentialRoutes(ctx: IssuerContext): Router {
  const router = Router();
  router.post('/credentials/issue', async (req, res) => {
    assertAdmin(req, ctx.adminToken);
    const { credential } = parseBody(issueRequest, req.body);
    res.status(201).json({ verifiableCredential: await issueCredential(ctx, credential) });
  });
  return router;
}
