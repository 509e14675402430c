import { isJsonObject } from '@skillproof/core';
import { UsageError } from '../usage-error.js';
import { practiceRatings, type PracticeRating } from '../wallet/practice-data.js';
import type { CommandContext } from './command-context.js';
import { readInputText } from './read-input-text.js';

/** A scripted answer to a practice item, and the rating to give it (else from correctness). */
export interface ScriptedPracticeAnswer {
  answer: string;
  rating?: PracticeRating;
}

/** The practice items are far smaller than this. */
const maxAnswersBytes = 256 * 1024;

function readRating(path: string, itemId: string, value: unknown): PracticeRating | undefined {
  if (value === undefined) return undefined;
  const rating = typeof value === 'string' ? value.toLowerCase() : value;
  if (practiceRatings.includes(rating as PracticeRating)) return rating as PracticeRating;
  throw new UsageError(
    `${path}: the rating of ${itemId} must be one of ${practiceRatings.join(', ')}; nothing was recorded`,
  );
}

/**
 * Reads `--answers <file>` (or `-`, standard input) of `skillproof practice`: a JSON object
 * `{"<item id>": "<answer>"}`, or `{"<item id>": {"answer": "…", "rating": "easy"}}` to rate an
 * answer other than by its correctness.
 *
 * @throws UsageError when the file can't be read, is not such an object, or holds no answer.
 * @example
 * ```ts
 * await readPracticeAnswers(context, 'answers.json'); // { p1: { answer: 'git log' } }
 * ```
 */
export async function readPracticeAnswers(
  context: CommandContext,
  path: string,
): Promise<Record<string, ScriptedPracticeAnswer>> {
  const text = await readInputText(context, path, {
    what: 'practice answers',
    maxBytes: maxAnswersBytes,
  });
  const name = path === '-' ? 'standard input' : path;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  if (!isJsonObject(parsed)) {
    throw new UsageError(
      `${name} must hold a JSON object: { "<item id>": "<answer>" }; nothing was recorded`,
    );
  }
  const answers: Record<string, ScriptedPracticeAnswer> = {};
  for (const [itemId, value] of Object.entries(parsed)) {
    if (typeof value === 'string' || typeof value === 'number') {
      answers[itemId] = { answer: String(value).trim() };
    } else if (isJsonObject(value) && ['string', 'number'].includes(typeof value.answer)) {
      const rating = readRating(name, itemId, value.rating);
      answers[itemId] = { answer: String(value.answer).trim(), ...(rating ? { rating } : {}) };
    } else {
      throw new UsageError(
        `${name}: the answer to ${itemId} must be a string or {"answer": "…", "rating": "good"}; nothing was recorded`,
      );
    }
  }
  if (Object.keys(answers).length === 0) {
    throw new UsageError(`${name} holds no answers; nothing was recorded`);
  }
  return answers;
}
