import { fetchCatalog, type Catalog } from '../net/issuer-client.js';
import { paint, withProgress } from '../terminal/output.js';
import { note, type CommandContext } from './command-context.js';

/** An issuer's catalogue and the address it came from. */
export type IssuerCatalog = Catalog & { url: string };

/**
 * The catalogues of `urls`, in order. An issuer that can't be reached is skipped with a note, so
 * one issuer gone for good does not stop the learner using the others; when none answers, the
 * first failure is thrown.
 *
 * @throws SkillproofError `UPSTREAM_FAILED` when no issuer answered.
 * @example
 * ```ts
 * const catalogs = await fetchCatalogs(context, ['http://localhost:4100']);
 * ```
 */
export async function fetchCatalogs(
  context: CommandContext,
  urls: readonly string[],
): Promise<IssuerCatalog[]> {
  const catalogs: IssuerCatalog[] = [];
  const failures: unknown[] = [];
  for (const url of urls) {
    try {
      const catalog = await withProgress(context.output, `fetching the catalogue of ${url}`, () =>
        fetchCatalog(context.fetch, url),
      );
      catalogs.push({ url, ...catalog });
    } catch (error) {
      if (urls.length === 1) throw error;
      failures.push(error);
      const why = error instanceof Error ? error.message : String(error);
      note(context, paint(context.output, 'yellow', `skipped ${url}: ${why}`));
    }
  }
  if (catalogs.length === 0) throw failures[0];
  return catalogs;
}
