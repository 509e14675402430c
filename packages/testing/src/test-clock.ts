/** A clock a test moves by hand; `now` is what services take as their injected clock. */
export interface TestClock {
  /** The current time, a fresh `Date` each call. */
  now: () => Date;
  /** The current time in milliseconds since the epoch. */
  nowMs: () => number;
  /** Jumps to a time. */
  set(at: Date | string): void;
  /** Moves forward (or back, for a negative value) by `ms` milliseconds. */
  advance(ms: number): void;
}

/**
 * The one fake clock the tests share. It starts at `start` (default: the real time rounded down
 * to a whole second, so presentations with real `iat`s are fresh) and moves only when told.
 *
 * @example
 * ```ts
 * const clock = createTestClock('2030-01-15T10:00:00Z');
 * const app = createIssuerApp({ now: clock.now, … });
 * clock.advance(60_000); // one minute later
 * ```
 */
export function createTestClock(
  start: Date | string = new Date(Math.floor(Date.now() / 1000) * 1000),
): TestClock {
  let current = new Date(start).getTime();
  if (!Number.isFinite(current)) throw new TypeError(`not a time: ${String(start)}`);
  return {
    now: () => new Date(current),
    nowMs: () => current,
    set: (at) => {
      const next = new Date(at).getTime();
      if (!Number.isFinite(next)) throw new TypeError(`not a time: ${String(at)}`);
      current = next;
    },
    advance: (ms) => {
      current += ms;
    },
  };
}
