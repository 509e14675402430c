import { readBoundedText } from '@skillproof/core';
/**
 * Fetches a status list credential and returns the response body as text; throws (with a
 * message a person can act on) when it can't. The resolver turns a throw into
 * `STATUS_UNAVAILABLE`: verification fails closed.
 */
export type StatusListFetcher = (url: string) => Promise<string>;

/** Options for {@link createHttpStatusListFetcher}. */
export interface HttpStatusListFetcherOptions {
  /** Gives up after this long, body included. Default 5,000 ms. */
  timeoutMs?: number;
  /** Largest response body read. Default 1 MiB. */
  maxBytes?: number;
  /** Allows plain HTTP to any host, not only loopback. Default false. */
  allowInsecureHttp?: boolean;
}

const loopbackHosts = new Set(['localhost', '[::1]']);

function isLoopback(hostname: string): boolean {
  return loopbackHosts.has(hostname) || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname);
}

/**
 * The default {@link StatusListFetcher}: `fetch` with a timeout and a size bound, HTTPS, or
 * plain HTTP on loopback (local development and tests); redirects are refused, so a list can't
 * be moved to a host the rules above would not allow.
 *
 * @example
 * ```ts
 * const statusLists = createStatusListResolver({ fetch: createHttpStatusListFetcher({ timeoutMs: 2000 }) });
 * ```
 */
export function createHttpStatusListFetcher(
  options: HttpStatusListFetcherOptions = {},
): StatusListFetcher {
  const timeoutMs = options.timeoutMs ?? 5_000;
  const maxBytes = options.maxBytes ?? 1024 * 1024;
  return async (address) => {
    const url = new URL(address);
    const insecure = url.protocol === 'http:';
    if (url.protocol !== 'https:' && !insecure) {
      throw new Error(`${url.protocol} status list URLs are not fetched`);
    }
    if (insecure && !options.allowInsecureHttp && !isLoopback(url.hostname)) {
      throw new Error('plain HTTP status lists are fetched only from loopback; use HTTPS');
    }
    let response: Response;
    try {
      response = await fetch(url, {
        redirect: 'manual',
        signal: AbortSignal.timeout(timeoutMs),
        headers: { accept: 'application/vc+jwt, application/json;q=0.9, */*;q=0.1' },
      });
    } catch (error) {
      const timedOut = (error as { name?: string }).name === 'TimeoutError';
      throw new Error(
        timedOut ? `no answer within ${timeoutMs} ms` : 'the host could not be reached',
        {
          cause: error,
        },
      );
    }
    if (response.status !== 200) {
      await response.body?.cancel();
      throw new Error(`the server answered ${response.status}`);
    }
    try {
      return await readBoundedText(response, {
        maxBytes,
        tooLarge: () => new Error(`the status list is larger than ${maxBytes} bytes`),
      });
    } catch (error) {
      const timedOut = (error as { name?: string }).name === 'TimeoutError';
      if (timedOut) throw new Error(`no answer within ${timeoutMs} ms`, { cause: error });
      throw error;
    }
  };
}
