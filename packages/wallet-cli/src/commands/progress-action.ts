import { signInToIssuer, type LearnerProgress } from '../net/issuer-client.js';
import { paint, printable, renderTable, withProgress } from '../terminal/output.js';
import { WalletStore } from '../wallet/wallet-store.js';
import { printResult, type CommandContext } from './command-context.js';
import { unlockLearnerKey } from './unlock-learner-key.js';
import { issuerUrlsFor } from './issuer-urls.js';

/**
 * `skillproof progress [--issuer URL]`: per badge, what the issuer has on record for this DID:
 * earned or not, attempts used and left, best score, when the next try opens. Signs in with
 * DID-auth, so it needs the passphrase.
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
  printResult(context, { progress: reports }, () =>
    reports
      .map((report) =>
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
      )
      .join('\n\n'),
  );
  return reports;
}
