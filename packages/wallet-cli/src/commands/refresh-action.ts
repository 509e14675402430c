import { paint, printable, progressBar, renderTable } from '../terminal/output.js';
import {
  checkStoredCredential,
  statusFromVerification,
} from '../wallet/check-stored-credential.js';
import { exitCodes, ExitError } from '../usage-error.js';
import { WalletStore, type CredentialStatusRecord } from '../wallet/wallet-store.js';
import { printResult, type CommandContext } from './command-context.js';
import { paintStatus } from './list-action.js';
import { exitCodeForStandings } from './standing-exit-code.js';

/** One badge's fresh status. */
export interface RefreshedBadge extends CredentialStatusRecord {
  id: string;
  badge: string | null;
  /** The state recorded before this check (null when never checked). */
  previous: CredentialStatusRecord['state'] | null;
}

// Status lists are shared by many badges and cached by one resolver, so a few checks at a
// time suffice; more would only queue on the same list fetch.
const concurrency = 8;

/**
 * `skillproof refresh`: verifies every badge again through the verifier library (signature,
 * dates, revocation and suspension from the issuers' status lists, fetched once per list),
 * records each status, and shows what changed. An unreachable status list gives `unknown`.
 *
 * @throws ExitError after printing every badge, with exit code 3 when the wallet now records
 * any badge as not valid (revoked, suspended, expired, invalid; a revocation stays one when its
 * list is unreachable), else 4 when any badge's status could not be checked.
 * @example
 * ```ts
 * const badges = await refreshCommand(context);
 * ```
 */
export async function refreshCommand(context: CommandContext): Promise<RefreshedBadge[]> {
  const store = WalletStore.open(context.home);
  const { createStatusListResolver } = await import('@skillproof/verifier');
  const statusLists = createStatusListResolver();
  const entries = [...store.credentials];
  const statuses = new Map<string, CredentialStatusRecord>();
  const bar = progressBar(context.output, 'checking badges', entries.length);
  let next = 0;
  const worker = async () => {
    while (next < entries.length) {
      const entry = entries[next++];
      if (!entry) break;
      const verification = await checkStoredCredential(store, entry, {
        now: context.now,
        statusLists,
      });
      statuses.set(entry.id, statusFromVerification(verification, context.now()));
      bar.tick();
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, entries.length) }, worker));
  bar.done();
  if (statuses.size > 0) store.saveStatuses(statuses);
  const badges = entries.map((entry): RefreshedBadge => {
    const status = statuses.get(entry.id) as CredentialStatusRecord;
    return { id: entry.id, badge: entry.name, previous: entry.status?.state ?? null, ...status };
  });
  printResult(context, { credentials: badges }, () =>
    badges.length === 0
      ? 'No badges to check.'
      : renderTable(
          context.output,
          ['BADGE', 'STATUS', 'CHANGED', 'WHY', 'ID'],
          badges.map((badge) => [
            printable(badge.badge ?? '(unnamed)'),
            paintStatus(context.output, badge.state),
            badge.previous !== null && badge.previous !== badge.state
              ? paint(context.output, 'yellow', `was ${badge.previous}`)
              : '',
            printable(badge.message ?? ''),
            printable(badge.id),
          ]),
        ),
  );
  const exitCode = exitCodeForStandings(
    store.credentials.flatMap((entry) =>
      statuses.has(entry.id) && entry.status ? [entry.status.state] : [],
    ),
  );
  if (exitCode !== exitCodes.ok) throw new ExitError(exitCode);
  return badges;
}
