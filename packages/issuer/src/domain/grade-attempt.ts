import { SkillproofError } from '@skillproof/core';
import type { Badge, Task } from '../catalog/catalog-types.js';
import { normalizeAnswer } from '@skillproof/core';
import { meetsPassRule, scorePercent } from '../catalog/pass-rule.js';

/** How an attempt went. */
export interface GradeResult {
  correct: number;
  total: number;
  /** Percent of tasks answered correctly, rounded to an integer (0-100): `scorePercent`. */
  score: number;
  /** Whether the badge's pass rule is met: `meetsPassRule`. */
  passed: boolean;
}

function isRight(
  task: Task,
  answer: string,
  puzzleAnswers: Readonly<Record<string, string>>,
): boolean {
  switch (task.kind) {
    case 'quiz':
      return answer === task.answer;
    case 'short-answer': {
      const given = normalizeAnswer(answer);
      return task.acceptedAnswers.some((accepted) => normalizeAnswer(accepted) === given);
    }
    case 'puzzle': {
      if (!Object.hasOwn(puzzleAnswers, task.id)) {
        throw new TypeError(`gradeAttempt: no puzzle answer for task ${task.id}`);
      }
      return normalizeAnswer(answer) === normalizeAnswer(puzzleAnswers[task.id] as string);
    }
  }
}

/**
 * Grades answers (task id -> choice id for a quiz, the text for a short answer or a puzzle)
 * against a badge's key; `puzzleAnswers` holds this learner's puzzle answers (see
 * `puzzleInstance`). Free text is compared after {@link normalizeAnswer}. A task left
 * unanswered counts as wrong. Error messages never repeat the answer given.
 *
 * @throws SkillproofError `VALIDATION_FAILED` for an answer to a task the badge doesn't have, or
 * naming a choice the quiz doesn't offer (a client bug better reported than graded).
 * @example
 * ```ts
 * gradeAttempt(gitBasics, { q1: 'c', q2: 'a', q3: 'd', q4: 'a' }); // { correct: 3, total: 4, score: 75, passed: true }
 * ```
 */
export function gradeAttempt(
  badge: Badge,
  answers: Readonly<Record<string, string>>,
  puzzleAnswers: Readonly<Record<string, string>> = {},
): GradeResult {
  const tasks = new Map(badge.tasks.map((task) => [task.id, task]));
  for (const [taskId, answer] of Object.entries(answers)) {
    const task = tasks.get(taskId);
    if (!task) {
      throw new SkillproofError(
        'VALIDATION_FAILED',
        `answers.${taskId}: no such task in ${badge.id}`,
      );
    }
    if (task.kind === 'quiz' && !task.choices.some((choice) => choice.id === answer)) {
      throw new SkillproofError(
        'VALIDATION_FAILED',
        `answers.${taskId}: not one of the task's choice ids`,
      );
    }
  }
  const total = badge.tasks.length;
  const correct = badge.tasks.filter(
    (task) =>
      Object.hasOwn(answers, task.id) && isRight(task, answers[task.id] as string, puzzleAnswers),
  ).length;
  return {
    correct,
    total,
    score: scorePercent(correct, total),
    passed: meetsPassRule(badge.passRule, correct, total),
  };
}
