import { ed25519PublicKeyFromDidKey, isJsonObject } from '@skillproof/core';
import { didWebUrl } from '@skillproof/verifier';
import { z } from 'zod';
import { paidTaskInputSchema } from './paid-task-inputs.js';

/** An issuer DID the verifier can check: an Ed25519 did:key, or a well-formed did:web. */
function isIssuerDid(did: string): boolean {
  if (did.startsWith('did:web:')) return didWebUrl(did).ok;
  try {
    ed25519PublicKeyFromDidKey(did);
    return true;
  } catch {
    return false;
  }
}

function listedTwice<T extends string>(what: (value: T) => string) {
  return (values: T[], ctx: z.RefinementCtx): void => {
    values.forEach((value, index) => {
      if (values.indexOf(value) !== index) {
        ctx.addIssue({ code: 'custom', path: [index], message: `${what(value)} is listed twice` });
      }
    });
  };
}

// OB 3.0 achievement ids are URLs or URNs; other schemes (javascript:, data:) have no place here.
const achievementIdSchema = z
  .url({ protocol: /^(https?|urn)$/, message: 'expected an http(s) or urn: URL' })
  .max(2048);

const acceptedIssuersSchema = z
  .array(
    z
      .string()
      .max(200)
      .refine(isIssuerDid, { message: 'expected an Ed25519 did:key or a did:web DID' }),
  )
  .min(1, { message: 'name at least one accepted issuer' })
  .max(20)
  .superRefine(listedTwice((did) => did));

// "Earned or renewed within N months": up to ten years back.
const withinMonthsSchema = z
  .number()
  .int({ message: 'expected a whole number of months' })
  .min(1, { message: 'withinMonths is 1..120' })
  .max(120, { message: 'withinMonths is 1..120' })
  .optional();

const badgeClauseSchema = z.strictObject({
  type: z.literal('badge'),
  withinMonths: withinMonthsSchema,
  achievementId: achievementIdSchema,
  acceptedIssuers: acceptedIssuersSchema,
  // Contract B: a badge's score is an integer percent.
  minScore: z
    .number()
    .int({ message: 'expected a whole number of percent' })
    .min(0, { message: 'a score is 0..100' })
    .max(100, { message: 'a score is 0..100' })
    .optional(),
});

const anyOfClauseSchema = z
  .strictObject({
    type: z.literal('any-of'),
    withinMonths: withinMonthsSchema,
    count: z.number().int({ message: 'expected a whole number' }).min(1).max(20),
    achievementIds: z
      .array(achievementIdSchema)
      .min(1)
      .max(20)
      .superRefine(listedTwice((id) => id)),
    acceptedIssuers: acceptedIssuersSchema,
  })
  .superRefine((clause, ctx) => {
    if (clause.count > clause.achievementIds.length) {
      const listed = clause.achievementIds.length;
      ctx.addIssue({
        code: 'custom',
        path: ['count'],
        message: `count ${clause.count} is more than the ${listed} badge${listed === 1 ? '' : 's'} listed`,
      });
    }
  });

const skillClauseSchema = z.strictObject({
  type: z.literal('skill'),
  withinMonths: withinMonthsSchema,
  // Alignment targets are web resources (OB 3.0 Alignment.targetUrl).
  skillUrl: z.url({ protocol: /^https?$/, message: 'expected an http(s) URL' }).max(2048),
  acceptedIssuers: acceptedIssuersSchema,
});

/**
 * One requirement clause (contract C). A clause without `type` is the first API's shape and
 * means a badge clause.
 */
export const requirementClauseSchema = z.preprocess(
  (clause) => (isJsonObject(clause) && !('type' in clause) ? { ...clause, type: 'badge' } : clause),
  z.discriminatedUnion('type', [badgeClauseSchema, anyOfClauseSchema, skillClauseSchema], {
    error: (issue) =>
      issue.code === 'invalid_union'
        ? "unknown clause type: expected 'badge', 'any-of' or 'skill'"
        : undefined,
  }),
);

/** A validated requirement clause, as the employer submitted it. */
export type RequirementClauseInput = z.infer<typeof requirementClauseSchema>;

const labelSchema = z.string().trim().min(1).max(200);

const labelsSchema = z.strictObject({
  achievements: z.record(z.string().max(2048), labelSchema).optional(),
  issuers: z.record(z.string().max(200), labelSchema).optional(),
  skills: z.record(z.string().max(2048), labelSchema).optional(),
});

/** The achievements a clause can be met by, when it names them. */
function achievementsOf(clause: RequirementClauseInput): string[] {
  if (clause.type === 'badge') return [clause.achievementId];
  if (clause.type === 'any-of') return clause.achievementIds;
  return [];
}

/**
 * Refuses clauses that contradict each other: the same badge asked for twice with different
 * minimum scores, or twice at all (a duplicate only makes the definition longer), the same
 * skill twice, an any-of listing a badge another clause already requires on its own.
 */
function refuseContradictions(requirements: RequirementClauseInput[], ctx: z.RefinementCtx): void {
  const badgeAt = new Map<string, number>();
  const skillAt = new Map<string, number>();
  requirements.forEach((clause, index) => {
    if (clause.type === 'skill') {
      const earlier = skillAt.get(clause.skillUrl);
      if (earlier !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['requirements', index, 'skillUrl'],
          message: `requirements.${earlier} already asks for ${clause.skillUrl}`,
        });
      }
      skillAt.set(clause.skillUrl, index);
      return;
    }
    for (const achievementId of achievementsOf(clause)) {
      const earlier = badgeAt.get(achievementId);
      if (earlier === undefined) {
        badgeAt.set(achievementId, index);
        continue;
      }
      const other = requirements[earlier];
      const scores =
        other?.type === 'badge' && clause.type === 'badge' && other.minScore !== clause.minScore
          ? ` with a different minimum score (${other.minScore ?? 'none'} and ${clause.minScore ?? 'none'})`
          : '';
      ctx.addIssue({
        code: 'custom',
        path: ['requirements', index],
        message: `requirements.${earlier} already requires ${achievementId}${scores}`,
      });
    }
  });
}

/**
 * The body of `POST /api/postings`. Unknown fields are refused rather than ignored: a
 * requirement kind this version doesn't know must not be silently dropped from a posting.
 *
 * @example
 * ```ts
 * const input = parseBody(postingInputSchema, {
 *   title: 'Junior data analyst',
 *   requirements: [
 *     { type: 'badge', achievementId, acceptedIssuers: [did], minScore: 80 },
 *     { type: 'any-of', count: 1, achievementIds: [sql, pandas], acceptedIssuers: [did] },
 *     { type: 'skill', skillUrl: 'https://skills.example/python', acceptedIssuers: [did] },
 *   ],
 * });
 * ```
 */
export const postingInputSchema = z
  .strictObject({
    title: z.string().trim().min(1).max(200),
    description: z.string().max(5000).default(''),
    requirements: z.array(requirementClauseSchema).min(1).max(20),
    labels: labelsSchema.default({}),
    task: paidTaskInputSchema.optional(),
    // A credential counts only with its issuer's transparency-log proof (issue 17).
    requireTransparency: z.boolean().default(false),
  })
  .superRefine((posting, ctx) => refuseContradictions(posting.requirements, ctx));

/** A validated posting as the employer submitted it. */
export type PostingInput = z.infer<typeof postingInputSchema>;
