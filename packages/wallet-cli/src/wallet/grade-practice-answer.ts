import { normalizeAnswer, type PracticeItem } from '@skillproof/core';

/**
 * Whether an answer to a practice item is right, as the issuer grades its own tasks: a quiz
 * answer names the right choice by id or by text (any case); a short answer matches an accepted
 * answer after `normalizeAnswer` (NFKC, trimmed, whitespace collapsed, lower case).
 *
 * @example
 * ```ts
 * gradePracticeAnswer(item, '  GIT log '); // true when "git log" is accepted
 * ```
 */
export function gradePracticeAnswer(item: PracticeItem, answer: string): boolean {
  const given = normalizeAnswer(answer);
  if (item.kind === 'quiz') {
    const right = item.choices.find((choice) => choice.id === item.answer);
    return (
      right !== undefined && (answer.trim() === right.id || given === normalizeAnswer(right.text))
    );
  }
  return item.acceptedAnswers.some((accepted) => normalizeAnswer(accepted) === given);
}

/**
 * The right answer of a practice item, as the learner is shown it.
 *
 * @example
 * ```ts
 * rightAnswerText(item); // 'git log'
 * ```
 */
export function rightAnswerText(item: PracticeItem): string {
  if (item.kind === 'quiz') {
    return item.choices.find((choice) => choice.id === item.answer)?.text ?? item.answer;
  }
  return item.acceptedAnswers[0] ?? '';
}
