import type { PracticeItem } from '@skillproof/core';
import type { PracticeCard, StoredPracticeDeck } from './practice-data.js';

/** An item a session asks, with its card (none for a new item). */
export interface DuePracticeItem {
  deck: StoredPracticeDeck;
  item: PracticeItem;
  card: PracticeCard | undefined;
}

/** How many new items a session introduces unless told otherwise. */
export const defaultNewPerSession = 5;

function cardOf(cards: readonly PracticeCard[], deck: StoredPracticeDeck, itemId: string) {
  return cards.find(
    (card) =>
      card.issuerUrl === deck.issuerUrl && card.badge === deck.badge && card.item === itemId,
  );
}

/**
 * What a session over `deck` asks at `now`: the items whose card is due, most overdue first,
 * then up to `newLimit` items never reviewed, in the deck's order. An item whose card is not due
 * yet is left alone.
 *
 * @example
 * ```ts
 * duePracticeItems(deck, store.practice.cards, now, 5).map((due) => due.item.id); // ['p3', 'p1', …]
 * ```
 */
export function duePracticeItems(
  deck: StoredPracticeDeck,
  cards: readonly PracticeCard[],
  now: Date,
  newLimit: number,
): DuePracticeItem[] {
  const reviews: DuePracticeItem[] = [];
  const fresh: DuePracticeItem[] = [];
  for (const item of deck.items) {
    const card = cardOf(cards, deck, item.id);
    if (!card) fresh.push({ deck, item, card });
    else if (Date.parse(card.due) <= now.getTime()) reviews.push({ deck, item, card });
  }
  reviews.sort((a, b) => Date.parse(a.card?.due ?? '') - Date.parse(b.card?.due ?? ''));
  return [...reviews, ...fresh.slice(0, Math.max(0, newLimit))];
}

/** What `skillproof practice --due` shows of one deck. */
export interface PracticeDueSummary {
  issuer: string;
  badge: string;
  name: string;
  /** Reviewed before and due now. */
  due: number;
  /** Never reviewed yet. */
  new: number;
  /** Items in the deck. */
  total: number;
  /** When the next review that is not due yet falls, if any. */
  nextDue: string | null;
  fetchedAt: string;
}

/**
 * Counts, for one deck, the items due at `now`, the new ones and when the next review falls.
 *
 * @example
 * ```ts
 * practiceDueSummary(deck, cards, now); // { badge: 'git-basics', due: 3, new: 5, … }
 * ```
 */
export function practiceDueSummary(
  deck: StoredPracticeDeck,
  cards: readonly PracticeCard[],
  now: Date,
): PracticeDueSummary {
  let due = 0;
  let fresh = 0;
  let nextDue: number | undefined;
  for (const item of deck.items) {
    const card = cardOf(cards, deck, item.id);
    if (!card) {
      fresh += 1;
      continue;
    }
    const at = Date.parse(card.due);
    if (at <= now.getTime()) due += 1;
    else if (nextDue === undefined || at < nextDue) nextDue = at;
  }
  return {
    issuer: deck.issuerUrl,
    badge: deck.badge,
    name: deck.name,
    due,
    new: fresh,
    total: deck.items.length,
    nextDue: nextDue === undefined ? null : new Date(nextDue).toISOString(),
    fetchedAt: deck.fetchedAt,
  };
}
