import type { QuizChoice } from './catalog.js';

/**
 * A badge's practice items (`GET /catalog/<badge>/practice`): questions for spaced-repetition
 * review in the wallet, separate from the graded micro-test. Practice is ungraded and checked by
 * the learner's own wallet, offline, so each item carries its answer; the graded tasks never do.
 */

/** A practice item: a multiple-choice question or one answered in a few words, with its answer. */
export type PracticeItem =
  | {
      id: string;
      kind: 'quiz';
      prompt: string;
      choices: QuizChoice[];
      /** The id of the right choice. */
      answer: string;
      /** Why, shown once the learner has answered. */
      explanation?: string;
    }
  | {
      id: string;
      kind: 'short-answer';
      prompt: string;
      answerFormat?: string;
      /** Every answer accepted, compared as the issuer compares graded ones (`normalizeAnswer`). */
      acceptedAnswers: string[];
      explanation?: string;
    };

/** `GET /catalog/<badge>/practice`. */
export interface PracticeDeck {
  /** The badge's slug. */
  badge: string;
  /** The Open Badges `Achievement` id the badge's credentials carry. */
  achievementId: string;
  name: string;
  items: PracticeItem[];
}
