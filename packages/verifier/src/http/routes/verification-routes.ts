import { Router, type Response } from 'express';
import { z } from 'zod';
import { parseCosignerKey, SkillproofError } from '@skillproof/core';
import { parseBody } from '@skillproof/server/http';
import type { DidResolver } from '../../did/create-did-resolver.js';
import type { TransparencyLogResolver } from '../../transparency/transparency-log-resolver.js';
import type { StatusListResolver } from '../../verification-policy.js';
import type { VerificationPolicy } from '../../verification-policy.js';
import type {
  VerifyCredentialResult,
  VerifyPresentationResult,
} from '../../verification-result.js';
import { verifyCredential } from '../../verify-credential.js';
import { verifyPresentation } from '../../verify-presentation.js';
import type { VerifierAppDeps } from '../verifier-app-deps.js';

const present = z.custom<unknown>((value) => value !== undefined && value !== null, 'required');
const optionsSchema = z
  .object({
    challenge: z.string().min(1).max(512).optional(),
    domain: z.string().min(1).max(2048).optional(),
    /** Count a credential only with its issuer's transparency-log proof (issue 17). */
    requireTransparency: z.boolean().optional(),
    /** With it: the witnesses (C2SP cosigner verifier keys) whose cosignatures N of are due. */
    transparencyWitnesses: z
      .object({
        keys: z
          .array(
            z
              .string()
              .max(512)
              .refine((vkey) => parseCosignerKey(vkey) !== undefined, 'not a witness verifier key'),
          )
          .min(1)
          .max(32),
        required: z.number().int().min(1).max(32),
      })
      .refine((witnesses) => witnesses.required <= witnesses.keys.length, {
        message: 'required is at most the number of keys',
      })
      .optional(),
  })
  .optional();

type VerifyOptions = z.infer<typeof optionsSchema>;

/** The policy's transparency options from a request's `options`. */
function transparencyPolicy(options: VerifyOptions): VerificationPolicy {
  if (options?.requireTransparency !== true) {
    if (options?.transparencyWitnesses) {
      throw new SkillproofError(
        'VALIDATION_FAILED',
        'options.transparencyWitnesses needs options.requireTransparency: true',
      );
    }
    return {};
  }
  return {
    requireTransparency: true,
    ...(options.transparencyWitnesses
      ? { transparencyWitnesses: options.transparencyWitnesses }
      : {}),
  };
}
/** Body of `POST /credentials/verify`: a JWT VC (string) or Veramo's normalized form. */
export const credentialBody = z.object({ verifiableCredential: present, options: optionsSchema });
/** Body of `POST /presentations/verify`: a JWT VP and the challenge and domain it must sign. */
export const presentationBody = z.object({
  verifiablePresentation: present,
  options: optionsSchema,
});

function outcome(result: VerifyCredentialResult | VerifyPresentationResult) {
  const { verified, checks, warnings, errors } = result;
  return { verified, checks, warnings, errors };
}

// VC-API: 200 when verified; a credential or presentation that fails is a 400 that still says
// why, check by check.
function send<Body extends { verified: boolean }>(res: Response, body: Body): void {
  res.status(body.verified ? 200 : 400).json(body);
}

/** VC-API verification routes. */
export function verificationRoutes(
  deps: VerifierAppDeps & {
    statusLists: StatusListResolver;
    didResolver: DidResolver;
    transparencyLogs: TransparencyLogResolver;
  },
): Router {
  const router = Router();
  const basePolicy = (): VerificationPolicy => ({
    ...(deps.trustedIssuers && deps.trustedIssuers.length > 0
      ? { trustedIssuers: deps.trustedIssuers }
      : {}),
    ...(deps.now ? { now: deps.now } : {}),
    statusLists: deps.statusLists,
    didResolver: deps.didResolver,
    statusListHosts: deps.statusListHosts ?? [],
    transparencyLogs: deps.transparencyLogs,
    transparencyLogHosts: deps.transparencyLogHosts ?? [],
    // VC-API verifies any presentation, a DID authentication without credentials among them.
    requireCredentials: false,
  });

  router.post('/credentials/verify', async (req, res) => {
    const body = parseBody(credentialBody, req.body);
    const policy = { ...basePolicy(), ...transparencyPolicy(body.options) };
    send(res, outcome(await verifyCredential(body.verifiableCredential, policy)));
  });

  router.post('/presentations/verify', async (req, res) => {
    const body = parseBody(presentationBody, req.body);
    const policy: VerificationPolicy = {
      ...basePolicy(),
      ...transparencyPolicy(body.options),
      ...(body.options?.challenge ? { challenge: body.options.challenge } : {}),
      ...(body.options?.domain ? { domain: body.options.domain } : {}),
    };
    const result = await verifyPresentation(body.verifiablePresentation, policy);
    send(res, {
      ...outcome(result),
      ...(result.holder ? { holder: result.holder } : {}),
      credentialResults: result.credentials.map(outcome),
    });
  });
  return router;
}
