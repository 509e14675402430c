import { paint, printable, renderTable } from '../terminal/output.js';
import { WalletStore, type StoredApplication } from '../wallet/wallet-store.js';
import { printResult, type CommandContext } from './command-context.js';

/**
 * `skillproof applications`: the jobs applied to from this wallet, the board's decision and the
 * badges shared with each, as recorded here when applying.
 *
 * @example
 * ```ts
 * const applications = await applicationsCommand(context);
 * ```
 */
export async function applicationsCommand(context: CommandContext): Promise<StoredApplication[]> {
  const store = WalletStore.open(context.home);
  const applications = [...store.applications];
  const names = new Map(store.credentials.map((entry) => [entry.id, entry.name ?? entry.id]));
  printResult(context, { applications }, () =>
    applications.length === 0
      ? 'No applications yet. Find jobs you qualify for with: skillproof jobs <board URL>'
      : renderTable(
          context.output,
          ['APPLIED', 'POSTING', 'DECISION', 'SHARED', 'WHY NOT', 'URL'],
          applications.map((application) => [
            application.appliedAt.slice(0, 16).replace('T', ' '),
            printable(application.postingTitle),
            application.qualified
              ? paint(context.output, 'green', 'qualified')
              : paint(context.output, 'red', 'not qualified'),
            application.sharedCredentials.map((id) => printable(names.get(id) ?? id)).join(', '),
            printable(
              application.requirements
                .filter((requirement) => !requirement.met)
                .map((requirement) => requirement.reason)
                .join('; '),
            ),
            application.postingUrl,
          ]),
        ),
  );
  return applications;
}
