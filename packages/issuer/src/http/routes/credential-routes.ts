import { vcContextV1 } from '@skillproof/core';
import { assertAdmin, parseBody } from '@skillproof/server/http';
import { Router } from 'express';
import { z } from 'zod';
import { issueCredential } from '../../domain/issue-credential.js';
import type { IssuerContext } from '../../domain/issuer-context.js';
import { setCredentialStatus } from '../../status/set-credential-status.js';

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
  credentialStatus: z
    .never({ error: 'the issuer sets it (its own revocation and suspension lists); leave it out' })
    .optional(),
});

/** `POST /credentials/issue` body. */
export const issueRequest = z.object({
  credential: credentialSchema,
  options: z
    .looseObject({
      // VC-API: the status the caller asks for; ours is always a Bitstring Status List entry.
      credentialStatus: z.looseObject({ type: z.literal('BitstringStatusListEntry') }).optional(),
      // What the caller asks the proof to be: only what is issued here is accepted, never
      // silently replaced by something else (a JWT where a Data Integrity proof was asked for).
      format: z
        .literal('jwt_vc_json', { error: 'only jwt_vc_json (a VCDM 1.1 JWT) is issued here' })
        .optional(),
      proofFormat: z.literal('jwt', { error: 'only jwt proofs are issued here' }).optional(),
      type: z
        .literal('JwtProof2020', { error: 'only JWT proofs (JwtProof2020) are issued here' })
        .optional(),
      cryptosuite: z
        .never({ error: 'Data Integrity proofs are not issued here; leave cryptosuite out' })
        .optional(),
    })
    .optional(),
});

/** `POST /credentials/status` body (VC-API "Update Status"). */
export const updateStatusRequest = z.object({
  credentialId: z.string().min(1).max(512),
  credentialStatus: z
    .array(
      z.object({
        type: z.literal('BitstringStatusListEntry'),
        statusPurpose: z.enum(['revocation', 'suspension']),
        status: z.boolean(),
      }),
    )
    .min(1)
    .max(2)
    .refine(
      (entries) => new Set(entries.map((entry) => entry.statusPurpose)).size === entries.length,
      { error: 'at most one change per statusPurpose' },
    ),
});

/**
 * W3C CCG VC-API, for the issuer's admin (`Authorization: Bearer <adminToken>`; none refuses
 * everyone).
 * `POST /credentials/issue` `{credential, options?}` -> 201 `{verifiableCredential}` (a JWT VC in
 * Veramo's normalized form, with revocation and suspension entries);
 * `POST /credentials/status` `{credentialId, credentialStatus: [{type, statusPurpose, status}]}`
 * -> 200 `{credentialId, revoked, suspended}` (404 for an unknown credential).
 */
export function credentialRoutes(ctx: IssuerContext, adminToken: string | undefined): Router {
  const router = Router();
  router.post('/credentials/issue', async (req, res) => {
    assertAdmin(req, adminToken);
    const { credential } = parseBody(issueRequest, req.body);
    res.status(201).json({ verifiableCredential: await issueCredential(ctx, credential) });
  });
  router.post('/credentials/status', async (req, res) => {
    assertAdmin(req, adminToken);
    const { credentialId, credentialStatus } = parseBody(updateStatusRequest, req.body);
    const updated = await setCredentialStatus(
      ctx,
      credentialId,
      credentialStatus.map((entry) => ({ purpose: entry.statusPurpose, status: entry.status })),
    );
    res.json({
      credentialId: updated.credentialId,
      revoked: updated.revoked,
      suspended: updated.suspended,
    });
  });
  return router;
}
