import { SkillproofError } from '@skillproof/core';

/** Options for {@link requestJson}. */
export interface RequestJsonOptions {
  method?: 'GET' | 'POST';
  body?: unknown;
  token?: string;
  /** Give up after this many milliseconds. Default 15000. */
  timeoutMs?: number;
}

/** A fetch function; tests and scripts may pass their own. */
export type FetchLike = typeof fetch;

/**
 * Calls a Skillproof service and returns its JSON. A network failure or an error answer becomes
 * one clear `SkillproofError` that names the service and its own error message.
 */
export async function requestJson<T>(
  fetcher: FetchLike,
  url: string,
  options: RequestJsonOptions = {},
): Promise<T> {
  let response: Response;
  try {
    response = await fetcher(url, {
      method: options.method ?? (options.body === undefined ? 'GET' : 'POST'),
      headers: {
        accept: 'application/json',
        ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      },
      ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
      signal: AbortSignal.timeout(options.timeoutMs ?? 15_000),
    });
  } catch (error) {
    const reason =
      error instanceof Error && error.name === 'TimeoutError' ? 'timed out' : 'is unreachable';
    throw new SkillproofError(
      'UPSTREAM_FAILED',
      `${new URL(url).origin} ${reason}; is the service running?`,
    );
  }
  const text = await response.text();
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
    throw new SkillproofError(
      'UPSTREAM_FAILED',
      `${new URL(url).origin} refused: ${error?.message ?? `HTTP ${response.status}`}${error?.code ? ` (${error.code})` : ''}`,
      { status: response.status, body },
    );
  }
  return body as T;
}
