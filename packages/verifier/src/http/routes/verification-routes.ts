import { Router, type Response } from 'express';
import { z } from 'zod';
import { parseBody } from '@skillproof/core/http';
import type { VerificationPolicy } from '../../verification-policy.js';
import type {
  VerifyCredentialResult,
  VerifyPresentationResult,
} from '../../verification-result.js';
import { verifyCredential } from '../../verify-credential.js';
import { verifyPresentation } from '../../verify-presentation.js';
import type { VerifierAppDeps } from '../create-app.js';

const present = z.custom<unknown>((value) => value !== undefined && value !== null, 'required');
const optionsSchema = z
  .object({
    challenge: z.string().min(1).max(512).optional(),
    domain: z.string().min(1).max(2048).optional(),
  })
  .optional();
const credentialBody = z.object({ verifiableCredential: present, options: optionsSchema });
const presentationBody = z.object({ verifiablePresentation: present, options: optionsSchema });

function send(res: Response, result: VerifyCredentialResult | VerifyPresentationResult): void {
  const { verified, checks, errors, warnings } = result;
  // VC-API: 200 when verified; a credential that fails is a 400 that still says why.
  res.status(verified ? 200 : 400).json({ verified, checks, warnings, errors });
}

/** VC-API verification routes. */
export function verificationRoutes(deps: VerifierAppDeps): Router {
  const router = Router();
  const basePolicy = (): VerificationPolicy => ({
    ...(deps.trustedIssuers && deps.trustedIssuers.length > 0
      ? { trustedIssuers: deps.trustedIssuers }
      : {}),
    ...(deps.now ? { now: deps.now } : {}),
  });

  router.post('/credentials/verify', async (req, res) => {
    const body = parseBody(credentialBody, req.body);
    send(res, await verifyCredential(body.verifiableCredential, basePolicy()));
  });

  router.post('/presentations/verify', async (req, res) => {
    const body = parseBody(presentationBody, req.body);
    const policy: VerificationPolicy = {
      ...basePolicy(),
      ...(body.options?.challenge ? { challenge: body.options.challenge } : {}),
      ...(body.options?.domain ? { domain: body.options.domain } : {}),
    };
    send(res, await verifyPresentation(body.verifiablePresentation, policy));
  });
  return router;
}
