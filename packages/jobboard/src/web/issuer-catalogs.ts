import { readBoundedText } from '@skillproof/core';
import { z } from 'zod';

/** A skill a badge is aligned to (Open Badges 3.0 `Alignment`), as the form offers it. */
export interface CatalogSkill {
  targetName: string;
  targetUrl: string;
  targetFramework?: string;
}

/** A badge an employer can require, from the catalogue of an issuer the board trusts. */
export interface CatalogBadge {
  /** The issuer's slug for it. */
  id: string;
  achievementId: string;
  name: string;
  description: string;
  alignment: CatalogSkill[];
}

/** One configured issuer's catalogue, or why it could not be read. */
export type IssuerCatalog =
  | {
      url: string;
      available: true;
      issuer: { id: string; name: string };
      badges: CatalogBadge[];
    }
  | { url: string; available: false; problem: string };

/** Loads the catalogues of the issuers the board is configured with. */
export interface IssuerCatalogs {
  /** Every configured issuer's catalogue, in configuration order; never throws. */
  load(): Promise<IssuerCatalog[]>;
}

/** Options of {@link createIssuerCatalogs}. */
export interface IssuerCatalogsOptions {
  /** The issuers' base URLs (`GET <url>/catalog`); set by the operator, never by an employer. */
  issuerUrls: readonly string[];
  /** Default: the global `fetch`. */
  fetch?: typeof globalThis.fetch;
  /** Per request, body included. Default 3 s. */
  timeoutMs?: number;
  /** Largest catalogue read. Default 1 MB. */
  maxBytes?: number;
  /** How long a catalogue read is reused. Default 60 s. */
  ttlMs?: number;
  /** The clock, in milliseconds. Default `Date.now`. */
  now?: () => number;
}

const httpUrl = z.url({ protocol: /^https?$/ }).max(2048);

// Only what the form uses is read; the rest of contract A's PublicBadge is ignored. Bounds keep a
// misbehaving issuer from filling the page.
const catalogSchema = z.object({
  issuer: z.object({ id: z.string().startsWith('did:').max(200), name: z.string().max(200) }),
  badges: z
    .array(
      z.object({
        id: z.string().min(1).max(200),
        achievementId: httpUrl,
        name: z.string().min(1).max(200),
        description: z.string().max(2000).default(''),
        alignment: z
          .array(
            z.object({
              targetName: z.string().min(1).max(200),
              targetUrl: httpUrl,
              targetFramework: z.string().max(200).optional(),
            }),
          )
          .max(50)
          .default([]),
      }),
    )
    .max(500),
});

function problemOf(error: unknown): string {
  // By name, not instanceof: fetch's DOMException and its TypeError may come from another realm.
  const name = (error as { name?: unknown } | null)?.name;
  const message = (error as { message?: unknown } | null)?.message;
  if (name === 'TimeoutError' || name === 'AbortError') return 'it did not answer in time';
  if (error instanceof z.ZodError) return 'its catalogue is not in the expected shape';
  if (name === 'SyntaxError') return 'its catalogue is not JSON';
  return typeof message === 'string' && message.startsWith('the catalogue')
    ? message
    : 'it could not be reached';
}

/**
 * Reads `GET <issuer>/catalog` of each configured issuer, server-side, with a timeout, a size
 * bound and no redirects, and keeps each good answer for `ttlMs`. An issuer that fails is
 * reported as unavailable with a reason; the others still load.
 *
 * @example
 * ```ts
 * const catalogs = createIssuerCatalogs({ issuerUrls: ['https://academy.example'] });
 * for (const catalog of await catalogs.load()) if (catalog.available) console.log(catalog.badges);
 * ```
 */
export function createIssuerCatalogs(options: IssuerCatalogsOptions): IssuerCatalogs {
  const fetchCatalog = options.fetch ?? globalThis.fetch;
  const timeoutMs = options.timeoutMs ?? 3000;
  const maxBytes = options.maxBytes ?? 1_000_000;
  const ttlMs = options.ttlMs ?? 60_000;
  const now = options.now ?? Date.now;
  const cache = new Map<string, { at: number; catalog: Promise<IssuerCatalog> }>();

  async function loadOne(url: string): Promise<IssuerCatalog> {
    try {
      const response = await fetchCatalog(`${url.replace(/\/+$/, '')}/catalog`, {
        headers: { accept: 'application/json' },
        // A catalogue moves only by reconfiguring the board: following a redirect could take the
        // server somewhere the operator never named.
        redirect: 'error',
        signal: AbortSignal.timeout(timeoutMs),
      });
      if (!response.ok) {
        await response.body?.cancel();
        return { url, available: false, problem: `it answered ${response.status}` };
      }
      const catalog = catalogSchema.parse(
        JSON.parse(
          await readBoundedText(response, {
            maxBytes,
            tooLarge: () => new Error(`the catalogue is larger than ${maxBytes} bytes`),
          }),
        ),
      );
      return { url, available: true, issuer: catalog.issuer, badges: catalog.badges };
    } catch (error) {
      return { url, available: false, problem: problemOf(error) };
    }
  }

  return {
    load() {
      return Promise.all(
        options.issuerUrls.map(async (url) => {
          const cached = cache.get(url);
          if (cached && now() - cached.at < ttlMs) return cached.catalog;
          const catalog = loadOne(url);
          cache.set(url, { at: now(), catalog });
          const loaded = await catalog;
          // Only good answers are reused: an issuer that was down is asked again next time.
          if (!loaded.available && cache.get(url)?.catalog === catalog) cache.delete(url);
          return loaded;
        }),
      );
    },
  };
}
