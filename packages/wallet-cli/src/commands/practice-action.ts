import { normalizeAnswer, SkillproofError, type PracticeItem } from '@skillproof/core';
import { fetchPracticeDeck } from '../net/issuer-client.js';
import { upstreamErrorDetails } from '../net/request-json.js';
import { paint, printable, progressBar, renderTable, withProgress } from '../terminal/output.js';
import { UsageError } from '../usage-error.js';
import {
  defaultNewPerSession,
  duePracticeItems,
  practiceDueSummary,
  type DuePracticeItem,
  type PracticeDueSummary,
} from '../wallet/due-practice-items.js';
import { gradePracticeAnswer, rightAnswerText } from '../wallet/grade-practice-answer.js';
import {
  practiceRatings,
  type PracticeRating,
  type StoredPracticeDeck,
} from '../wallet/practice-data.js';
import { schedulePracticeReview } from '../wallet/schedule-practice-review.js';
import { WalletStore } from '../wallet/wallet-store.js';
import { note, printResult, type CommandContext } from './command-context.js';
import { issuerUrlsFor } from './issuer-urls.js';
import { readPracticeAnswers, type ScriptedPracticeAnswer } from './read-practice-answers.js';

/** Options of `skillproof practice`. */
export interface PracticeOptions {
  issuer?: string;
  /** List what is due per badge instead of practising. */
  due?: boolean;
  /** New items to introduce per badge in this session. */
  new?: string;
  /** A JSON file (or `-`) of answers instead of prompts. */
  answers?: string;
}

/** One answer of a session. */
export interface PracticedItem {
  issuer: string;
  badge: string;
  item: string;
  prompt: string;
  answer: string;
  correct: boolean;
  rightAnswer: string;
  rating: PracticeRating;
  /** When it is due next. */
  nextDue: string;
}

/** What `skillproof practice` did: the answers of the session, and what is due after it. */
export interface PracticeResult {
  reviewed: PracticedItem[];
  correct: number;
  /** Per badge practised, after the session. */
  decks: PracticeDueSummary[];
}

/** What `skillproof practice --due` lists. */
export interface PracticeDueResult {
  decks: PracticeDueSummary[];
}

const dayMs = 24 * 60 * 60 * 1000;

/** `2026-11-29 (in 3 days)`, `now`, or `2026-11-27 (tomorrow)`. */
function dueText(iso: string | null, now: Date): string {
  if (iso === null) return '';
  const at = new Date(iso);
  if (at.getTime() <= now.getTime()) return 'now';
  const days = Math.floor(at.getTime() / dayMs) - Math.floor(now.getTime() / dayMs);
  const when = days === 0 ? 'today' : days === 1 ? 'tomorrow' : `in ${days} days`;
  return `${at.toISOString().slice(0, 10)} (${when})`;
}

function readNewLimit(value: string | undefined): number {
  if (value === undefined) return defaultNewPerSession;
  if (!/^\d{1,3}$/.test(value)) {
    throw new UsageError(`--new takes a whole number of items, 0 to 999, not "${value}"`);
  }
  return Number(value);
}

/**
 * The practice items of `badge`: fetched afresh from the first issuer that offers it and kept in
 * the wallet; when no issuer can be reached, the ones kept from before, so practice works
 * offline once fetched. Nothing is written here; the caller saves a fetched deck.
 *
 * @throws SkillproofError `NOT_FOUND` when no issuer offers the badge and none is kept;
 * `UPSTREAM_FAILED` when no issuer could be reached and none is kept.
 */
