import { fetchCatalog, type Catalog } from '../net/issuer-client.js';
import { paint, withProgress } from '../terminal/output.js';
import { note, type CommandContext } from './command-context.js';

/** An issuer's catalogue and the address it came from. */
export type IssuerCatalog = Catalog & { url: string };

/** An issuer whose catalogue could not be fetched, and why. */
export interface UnreachableIssuer {
  url: string;
  message: string;
}

/** The catalogues that answered, and the issuers that did not. */
export interface FetchedCatalogs {
  catalogs: IssuerCatalog[];
  unreachable: UnreachableIssuer[];
}

/**
 * The catalogues of `urls`, in order. An issuer that can't be reached is skipped with a note
 * (and listed in `unreachable`, so a command can say its result is partial), so one issuer gone
 * for good does not stop the learner using the others; when none answers, the first failure is
 * thrown.
 *
 * @throws SkillproofError `UPSTREAM_FAILED` when no issuer answered.
 * @example
 * ```ts
 * const { catalogs, unreachable } = await fetchCatalogs(context, ['http://localhost:4100']);
 * ```
 */
export async function fetchCatalogs(
  context: CommandContext,
  urls: readonly string[],
): Promise<FetchedCatalogs> {
  const catalogs: IssuerCatalog[] = [];
  const unreachable: UnreachableIssuer[] = [];
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
      const message = error instanceof Error ? error.message : String(error);
      unreachable.push({ url, message });
      note(context, paint(context.output, 'yellow', `skipped ${url}: ${message}`));
    }
  }
  if (catalogs.length === 0) throw failures[0];
  return { catalogs, unreachable };
}
