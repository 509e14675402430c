import { describe, expect, it } from '@jest/globals';
import { isSkillproofError } from '@skillproof/core';
import { createRateLimiter } from '@skillproof/server/http';

function refusal(action: () => void): { code: string; retryAfterSeconds: unknown } | undefined {
  try {
    action();
    return undefined;
  } catch (error) {
    if (!isSkillproofError(error)) throw error;
    return {
      code: error.code,
      retryAfterSeconds: (error.details as { retryAfterSeconds?: unknown }).retryAfterSeconds,
    };
  }
}

describe('createRateLimiter', () => {
  it('allows `limit` hits per key and window, then refuses with the seconds left', () => {
    let clock = 1_000_000;
    const limiter = createRateLimiter({ limit: 3, windowMs: 60_000, now: () => clock });
    for (let i = 0; i < 3; i += 1) limiter.hit('a', 'tries');
    clock += 20_500;
    expect(refusal(() => limiter.hit('a', 'tries'))).toEqual({
      code: 'RATE_LIMITED',
      retryAfterSeconds: 40,
    });
    // Another key has its own window.
    expect(refusal(() => limiter.hit('b', 'tries'))).toBeUndefined();
  });

  it('opens a new window once the old one has passed', () => {
    let clock = 0;
    const limiter = createRateLimiter({ limit: 1, windowMs: 1000, now: () => clock });
    limiter.hit('a', 'tries');
    expect(refusal(() => limiter.hit('a', 'tries'))?.code).toBe('RATE_LIMITED');
    clock = 1000;
    expect(refusal(() => limiter.hit('a', 'tries'))).toBeUndefined();
  });

  it('keeps at most maxKeys windows, dropping the oldest', () => {
    const clock = 0;
    const limiter = createRateLimiter({ limit: 1, windowMs: 1000, now: () => clock, maxKeys: 2 });
    limiter.hit('a', 'tries');
    limiter.hit('b', 'tries');
    limiter.hit('c', 'tries'); // drops a's window
    expect(refusal(() => limiter.hit('a', 'tries'))).toBeUndefined();
    expect(refusal(() => limiter.hit('c', 'tries'))?.code).toBe('RATE_LIMITED');
  });

  it('refuses nonsense options', () => {
    expect(() => createRateLimiter({ limit: 0, windowMs: 1000 })).toThrow(TypeError);
    expect(() => createRateLimiter({ limit: 1, windowMs: 0 })).toThrow(TypeError);
  });
});