async function loadDeck(
  context: CommandContext,
  store: WalletStore,
  urls: readonly string[],
  badge: string,
): Promise<{ deck: StoredPracticeDeck; fetched: boolean }> {
  const kept =
    store.practice.decks.find((deck) => deck.badge === badge && urls.includes(deck.issuerUrl)) ??
    store.practice.decks.find((deck) => deck.badge === badge);
  let unreachable: unknown;
  for (const url of urls) {
    try {
      const deck = await withProgress(
        context.output,
        `fetching the practice items of ${printable(badge)} from ${url}`,
        () => fetchPracticeDeck(context.fetch, url, badge),
      );
      return {
        deck: { issuerUrl: url, ...deck, fetchedAt: context.now().toISOString() },
        fetched: true,
      };
    } catch (error) {
      if (upstreamErrorDetails(error)?.status === 404) continue;
      unreachable ??= error;
    }
  }
  if (kept) {
    if (unreachable !== undefined) {
      const why = unreachable instanceof Error ? unreachable.message : String(unreachable);
      note(
        context,
        paint(
          context.output,
          'yellow',
          `offline (${why}): practising the items of ${printable(badge)} kept since ${kept.fetchedAt.slice(0, 10)}`,
        ),
      );
    }
    return { deck: kept, fetched: false };
  }
  if (unreachable !== undefined) {
    const why = unreachable instanceof Error ? unreachable.message : String(unreachable);
    throw new SkillproofError(
      'UPSTREAM_FAILED',
      `cannot fetch the practice items of ${printable(badge)} (${why}); once fetched, practice works offline`,
    );
  }
  throw new SkillproofError(
    'NOT_FOUND',
    `no badge "${printable(badge)}" with practice items at ${urls.join(', ')}; see the badges with \`skillproof tasks\``,
  );
}

/**
 * Refuses, before anything is recorded, an answers file naming an item the deck does not have
 * or a quiz answer that is none of its choices.
 */
function checkScriptedAnswers(
  deck: StoredPracticeDeck,
  answers: Record<string, ScriptedPracticeAnswer>,
  path: string,
): void {
  for (const [itemId, { answer }] of Object.entries(answers)) {
    const item = deck.items.find((candidate) => candidate.id === itemId);
    const refuse = (why: string): never => {
      throw new SkillproofError('VALIDATION_FAILED', `${path}: ${why}; nothing was recorded`);
    };
    if (!item) {
      refuse(
        `${printable(deck.badge)} has no practice item "${printable(itemId)}" (its items: ${deck.items.map((known) => known.id).join(', ')})`,
      );
    } else if (answer === '') {
      refuse(`the answer to ${itemId} is empty`);
    } else if (
      item.kind === 'quiz' &&
      !item.choices.some(
        (choice) =>
          choice.id === answer || normalizeAnswer(choice.text) === normalizeAnswer(answer),
      )
    ) {
      refuse(`"${printable(answer)}" is not a choice of ${itemId}; give the choice id or its text`);
    }
  }
}

function describeItem(context: CommandContext, item: PracticeItem, heading: string): string {
  const lines = [`\n${paint(context.output, 'bold', `${heading} ${printable(item.prompt)}`)}`];
  if (item.kind === 'quiz') {
    lines.push(...item.choices.map((choice, n) => `  ${n + 1}) ${printable(choice.text)}`));
  } else if (item.answerFormat) {
    lines.push(paint(context.output, 'dim', `Answer: ${printable(item.answerFormat)}`));
  }
  return lines.join('\n');
}

async function askAnswer(context: CommandContext, item: PracticeItem, text: string) {
  const question =
    item.kind === 'quiz'
      ? `${text}\nYour answer (1-${item.choices.length}): `
      : `${text}\nYour answer: `;
  for (let asked = 0; ; asked++) {
    const reply = (await context.prompter.ask(asked === 0 ? question : 'Your answer: ')).trim();
    if (item.kind === 'quiz') {
      const choice = /^\d+$/.test(reply) ? item.choices[Number(reply) - 1] : undefined;
      if (choice) return choice.id;
      context.output.stderr(`Please type a number from 1 to ${item.choices.length}.\n`);
    } else if (reply !== '') {
      return reply;
    }
  }
}

