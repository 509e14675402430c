import { ed25519PublicKeyFromDidKey } from '@skillproof/core';
import { z } from 'zod';

function isEd25519DidKey(did: string): boolean {
  try {
    ed25519PublicKeyFromDidKey(did);
    return true;
  } catch {
    return false;
  }
}

const requirementInputSchema = z.strictObject({
  // OB 3.0 achievement ids are URLs or URNs; other schemes (javascript:, data:) have no place here.
  achievementId: z
    .url({ protocol: /^(https?|urn)$/, message: 'expected an http(s) or urn: URL' })
    .max(2048),
  acceptedIssuers: z
    .array(
      z.string().max(200).refine(isEd25519DidKey, { message: 'expected an Ed25519 did:key DID' }),
    )
    .min(1)
    .max(20)
    .superRefine((dids, ctx) => {
      dids.forEach((did, index) => {
        if (dids.indexOf(did) !== index) {
          ctx.addIssue({ code: 'custom', path: [index], message: `${did} is listed twice` });
        }
      });
    }),
});

/**
 * The body of `POST /api/postings`. Unknown fields are refused rather than ignored: a
 * requirement kind this version doesn't know must not be silently dropped from a posting.
 */
export const postingInputSchema = z
  .strictObject({
    title: z.string().trim().min(1).max(200),
    description: z.string().max(5000).default(''),
    requirements: z.array(requirementInputSchema).min(1).max(20),
  })
  .superRefine((posting, ctx) => {
    const first = new Map<string, number>();
    posting.requirements.forEach((requirement, index) => {
      const earlier = first.get(requirement.achievementId);
      if (earlier === undefined) {
        first.set(requirement.achievementId, index);
        return;
      }
      ctx.addIssue({
        code: 'custom',
        path: ['requirements', index, 'achievementId'],
        message: `requirements.${earlier} already requires ${requirement.achievementId}`,
      });
    });
  });

/** A validated posting as the employer submitted it. */
export type PostingInput = z.infer<typeof postingInputSchema>;
