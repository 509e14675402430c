import { isSkillproofError, readBoundedBytes, SkillproofError } from '@skillproof/core';
import { formatSize } from '../terminal/format-size.js';

/** A fetch function; tests and scripts may pass their own. */
export type FetchLike = typeof fetch;

/** Limits of {@link fetchBounded}. */
export interface FetchBoundedOptions {
  /** Give up after this many milliseconds (the answer's body included). */
  timeoutMs: number;
  /** The largest body read; a larger one is refused, not buffered. */
  maxBytes: number;
}

/** An answer read whole as bytes (a binary answer: C2SP entry bundles). */
export interface BoundedBinaryAnswer {
  response: Response;
  bytes: Uint8Array;
}

/** An answer read whole, within the limits. */
export interface BoundedAnswer {
  response: Response;
  text: string;
}

/**
 * The one way the wallet fetches from a service: with a deadline over the whole exchange, a
 * bounded body (`readBoundedText`), and no redirects followed (a service can't move the wallet
 * to a host it did not choose). Every failure is one `SkillproofError` `UPSTREAM_FAILED` that
 * names the service's origin.
 *
 * @example
 * ```ts
 * const { response, text } = await fetchBounded(fetch, url, { method: 'GET' }, { timeoutMs: 15_000, maxBytes: 1 << 20 });
 * ```
 */
export async function fetchBounded(
  fetcher: FetchLike,
  url: string,
  init: RequestInit,
  options: FetchBoundedOptions,
): Promise<BoundedAnswer> {
  const { response, bytes } = await fetchBoundedBytes(fetcher, url, init, options);
  return { response, text: new TextDecoder().decode(bytes) };
}

/**
 * {@link fetchBounded} for a binary answer: the body as bytes, within the same limits.
 *
 * @example
 * ```ts
 * const { bytes } = await fetchBoundedBytes(fetch, tileUrl, {}, { timeoutMs: 15_000, maxBytes: 1 << 24 });
 * ```
 */
export async function fetchBoundedBytes(
  fetcher: FetchLike,
  url: string,
  init: RequestInit,
  options: FetchBoundedOptions,
): Promise<BoundedBinaryAnswer> {
  const { origin } = new URL(url);
  const deadline = AbortSignal.timeout(options.timeoutMs);
  let response: Response;
  try {
    response = await fetcher(url, { ...init, redirect: 'manual', signal: deadline });
  } catch (error) {
    const reason =
      error instanceof Error && error.name === 'TimeoutError' ? 'timed out' : 'is unreachable';
    throw new SkillproofError('UPSTREAM_FAILED', `${origin} ${reason}; is the service running?`);
  }
  if (response.status >= 300 && response.status < 400) {
    await response.body?.cancel();
    throw new SkillproofError(
      'UPSTREAM_FAILED',
      `${origin} answered with a redirect (${response.status}); redirects are not followed`,
    );
  }
  try {
    const bytes = await readBoundedBytes(response, {
      maxBytes: options.maxBytes,
      tooLarge: () =>
        new SkillproofError(
          'UPSTREAM_FAILED',
          `${origin} answered with more than ${formatSize(options.maxBytes)}; the answer was refused`,
        ),
    });
    return { response, bytes };
  } catch (error) {
    if (isSkillproofError(error)) throw error;
    const timedOut = deadline.aborted;
    throw new SkillproofError(
      'UPSTREAM_FAILED',
      timedOut ? `${origin} timed out` : `${origin} broke off its answer; try again`,
    );
  }
}
