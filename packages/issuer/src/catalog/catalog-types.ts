import type { IssuedFormat, PassRule, PracticeItem, QuizChoice } from '@skillproof/core';
import type { PuzzleGeneratorName } from './puzzles/puzzle-generators.js';

// The catalogue as learners and boards see it is a wire contract: declared once, in core.
export type {
  BadgeAlignment,
  PassRule,
  PracticeDeck,
  PracticeItem,
  PublicBadge,
  PublicTask,
  QuizChoice,
} from '@skillproof/core';

/** A multiple-choice question with exactly one right answer. */
export interface QuizTask {
  id: string;
  kind: 'quiz';
  prompt: string;
  choices: QuizChoice[];
  /** The id of the right choice. Server-side only: never sent over HTTP. */
  answer: string;
}

/**
 * A programming problem whose input is generated per learner (seeded by an HMAC of the learner's
 * DID, the badge and the task), so that answers can't be shared; the server computes the answer.
 */
export interface PuzzleTask {
  id: string;
  kind: 'puzzle';
  /** The problem, the same for everyone; the learner's own input comes with each attempt. */
  prompt: string;
  /** What to submit, e.g. `an integer`. */
  answerFormat: string;
  /** Which generator makes the input and computes the answer. */
  generator: PuzzleGeneratorName;
}

/** A question answered in a few words, graded by normalised exact match. */
export interface ShortAnswerTask {
  id: string;
  kind: 'short-answer';
  prompt: string;
  answerFormat?: string;
  /** Every answer accepted. Server-side only: never sent over HTTP. */
  acceptedAnswers: string[];
}

/** One task of a badge's micro-test. */
export type Task = QuizTask | PuzzleTask | ShortAnswerTask;

/** A skill the issuer defines and publishes at `<url>/skills/<id>`; badges align to it. */
export interface Skill {
  /** URL-safe identifier, e.g. `python-programming`. */
  id: string;
  name: string;
  description: string;
}

/** A badge on offer and the micro-test that earns it. */
export interface Badge {
  /** URL-safe identifier (slug), e.g. `git-basics`; the achievement lives at `<url>/achievements/<id>`. */
  id: string;
  name: string;
  description: string;
  criteria: { narrative: string };
  /** The badge's SVG image, served at `<url>/badges/<id>/image.svg`. */
  image: { file: string; svg: string };
  /** The catalogue's skills the badge aligns to (resolved from the ids in its file). */
  skills: Skill[];
  passRule: PassRule;
  /** How many attempts a learner may start. */
  maxAttempts: number;
  /** How long a learner waits after an attempt that did not pass before starting another. */
  cooldownSeconds: number;
  /** How long an issued badge stays valid, in days; `null`: it does not expire. */
  validityDays: number | null;
  /** The renewal window, in days before the badge lapses; unset: `renewalRule`'s default. */
  renewalWindowDays?: number;
  /** How many graded tasks a renewal test asks; unset: `renewalRule`'s default. */
  renewalItems?: number;
  /** The formats a pass can be awarded in: at least one; all three unless the file narrows them. */
  formats: IssuedFormat[];
  tasks: Task[];
  /** Ungraded items for spaced-repetition review, public with their answers; empty when the file has none. */
  practice: PracticeItem[];
}

/** Every badge an issuer offers, and the skills they align to. */
export interface Catalog {
  badges: Badge[];
  skills: Skill[];
}
