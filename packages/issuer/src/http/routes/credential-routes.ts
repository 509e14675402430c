import { issuedFormats, SkillproofError, vcContextV1, vcContextV2 } from '@skillproof/core';
import { assertAdmin, parseBody } from '@skillproof/server/http';
import { Router } from 'express';
import { z } from 'zod';
import { issueLoggedCredential } from '../../domain/issue-credential.js';
import type { IssuerContext } from '../../domain/issuer-context.js';
import type { IssuedFormat } from '../../ports/issuer-store.js';
import { setCredentialStatus } from '../../status/set-credential-status.js';

const isoDate = z.iso.datetime({ offset: true, error: 'expected an ISO 8601 date-time' });

// VCDM 1.1 §4 and 2.0 §4: the shape a credential must have before it can be signed; anything
// beyond these properties is carried into the signed credential as given.
const credentialSchema = z.looseObject({
  '@context': z
    .array(z.string())
    .min(1)
    .refine((contexts) => contexts[0] === vcContextV1 || contexts[0] === vcContextV2, {
      error: `the first context must be ${vcContextV1} or ${vcContextV2}`,
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
  validFrom: isoDate.optional(),
  validUntil: isoDate.optional(),
  credentialSubject: z.looseObject({ id: z.string().min(1).optional() }),
  credentialStatus: z
    .never({ error: 'the issuer sets it (its own revocation and suspension lists); leave it out' })
    .optional(),
});

/**
 * The one format the issue options ask for (`format`; `type` and `cryptosuite` as VC-API
 * clients name a Data Integrity proof; `proofFormat: jwt`), or undefined for the default.
 *
 * @throws SkillproofError `VALIDATION_FAILED` when they ask for two different things.
 */
function requestedFormat(
  options: { format?: IssuedFormat; proofFormat?: 'jwt'; type?: string; cryptosuite?: string },
  dataModel2: boolean,
): IssuedFormat | undefined {
  const asked = new Set<IssuedFormat>();
  if (options.format) asked.add(options.format);
  if (options.type === 'DataIntegrityProof' || options.cryptosuite) asked.add('ldp_vc');
  if (options.type === 'JwtProof2020') asked.add('jwt_vc_json');
  if (options.proofFormat === 'jwt') asked.add(dataModel2 ? 'vc+jwt' : 'jwt_vc_json');
  if (asked.size > 1) {
    throw new SkillproofError(
      'VALIDATION_FAILED',
      `options: they ask for ${[...asked].join(' and ')}; ask for one format`,
    );
  }
  return [...asked][0];
}

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
        .enum(issuedFormats, { error: `the formats issued here are ${issuedFormats.join(', ')}` })
        .optional(),
      proofFormat: z.literal('jwt', { error: 'proofFormat: only jwt is understood' }).optional(),
      type: z
        .enum(['JwtProof2020', 'DataIntegrityProof'], {
          error: 'the proof types issued here are JwtProof2020 and DataIntegrityProof',
        })
        .optional(),
      cryptosuite: z
        .literal('eddsa-rdfc-2022', { error: 'the one cryptosuite issued here is eddsa-rdfc-2022' })
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
 * `POST /credentials/issue` `{credential, options?}` -> 201 `{verifiableCredential, transparencyReceipt}` (in the
 * format asked, with revocation and suspension entries; an Open Badge on VCDM 2.0 with a
 * revocation entry alone);
 * `POST /credentials/status` `{credentialId, credentialStatus: [{type, statusPurpose, status}]}`
 * -> 200 `{credentialId, revoked, suspended}` (404 for an unknown credential; 409 for a purpose
 * it has no entry for, e.g. suspending an Open Badge on VCDM 2.0, which can only be revoked).
 */
export function credentialRoutes(ctx: IssuerContext, adminToken: string | undefined): Router {
  const router = Router();
  router.post('/credentials/issue', async (req, res) => {
    assertAdmin(req, adminToken);
    const { credential, options } = parseBody(issueRequest, req.body);
    const format = requestedFormat(options ?? {}, credential['@context'][0] === vcContextV2);
    res.status(201).json(await issueLoggedCredential(ctx, credential, format ? { format } : {}));
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
