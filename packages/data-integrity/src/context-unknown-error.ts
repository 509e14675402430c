/**
 * Thrown by the pinned document loader for a URL it does not hold. Verification maps it to the
 * check code `CONTEXT_UNKNOWN`; it never reaches a caller of `checkDataIntegrityProof`.
 *
 * @example
 * ```ts
 * try {
 *   await documentLoader('https://example.com/context.json');
 * } catch (error) {
 *   if (error instanceof ContextUnknownError) console.log(error.url);
 * }
 * ```
 */
export class ContextUnknownError extends Error {
  readonly code = 'CONTEXT_UNKNOWN';

  constructor(readonly url: string) {
    super(`the JSON-LD context ${JSON.stringify(url.slice(0, 200))} is not one we pin`);
    this.name = 'ContextUnknownError';
  }
}
