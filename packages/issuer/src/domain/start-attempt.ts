import { randomUUID } from 'node:crypto';
import type { PublicQuizTask } from '../catalog/catalog-types.js';
import { findBadge } from '../catalog/find-badge.js';
import { publicTask } from '../catalog/public-badge.js';
import type { IssuerContext } from './issuer-context.js';
import { shuffle } from './shuffle.js';
import { isoAfter } from './time.js';

/** How long a learner has to answer an attempt's questions. */
export const attemptLifetimeMs = 30 * 60 * 1000;

/** A started attempt: the questions to answer, each with its choices in a fresh order. */
export interface StartedAttempt {
  attemptId: string;
  badge: string;
  tasks: PublicQuizTask[];
  expiresAt: string;
}

/**
 * Starts an attempt at a badge's micro-test for a signed-in learner. Choices are shuffled per
 * attempt (their ids stay the same), so a position learned in one attempt means nothing in the
 * next.
 *
 * @throws SkillproofError `NOT_FOUND` for an unknown badge.
 * @example
 * ```ts
 * const { attemptId, tasks } = await startAttempt(ctx, learnerDid, 'git-basics');
 * ```
 */
export async function startAttempt(
  ctx: IssuerContext,
  did: string,
  slug: string,
): Promise<StartedAttempt> {
  const badge = findBadge(ctx.catalog, slug);
  const now = ctx.now();
  const attemptId = randomUUID();
  const expiresAt = isoAfter(now, attemptLifetimeMs);
  await ctx.store.saveAttempt({
    id: attemptId,
    did,
    badge: badge.slug,
    createdAt: now.toISOString(),
    expiresAt,
  });
  const tasks = badge.tasks.map((task) => {
    const shown = publicTask(task);
    return { ...shown, choices: shuffle(shown.choices) };
  });
  return { attemptId, badge: badge.slug, tasks, expiresAt };
}
