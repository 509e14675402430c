import { SkillproofError } from '@skillproof/core';
import { printable } from '../terminal/output.js';
import { fetchBounded, type FetchLike } from './fetch-bounded.js';
import { isLoopbackHost } from './same-service.js';

/**
 * Checks that a URL someone else chose (an offer, an issuer's metadata) may be fetched: HTTPS,
 * or plain HTTP to this machine only (local development and tests), and no user name or
 * password in it.
 *
 * @throws SkillproofError `VALIDATION_FAILED` naming `what` and the URL; nothing is fetched.
 * @example
 * ```ts
 * checkSecureUrl('https://issuer.example/offers/1', 'the offer'); // URL
 * ```
 */
export function checkSecureUrl(text: string, what: string): URL {
  let url: URL | undefined;
  try {
    url = new URL(text);
  } catch {
    url = undefined;
  }
  const secure =
    url !== undefined &&
    url.username === '' &&
    url.password === '' &&
    (url.protocol === 'https:' || (url.protocol === 'http:' && isLoopbackHost(url.hostname)));
  if (!url || !secure) {
    throw new SkillproofError(
      'VALIDATION_FAILED',
      `${what} ${printable(text.slice(0, 200))} is not an https URL (plain http only to this machine); nothing was fetched`,
    );
  }
  return url;
}

/** Limits of {@link createSecureFetch}. */
export interface SecureFetchOptions {
  /** Per request, body included. Default 15,000 ms. */
  timeoutMs?: number;
  /** Largest answer read. Default 1 MiB: far above any offer, metadata or credential response. */
  maxBytes?: number;
}

/**
 * A `fetch` for a protocol library talking to services someone else chose: every URL passes
 * {@link checkSecureUrl} before any request, and every answer goes through `fetchBounded`
 * (deadline, size bound, no redirects) and is handed back as a new `Response` already read.
 *
 * @example
 * ```ts
 * const client = new Openid4vciClient({ callbacks: { fetch: createSecureFetch(fetch), … } });
 * ```
 */
export function createSecureFetch(fetcher: FetchLike, options: SecureFetchOptions = {}): FetchLike {
  const limits = { timeoutMs: options.timeoutMs ?? 15_000, maxBytes: options.maxBytes ?? 1 << 20 };
  return async (input, init) => {
    const address =
      typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    checkSecureUrl(address, 'the address');
    const { response, text } = await fetchBounded(fetcher, address, init ?? {}, limits);
    // A status that carries no body (204, 205) can't be constructed with one.
    const body = text === '' || [204, 205].includes(response.status) ? null : text;
    return new Response(body, {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
  };
}
