import { signInToIssuer, type LearnerProgress } from '../net/issuer-client.js';
import { paint, printable, renderTable, withProgress } from '../terminal/output.js';
import { practiceDueSummary, type PracticeDueSummary } from '../wallet/due-practice-items.js';
import { lapsingBadges, type LapsingBadge } from '../wallet/lapsing-badges.js';
import {
  practiceRetention,
  practiceStreaks,
  type PracticeRetention,
  type PracticeStreaks,
} from '../wallet/practice-stats.js';
import { WalletStore } from '../wallet/wallet-store.js';
import { printResult, type CommandContext } from './command-context.js';
import { renderLapsingBadges } from './render-lapsing-badges.js';
import { unlockLearnerKey } from './unlock-learner-key.js';
import { issuerUrlsFor } from './issuer-urls.js';

/** What `progress` reads from the wallet itself: practice and badges close to lapsing. */
export interface LocalProgress {
  practice: {
    /** Per badge: the share of the last 30 days' reviews rated Good or Easy. */
    retention: PracticeRetention[];
    streaks: PracticeStreaks;
    /** Per badge practised: what is due now. */
    due: PracticeDueSummary[];
  };
  /** Held badges that lapse within 30 days. */
  lapsing: LapsingBadge[];
}

function renderPractice(context: CommandContext, local: LocalProgress): string {
  const { retention, streaks, due } = local.practice;
  if (due.length === 0) return 'Practice: none yet (skillproof practice <badge>)';
  const rows = due.map((deck) => {
    const kept = retention.find(
      (entry) => entry.issuer === deck.issuer && entry.badge === deck.badge,
    );
    return [
      printable(deck.badge),
      kept === undefined || kept.retention === null ? '' : `${Math.round(kept.retention * 100)}%`,
      String(kept?.reviews ?? 0),
      String(deck.due),
      String(deck.new),
    ];
  });
  return [
    paint(context.output, 'bold', 'Practice') +
      ` — streak: ${streaks.current} ${streaks.current === 1 ? 'day' : 'days'} (longest ${streaks.longest})`,
    renderTable(context.output, ['BADGE', 'RETENTION 30D', 'REVIEWS 30D', 'DUE', 'NEW'], rows),
  ].join('\n');
}

/**
 * `skillproof progress [--issuer URL]`: per badge, what the issuer has on record for this DID:
 * earned or not, attempts used and left, best score, when the next try opens; and from the
 * wallet itself, practice retention (share of the last 30 days' reviews rated Good or Easy),
 * current and longest daily streaks (UTC days), items due, and a reminder for every held badge
 * within 30 days of lapsing. Signs in with DID-auth, so it needs the passphrase.
 *
 * @example
 * ```ts
 * const [progress] = await progressCommand(context, {});
 * ```
 */
export async function progressCommand(
  context: CommandContext,
  options: { issuer?: string },
): Promise<Array<LearnerProgress & { issuer: string }>> {
  const store = WalletStore.open(context.home);
  const now = context.now();
  const local: LocalProgress = {
    practice: {
      retention: practiceRetention(store.practice.reviews, now),
      streaks: practiceStreaks(store.practice.reviews, now),
      due: store.practice.decks.map((deck) => practiceDueSummary(deck, store.practice.cards, now)),
    },
    lapsing: lapsingBadges(store.credentials, now),
  };
  const urls = issuerUrlsFor(context, store, options.issuer);
  const key = await unlockLearnerKey(context);
  const reports: Array<LearnerProgress & { issuer: string }> = [];
  for (const url of urls) {
    const progress = await withProgress(
      context.output,
      `reading your progress at ${url}`,
      async () => (await signInToIssuer(context.fetch, url, key, context.now())).progress(),
    );
    reports.push({ issuer: url, ...progress });
  }
  printResult(context, { progress: reports, ...local }, () =>
    [
      ...reports.map((report) =>
        [
          paint(context.output, 'bold', report.issuer),
          renderTable(
            context.output,
            ['BADGE', 'NAME', 'EARNED', 'BEST', 'ATTEMPTS', 'LEFT', 'NEXT TRY'],
            report.badges.map((badge) => [
              printable(badge.badge),
              printable(badge.name),
              badge.earned ? paint(context.output, 'green', 'yes') : 'no',
              badge.bestScore === null ? '' : `${badge.bestScore}%`,
              `${badge.attempts}/${badge.maxAttempts}`,
              String(badge.attemptsLeft),
              printable(badge.nextAttemptAt ?? ''),
            ]),
          ),
        ].join('\n'),
      ),
      renderPractice(context, local),
      ...(local.lapsing.length > 0 ? [renderLapsingBadges(context, local.lapsing)] : []),
    ].join('\n\n'),
  );
  return reports;
}
