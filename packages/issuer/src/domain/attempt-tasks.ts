import type { Badge, PublicTask } from '../catalog/catalog-types.js';
import { publicTask } from '../catalog/public-badge.js';
import { puzzleInstance } from '../catalog/puzzles/puzzle-instance.js';

/**
 * The tasks of an attempt as the learner is shown them: no answer key, quiz choices in the
 * order `order` gives them (their ids stay the same), each puzzle with this learner's own input.
 *
 * @example
 * ```ts
 * const tasks = attemptTasks(ctx.puzzleSecret, learnerDid, badge, shuffle);
 * ```
 */
export function attemptTasks(
  puzzleSecret: Uint8Array,
  did: string,
  badge: Badge,
  order: <T>(items: readonly T[]) => T[],
): PublicTask[] {
  return badge.tasks.map((task): PublicTask => {
    const shown = publicTask(task);
    if (shown.kind === 'quiz') return { ...shown, choices: order(shown.choices) };
    if (task.kind === 'puzzle' && shown.kind === 'puzzle') {
      return { ...shown, input: puzzleInstance(puzzleSecret, did, badge.id, task).input };
    }
    return shown;
  });
}
