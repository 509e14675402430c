import type { Badge } from './catalog-types.js';

/**
 * The answer key of a badge's micro-test: task id -> id of the right choice. For tools and
 * demos that import this package; the key never leaves the server over HTTP.
 *
 * @example
 * ```ts
 * correctAnswers(findBadge(defaultCatalog, 'git-basics')); // { q1: 'c', q2: 'a', … }
 * ```
 */
export function correctAnswers(badge: Badge): Record<string, string> {
  return Object.fromEntries(badge.tasks.map((task) => [task.id, task.answer]));
}
