import { SkillproofError } from '@skillproof/core';
import type { Badge } from '../catalog/catalog-types.js';

/** How an attempt went. */
export interface GradeResult {
  correct: number;
  total: number;
  /** Percent of questions answered correctly, rounded to an integer (0-100). */
  score: number;
  /** `score >= badge.passRule.minScore`. */
  passed: boolean;
}

/**
 * Grades answers (task id -> choice id) against a badge's answer key. A question left
 * unanswered counts as wrong.
 *
 * @throws SkillproofError `VALIDATION_FAILED` for an answer to a task the badge doesn't have, or
 * naming a choice the task doesn't offer (a client bug better reported than graded).
 * @example
 * ```ts
 * gradeAttempt(gitBasics, { q1: 'c', q2: 'a', q3: 'd', q4: 'a' }); // { correct: 3, total: 4, score: 75, passed: true }
 * ```
 */
export function gradeAttempt(badge: Badge, answers: Readonly<Record<string, string>>): GradeResult {
  const tasks = new Map(badge.tasks.map((task) => [task.id, task]));
  for (const [taskId, choiceId] of Object.entries(answers)) {
    const task = tasks.get(taskId);
    if (!task) {
      throw new SkillproofError(
        'VALIDATION_FAILED',
        `answers.${taskId}: no such task in ${badge.slug}`,
      );
    }
    if (!task.choices.some((choice) => choice.id === choiceId)) {
      throw new SkillproofError(
        'VALIDATION_FAILED',
        `answers.${taskId}: no choice ${JSON.stringify(choiceId)}`,
      );
    }
  }
  const total = badge.tasks.length;
  const correct = badge.tasks.filter(
    (task) => Object.hasOwn(answers, task.id) && answers[task.id] === task.answer,
  ).length;
  const score = total === 0 ? 0 : Math.round((correct / total) * 100);
  return { correct, total, score, passed: score >= badge.passRule.minScore };
}