async function askRating(context: CommandContext, fallback: PracticeRating) {
  const menu = practiceRatings.map((rating, n) => `${n + 1} ${rating}`).join(', ');
  for (;;) {
    const reply = (await context.prompter.ask(`Rate it (${menu}) [${fallback}]: `))
      .trim()
      .toLowerCase();
    if (reply === '') return fallback;
    const rating = /^[1-4]$/.test(reply)
      ? practiceRatings[Number(reply) - 1]
      : practiceRatings.find((known) => known === reply);
    if (rating) return rating;
    context.output.stderr('Please type 1 to 4, or again, hard, good or easy.\n');
  }
}

function deckKey(deck: { issuerUrl: string; badge: string }): string {
  return `${deck.issuerUrl}\n${deck.badge}`;
}

function listDue(context: CommandContext, store: WalletStore, badge: string | undefined) {
  const now = context.now();
  const decks = store.practice.decks.filter((deck) => badge === undefined || deck.badge === badge);
  if (badge !== undefined && decks.length === 0) {
    throw new SkillproofError(
      'NOT_FOUND',
      `no practice items of "${printable(badge)}" in your wallet yet; fetch them with \`skillproof practice ${printable(badge)}\``,
    );
  }
  const summaries = decks.map((deck) => practiceDueSummary(deck, store.practice.cards, now));
  printResult(context, { decks: summaries } satisfies PracticeDueResult, () =>
    summaries.length === 0
      ? 'No practice yet. Start with: skillproof practice <badge> (badges: skillproof tasks)'
      : renderTable(
          context.output,
          ['BADGE', 'NAME', 'DUE', 'NEW', 'ITEMS', 'NEXT', 'ISSUER'],
          summaries.map((summary) => [
            printable(summary.badge),
            printable(summary.name),
            summary.due > 0 ? paint(context.output, 'yellow', String(summary.due)) : '0',
            String(summary.new),
            String(summary.total),
            summary.due > 0 || summary.new > 0 ? 'now' : dueText(summary.nextDue, now),
            summary.issuer,
          ]),
        ),
  );
  return { decks: summaries };
}

/**
 * `skillproof practice [badge]`: a review session over the badge's practice items that are due
 * (and a few new ones), scheduled with FSRS. Each answer is checked in the wallet, rated (Again,
 * Hard, Good or Easy; Good when right and Again when wrong unless the learner says otherwise)
 * and rescheduled; every review is saved as it is made, so a session cut short loses nothing.
 * With a badge, its items are fetched from the issuer and kept (offline, the kept ones are
 * used); without one, every badge practised before, from what is kept. `--due` lists what is
 * due per badge instead.
 *
 * @throws UsageError for an unreadable or empty answers file, `--answers` without a badge, or a
 * bad `--new`; SkillproofError `NOT_FOUND` for a badge no issuer offers and `VALIDATION_FAILED`
 * for an answer naming no item: in every case before anything is recorded.
 * @example
 * ```ts
 * const result = await practiceCommand(context, 'git-basics', { answers: 'answers.json' });
 * result.reviewed[0]?.nextDue; // '2026-11-29T12:00:00.000Z'
 * ```
 */
