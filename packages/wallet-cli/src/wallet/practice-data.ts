import type { PracticeItem } from '@skillproof/core';

/** A badge's practice items as fetched from its issuer, kept so that practice works offline. */
export interface StoredPracticeDeck {
  /** The issuer service they came from. */
  issuerUrl: string;
  /** The badge's slug at that issuer. */
  badge: string;
  achievementId: string;
  name: string;
  fetchedAt: string;
  items: PracticeItem[];
}

/** The four FSRS ratings a learner gives an answer, worst to best. */
export const practiceRatings = ['again', 'hard', 'good', 'easy'] as const;

/** How well an item was recalled: Again, Hard, Good or Easy. */
export type PracticeRating = (typeof practiceRatings)[number];

/**
 * An item's FSRS memory state after its last review (ts-fsrs's `Card`, dates as ISO strings).
 * An item without a card has never been reviewed: it is new.
 */
export interface PracticeCard {
  issuerUrl: string;
  badge: string;
  item: string;
  due: string;
  stability: number;
  difficulty: number;
  scheduledDays: number;
  learningSteps: number;
  reps: number;
  lapses: number;
  /** ts-fsrs `State`: 0 new, 1 learning, 2 review, 3 relearning. */
  state: number;
  lastReview: string | null;
}

/** One answer given in a practice session: the review log. */
export interface PracticeReview {
  issuerUrl: string;
  badge: string;
  item: string;
  reviewedAt: string;
  correct: boolean;
  rating: PracticeRating;
  /** When the item is due next, as scheduled by this review. */
  nextDue: string;
}

/** The practice part of `wallet.json` (version 3 on): decks, their schedule and the review log. */
export interface PracticeData {
  decks: StoredPracticeDeck[];
  cards: PracticeCard[];
  reviews: PracticeReview[];
}

/**
 * The practice of a wallet that has none yet (a new wallet, or one from before version 3).
 *
 * @example
 * ```ts
 * const data: WalletData = { ...rest, practice: emptyPracticeData() };
 * ```
 */
export function emptyPracticeData(): PracticeData {
  return { decks: [], cards: [], reviews: [] };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function hasStrings(value: unknown, keys: readonly string[]): boolean {
  return isRecord(value) && keys.every((key) => typeof value[key] === 'string');
}

/**
 * Where the practice data differs from its shape, or undefined when it fits.
 *
 * @example
 * ```ts
 * practiceDataProblem({ decks: [], cards: [], reviews: [] }); // undefined
 * ```
 */
export function practiceDataProblem(value: unknown): string | undefined {
  if (!isRecord(value)) return 'practice is not an object';
  const checks = [
    ['decks', ['issuerUrl', 'badge', 'name', 'fetchedAt']],
    ['cards', ['issuerUrl', 'badge', 'item', 'due']],
    ['reviews', ['issuerUrl', 'badge', 'item', 'reviewedAt', 'rating', 'nextDue']],
  ] as const;
  for (const [list, keys] of checks) {
    const entries = value[list];
    if (!Array.isArray(entries)) return `practice.${list} is not a list`;
    const index = entries.findIndex((entry) => !hasStrings(entry, keys));
    if (index >= 0) return `practice.${list}[${index}] is incomplete`;
  }
  const decks = value['decks'] as Array<Record<string, unknown>>;
  const badDeck = decks.findIndex((deck) => !Array.isArray(deck['items']));
  if (badDeck >= 0) return `practice.decks[${badDeck}] has no items`;
  return undefined;
}
