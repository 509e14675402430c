import { isSkillproofError } from '@skillproof/core';
import { passMark, type Catalog } from '../net/issuer-client.js';
import { paint, printable, renderTable } from '../terminal/output.js';
import { exitCodes, ExitError } from '../usage-error.js';
import { lapsingBadges } from '../wallet/lapsing-badges.js';
import { WalletStore } from '../wallet/wallet-store.js';
import { printResult, type CommandContext } from './command-context.js';
import { renderLapsingBadges } from './render-lapsing-badges.js';
import { fetchCatalogs, type IssuerCatalog } from './fetch-catalogs.js';
import { issuerUrlsFor } from './issuer-urls.js';

/** Options of `skillproof tasks`. */
export interface TasksOptions {
  issuer?: string;
}

/** The wallet, when there is one: browsing catalogues needs none. */
function openWalletIfAny(context: CommandContext): WalletStore | undefined {
  try {
    return WalletStore.open(context.home);
  } catch (error) {
    if (isSkillproofError(error) && error.code === 'NOT_FOUND') return undefined;
    throw error;
  }
}

/**
 * `skillproof tasks [--issuer URL]`: the badges each issuer offers, their micro-tests and pass
 * marks, which of them this wallet holds already, and a reminder for each held badge within 30
 * days of lapsing (`lapsing` in `--json`).
 *
 * @throws ExitError after printing what answered, with exit code 4 when an issuer could not be
 * reached (the list is partial; `--json` names the issuers in `unreachable`).
 * @example
 * ```ts
 * const [catalog] = await tasksCommand(context, { issuer: 'http://localhost:4100' });
 * ```
 */
export async function tasksCommand(
  context: CommandContext,
  options: TasksOptions,
): Promise<IssuerCatalog[]> {
  const store = openWalletIfAny(context);
  const urls = issuerUrlsFor(context, store, options.issuer);
  const { catalogs, unreachable } = await fetchCatalogs(context, urls);
  const held = new Set(store?.credentials.map((entry) => entry.achievementId) ?? []);
  const lapsing = store ? lapsingBadges(store.credentials, context.now()) : [];
  const kinds = (tasks: Catalog['badges'][number]['tasks']) => {
    const counts = new Map<string, number>();
    for (const task of tasks) counts.set(task.kind, (counts.get(task.kind) ?? 0) + 1);
    return [...counts].map(([kind, count]) => `${count} ${kind}`).join(', ');
  };
  printResult(
    context,
    { catalogs, unreachable, lapsing },
    () =>
      catalogs
        .map((catalog) =>
          [
            `${paint(context.output, 'bold', printable(catalog.issuer.name))} (${printable(catalog.issuer.id)}) at ${catalog.url}`,
            renderTable(
              context.output,
              ['BADGE', 'NAME', 'TASKS', 'PASS', 'TRIES', 'HELD'],
              catalog.badges.map((badge) => [
                printable(badge.id),
                printable(badge.name),
                kinds(badge.tasks),
                passMark(badge.passRule),
                badge.maxAttempts === undefined ? '' : String(badge.maxAttempts),
                held.has(badge.achievementId) ? paint(context.output, 'green', 'yes') : '',
              ]),
            ),
          ].join('\n'),
        )
        .join('\n\n') +
      (lapsing.length > 0 ? `\n\n${renderLapsingBadges(context, lapsing)}` : '') +
      '\n\nEarn one with: skillproof attempt <badge>',
  );
  if (unreachable.length > 0) throw new ExitError(exitCodes.statusUnknown);
  return catalogs;
}
