/**
 * Resolves once `url` answers HTTP 200, asking every 100 ms; rejects after `timeoutMs`, or as
 * soon as `gaveUp()` says waiting is pointless (the service's process has exited).
 *
 * @example
 * ```ts
 * await waitForService('http://127.0.0.1:4100/issuer', { timeoutMs: 30_000, gaveUp: () => false });
 * ```
 */
export async function waitForService(
  url: string,
  options: { timeoutMs: number; gaveUp: () => boolean },
): Promise<void> {
  const deadline = Date.now() + options.timeoutMs;
  for (;;) {
    if (options.gaveUp()) throw new Error(`${url}: the service stopped before it answered`);
    try {
      const response = await fetch(url);
      await response.body?.cancel();
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) throw new Error(`${url}: no answer within ${options.timeoutMs} ms`);
    await new Promise((done) => setTimeout(done, 100));
  }
}
