import { createEmptyCard, fsrs, Rating, type Card, type Grade } from 'ts-fsrs';
import type { PracticeCard, PracticeRating } from './practice-data.js';

// Practice is a daily habit, not a cram session: no same-day (re)learning steps, so that every
// review schedules whole days (FSRS decides them from the card's stability), and no fuzz, so
// that a schedule can be reproduced and tested.
const scheduler = fsrs({ enable_short_term: false, enable_fuzz: false });

const grades: Record<PracticeRating, Grade> = {
  again: Rating.Again,
  hard: Rating.Hard,
  good: Rating.Good,
  easy: Rating.Easy,
};

function toFsrsCard(card: PracticeCard): Card {
  return {
    due: new Date(card.due),
    stability: card.stability,
    difficulty: card.difficulty,
    elapsed_days: 0,
    scheduled_days: card.scheduledDays,
    learning_steps: card.learningSteps,
    reps: card.reps,
    lapses: card.lapses,
    state: card.state,
    ...(card.lastReview === null ? {} : { last_review: new Date(card.lastReview) }),
  };
}

/**
 * Reschedules a practice item after an answer rated `rating`, with FSRS (ts-fsrs, default
 * parameters, 90% desired retention): the card's new memory state and when it is due next. An
 * item without a card is new.
 *
 * @example
 * ```ts
 * const card = schedulePracticeReview(undefined, 'good', now, { issuerUrl, badge, item: 'p1' });
 * card.due; // a few days after now
 * ```
 */
export function schedulePracticeReview(
  card: PracticeCard | undefined,
  rating: PracticeRating,
  now: Date,
  of: Pick<PracticeCard, 'issuerUrl' | 'badge' | 'item'>,
): PracticeCard {
  const before = card ? toFsrsCard(card) : createEmptyCard(now);
  const { card: after } = scheduler.next(before, now, grades[rating]);
  return {
    issuerUrl: of.issuerUrl,
    badge: of.badge,
    item: of.item,
    due: after.due.toISOString(),
    stability: after.stability,
    difficulty: after.difficulty,
    scheduledDays: after.scheduled_days,
    learningSteps: after.learning_steps,
    reps: after.reps,
    lapses: after.lapses,
    state: after.state,
    lastReview: after.last_review?.toISOString() ?? now.toISOString(),
  };
}
