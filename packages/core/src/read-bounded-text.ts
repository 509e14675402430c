/** Options of {@link readBoundedText}. */
export interface ReadBoundedTextOptions {
  /** The most bytes read; a body that declares or sends more is refused. */
  maxBytes: number;
  /** The error thrown when the body is too large; it names what was being read. */
  tooLarge: () => Error;
}

/**
 * Reads a `fetch` response body as UTF-8 text, never buffering more than `maxBytes`: a
 * `Content-Length` above the bound is refused before reading, and the bytes that actually arrive
 * are counted too (the header may be absent or wrong). The one bounded reader for every answer a
 * Skillproof process fetches (status lists, issuer catalogues, a service's JSON).
 *
 * @throws the error `tooLarge()` returns, after cancelling the body.
 * @example
 * ```ts
 * const text = await readBoundedText(response, {
 *   maxBytes: 1024 * 1024,
 *   tooLarge: () => new Error('the status list is larger than 1 MiB'),
 * });
 * ```
 */
export async function readBoundedText(
  response: Response,
  options: ReadBoundedTextOptions,
): Promise<string> {
  return new TextDecoder().decode(await readBoundedBytes(response, options));
}

/**
 * Reads a `fetch` response body as bytes within the bounds of {@link readBoundedText}, for
 * binary answers (C2SP tlog-tiles entry bundles).
 *
 * @throws the error `tooLarge()` returns, after cancelling the body.
 * @example
 * ```ts
 * const bundle = await readBoundedBytes(response, { maxBytes: 1 << 24, tooLarge });
 * ```
 */
export async function readBoundedBytes(
  response: Response,
  options: ReadBoundedTextOptions,
): Promise<Uint8Array> {
  const { maxBytes } = options;
  if (Number(response.headers.get('content-length') ?? 0) > maxBytes) {
    await response.body?.cancel();
    throw options.tooLarge();
  }
  if (!response.body) return new Uint8Array(0);
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw options.tooLarge();
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}
