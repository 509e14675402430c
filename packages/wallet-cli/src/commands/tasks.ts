import type { IssuerProfile } from '@skillproof/core';
import { requestJson } from '../net/request-json.js';
import { renderTable, withProgress } from '../terminal/output.js';
import { issuerUrlOf, printResult, type CommandContext } from './command-context.js';

/** A badge as the issuer's catalogue lists it. */
export interface CatalogBadge {
  id: string;
  achievementId: string;
  name: string;
  description: string;
  passRule: { minScore: number };
  tasks: Array<{
    id: string;
    kind: string;
    prompt: string;
    choices?: Array<{ id: string; text: string }>;
  }>;
}

/** The issuer's catalogue. */
export interface Catalog {
  issuer: IssuerProfile;
  badges: CatalogBadge[];
}

/** Fetches an issuer's catalogue. */
export async function fetchCatalog(context: CommandContext, issuerUrl: string): Promise<Catalog> {
  return withProgress(context.output, `fetching the catalogue of ${issuerUrl}`, () =>
    requestJson<Catalog>(context.fetch, `${issuerUrl}/catalog`),
  );
}

/** `skillproof tasks [--issuer URL]`: the badges an issuer offers and their micro-tests. */
export async function tasksCommand(
  context: CommandContext,
  options: { issuer?: string },
): Promise<Catalog> {
  const issuerUrl = issuerUrlOf(context, options.issuer);
  const catalog = await fetchCatalog(context, issuerUrl);
  printResult(context, catalog, () =>
    [
      `${catalog.issuer.name} (${catalog.issuer.id})`,
      renderTable(
        context.output,
        ['BADGE', 'NAME', 'TASKS', 'PASS'],
        catalog.badges.map((badge) => [
          badge.id,
          badge.name,
          String(badge.tasks.length),
          `${badge.passRule.minScore}%`,
        ]),
      ),
      '',
      'Earn one with: skillproof attempt <badge>',
    ].join('\n'),
  );
  return catalog;
}
