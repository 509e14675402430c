import { isSkillproofError, SkillproofError } from '@skillproof/core';
import { printable } from '../terminal/output.js';
import { fetchBounded, type FetchLike } from './fetch-bounded.js';

export type { FetchLike };

/** Options for {@link requestJson}. */
export interface RequestJsonOptions {
  method?: 'GET' | 'POST';
  body?: unknown;
  token?: string;
  /** Give up after this many milliseconds. Default 15000. */
  timeoutMs?: number;
}

/**
 * Calls a Skillproof service and returns its JSON, through {@link fetchBounded} (deadline, size
 * bound, no redirects). A network failure or an error answer becomes one clear
 * `SkillproofError` that names the service and its own error message.
 *
 * @example
 * ```ts
 * const catalog = await requestJson<Catalog>(fetch, 'http://localhost:4100/catalog');
 * ```
 */
export async function requestJson<T>(
  fetcher: FetchLike,
  url: string,
  options: RequestJsonOptions = {},
): Promise<T> {
  const { response, text } = await fetchBounded(
    fetcher,
    url,
    {
      method: options.method ?? (options.body === undefined ? 'GET' : 'POST'),
      headers: {
        accept: 'application/json',
        ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      },
      ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
    },
    { timeoutMs: options.timeoutMs ?? 15_000, maxBytes: maxResponseBytes },
  );
  let body: unknown;
  try {
    body = text.length > 0 ? JSON.parse(text) : undefined;
  } catch {
    throw new SkillproofError(
      'UPSTREAM_FAILED',
      `${url} answered ${response.status} with something that is not JSON`,
    );
  }
  if (!response.ok) {
    const error = (body as { error?: { code?: string; message?: string } } | undefined)?.error;
    // Absent is not "retry at once" (Number(null) is 0).
    const retryAfterHeader = response.headers.get('retry-after')?.trim() ?? '';
    const retryAfter = /^\d+$/.test(retryAfterHeader) ? Number(retryAfterHeader) : Number.NaN;
    const details: UpstreamErrorDetails = {
      status: response.status,
      message: printable(error?.message ?? `HTTP ${response.status}`),
      ...(typeof error?.code === 'string' ? { code: error.code } : {}),
      ...(Number.isFinite(retryAfter) && retryAfter >= 0 ? { retryAfterSeconds: retryAfter } : {}),
    };
    throw new SkillproofError(
      'UPSTREAM_FAILED',
      `${new URL(url).origin} refused: ${printable(error?.message ?? `HTTP ${response.status}`)}${error?.code ? ` (${printable(error.code)})` : ''}`,
      details,
    );
  }
  return body as T;
}

/** Far above any catalogue or posting list; a service sending more is refused, not buffered. */
const maxResponseBytes = 4 * 1024 * 1024;

/** What a service's error answer said, kept on the `SkillproofError` as `details`. */
export interface UpstreamErrorDetails {
  status: number;
  /** The service's own message. */
  message: string;
  code?: string;
  /** From `Retry-After` (seconds), on a 429 or 503. */
  retryAfterSeconds?: number;
}

/**
 * The details of an error answer, when `error` is one.
 *
 * @example
 * ```ts
 * upstreamErrorDetails(error)?.retryAfterSeconds; // 300
 * ```
 */
export function upstreamErrorDetails(error: unknown): UpstreamErrorDetails | undefined {
  if (!isSkillproofError(error) || error.code !== 'UPSTREAM_FAILED') return undefined;
  const details = error.details as Partial<UpstreamErrorDetails> | undefined;
  return typeof details?.status === 'number' ? (details as UpstreamErrorDetails) : undefined;
}