export async function practiceCommand(
  context: CommandContext,
  badge: string | undefined,
  options: PracticeOptions,
): Promise<PracticeResult | PracticeDueResult> {
  const newLimit = readNewLimit(options.new);
  if (options.answers !== undefined && badge === undefined) {
    throw new UsageError('--answers needs a badge: skillproof practice <badge> --answers <file>');
  }
  const scripted =
    options.answers === undefined ? undefined : await readPracticeAnswers(context, options.answers);
  const store = WalletStore.open(context.home);
  if (options.due) return listDue(context, store, badge);

  let decks: StoredPracticeDeck[];
  if (badge === undefined) {
    decks = [...store.practice.decks];
    if (decks.length === 0) {
      throw new SkillproofError(
        'NOT_FOUND',
        'no practice yet; start with `skillproof practice <badge>` (see the badges with `skillproof tasks`)',
      );
    }
  } else {
    const urls = issuerUrlsFor(context, store, options.issuer);
    const { deck, fetched } = await loadDeck(context, store, urls, badge);
    if (scripted && options.answers) checkScriptedAnswers(deck, scripted, options.answers);
    if (fetched) store.savePracticeDeck(deck);
    decks = [deck];
  }

  const start = context.now();
  let queue: DuePracticeItem[] = decks.flatMap((deck) =>
    duePracticeItems(deck, store.practice.cards, start, newLimit),
  );
  if (scripted) queue = queue.filter((due) => scripted[due.item.id] !== undefined);

  const reviewed: PracticedItem[] = [];
  if (queue.length > 0) {
    note(
      context,
      `${queue.length} ${queue.length === 1 ? 'item' : 'items'} to practise (${queue.filter((due) => !due.card).length} new)`,
    );
  }
  // Between questions the bar sits on a line of its own: each question starts on a new line.
  const bar = progressBar(context.output, 'practice', queue.length);
  for (const [index, due] of queue.entries()) {
    const { deck, item } = due;
    let answer: string;
    let rating: PracticeRating | undefined;
    if (scripted) {
      const given = scripted[item.id] as ScriptedPracticeAnswer;
      answer = given.answer;
      rating = given.rating;
    } else {
      answer = await askAnswer(
        context,
        item,
        describeItem(context, item, `${index + 1}/${queue.length} [${printable(deck.badge)}]`),
      );
    }
    const correct = gradePracticeAnswer(item, answer);
    const right = rightAnswerText(item);
    if (!scripted) {
      context.output.stderr(
        `${correct ? paint(context.output, 'green', '✔ right') : `${paint(context.output, 'red', '✖ not quite')}: ${printable(right)}`}` +
          `${item.explanation ? `\n${paint(context.output, 'dim', printable(item.explanation))}` : ''}\n`,
      );
      rating = await askRating(context, correct ? 'good' : 'again');
    }
    const finalRating = rating ?? (correct ? 'good' : 'again');
    const now = context.now();
    const card = schedulePracticeReview(due.card, finalRating, now, {
      issuerUrl: deck.issuerUrl,
      badge: deck.badge,
      item: item.id,
    });
    store.savePracticeReviews([
      {
        card,
        review: {
          issuerUrl: deck.issuerUrl,
          badge: deck.badge,
          item: item.id,
          reviewedAt: now.toISOString(),
          correct,
          rating: finalRating,
          nextDue: card.due,
        },
      },
    ]);
    reviewed.push({
      issuer: deck.issuerUrl,
      badge: deck.badge,
      item: item.id,
      prompt: item.prompt,
      answer,
      correct,
      rightAnswer: right,
      rating: finalRating,
      nextDue: card.due,
    });
    bar.tick();
  }
  bar.done();

  const after = context.now();
  const practised = new Set(decks.map(deckKey));
  const summaries = store.practice.decks
    .filter((deck) => practised.has(deckKey(deck)))
    .map((deck) => practiceDueSummary(deck, store.practice.cards, after));
  const correct = reviewed.filter((entry) => entry.correct).length;
  const result: PracticeResult = { reviewed, correct, decks: summaries };
  printResult(context, result, () => {
    if (reviewed.length === 0) {
      const next = summaries
        .map((summary) => summary.nextDue)
        .filter((at): at is string => at !== null)
        .sort()[0];
      return `Nothing due${next ? `; next review ${dueText(next, after)}` : ''}. See \`skillproof practice --due\``;
    }
    return [
      renderTable(
        context.output,
        ['BADGE', 'ITEM', 'RESULT', 'RATING', 'NEXT REVIEW'],
        reviewed.map((entry) => [
          printable(entry.badge),
          printable(entry.item),
          entry.correct
            ? paint(context.output, 'green', 'right')
            : paint(context.output, 'red', 'wrong'),
          entry.rating,
          dueText(entry.nextDue, after),
        ]),
      ),
      '',
      `${correct}/${reviewed.length} right. Still due: ${summaries.reduce((sum, summary) => sum + summary.due, 0)}; new left: ${summaries.reduce((sum, summary) => sum + summary.new, 0)}.`,
    ].join('\n');
  });
  return result;
}
