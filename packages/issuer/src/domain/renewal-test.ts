import type { Badge } from '../catalog/catalog-types.js';
import { renewalRule } from '../catalog/renewal-rule.js';
import { shuffleSeeded } from './shuffle.js';

/**
 * The badge as a renewal attempt tests it: `renewalRule(badge).items` of its graded tasks, the
 * same bank and pass rule, chosen by the attempt's id (so the attempt's page, its grading and a
 * reload all see the same ones, and the next renewal draws others), in catalogue order.
 *
 * @example
 * ```ts
 * renewalTestBadge(gitBasics, attempt.id).tasks.length; // 2 of its 4
 * ```
 */
export function renewalTestBadge(badge: Badge, attemptId: string): Badge {
  const items = renewalRule(badge)?.items ?? badge.tasks.length;
  const drawn = new Set(shuffleSeeded(badge.tasks, `renewal:${attemptId}`).slice(0, items));
  return { ...badge, tasks: badge.tasks.filter((task) => drawn.has(task)) };
}
