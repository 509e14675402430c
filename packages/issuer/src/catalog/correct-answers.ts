import type { Badge } from './catalog-types.js';
import { puzzleInstance } from './puzzles/puzzle-instance.js';

/** Whose puzzle inputs to solve: puzzles have an answer per learner. */
export interface CorrectAnswersOptions {
  learnerDid: string;
  /** The issuer's puzzle secret. */
  puzzleSecret: Uint8Array | string;
}

/**
 * The answer key of a badge's micro-test: task id -> the right choice id (quiz), the first
 * accepted answer (short answer) or, given a learner and the issuer's puzzle secret, that
 * learner's puzzle answer. For tests, tools and demos that import this package; the key never
 * leaves the server over HTTP.
 *
 * @throws TypeError for a badge with puzzles when no learner and secret are given.
 * @example
 * ```ts
 * correctAnswers(findBadge(catalog, 'git-basics')); // { q1: 'c', q2: 'a', … }
 * correctAnswers(python, { learnerDid, puzzleSecret }); // { p1: '-135', … }
 * ```
 */
export function correctAnswers(
  badge: Badge,
  options?: CorrectAnswersOptions,
): Record<string, string> {
  return Object.fromEntries(
    badge.tasks.map((task) => {
      switch (task.kind) {
        case 'quiz':
          return [task.id, task.answer];
        case 'short-answer':
          return [task.id, task.acceptedAnswers[0] as string];
        case 'puzzle':
          if (!options) {
            throw new TypeError(
              `${badge.id} has puzzles: their answers need a learner and the puzzle secret`,
            );
          }
          return [
            task.id,
            puzzleInstance(options.puzzleSecret, options.learnerDid, badge.id, task).answer,
          ];
      }
    }),
  );
}
