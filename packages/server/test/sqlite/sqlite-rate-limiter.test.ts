import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from '@jest/globals';
import { isSkillproofError } from '@skillproof/core';
import { createSqliteRateLimiter, openDatabase } from '@skillproof/server/sqlite';
import { createTestClock } from '@skillproof/testing';

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

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('createSqliteRateLimiter', () => {
  it('allows `limit` hits per key and window, then refuses with the seconds left', () => {
    const clock = createTestClock('2030-01-01T00:00:00Z');
    const db = openDatabase(':memory:');
    const limiter = createSqliteRateLimiter({
      db,
      name: 'sign-in',
      limit: 3,
      windowMs: 60_000,
      now: clock.now,
    });
    for (let i = 0; i < 3; i += 1)
      expect(refusal(() => limiter.hit('a', 'sign-ins'))).toBe(undefined);
    clock.advance(20_000);
    expect(refusal(() => limiter.hit('a', 'sign-ins'))).toEqual({
      code: 'RATE_LIMITED',
      retryAfterSeconds: 40,
    });
    // Another key and another limit count apart.
    expect(refusal(() => limiter.hit('b', 'sign-ins'))).toBe(undefined);
    const other = createSqliteRateLimiter({
      db,
      name: 'attempts',
      limit: 1,
      windowMs: 60_000,
      now: clock.now,
    });
    expect(refusal(() => other.hit('a', 'attempts'))).toBe(undefined);
  });

  it('starts a new window once the old one has ended, by the injected clock', () => {
    const clock = createTestClock('2030-01-01T00:00:00Z');
    const limiter = createSqliteRateLimiter({
      db: openDatabase(':memory:'),
      name: 'x',
      limit: 1,
      windowMs: 1000,
      now: clock.now,
    });
    limiter.hit('a', 'hits');
    expect(refusal(() => limiter.hit('a', 'hits'))?.code).toBe('RATE_LIMITED');
    clock.advance(999);
    expect(refusal(() => limiter.hit('a', 'hits'))?.code).toBe('RATE_LIMITED');
    clock.advance(1);
    expect(refusal(() => limiter.hit('a', 'hits'))).toBe(undefined);
  });

  it('shares one count among every connection to the database (several processes)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'skillproof-rate-'));
    dirs.push(dir);
    const clock = createTestClock('2030-01-01T00:00:00Z');
    const file = join(dir, 'service.db');
    const limiters = [openDatabase(file), openDatabase(file)].map((db) =>
      createSqliteRateLimiter({ db, name: 'sign-in', limit: 5, windowMs: 60_000, now: clock.now }),
    );
    let allowed = 0;
    for (let i = 0; i < 20; i += 1) {
      if (refusal(() => limiters[i % 2]!.hit('10.0.0.1', 'sign-ins')) === undefined) allowed += 1;
    }
    expect(allowed).toBe(5);
  });

  it('refuses a limit or window that is not a positive whole number', () => {
    const db = openDatabase(':memory:');
    const now = (): Date => new Date();
    expect(() => createSqliteRateLimiter({ db, name: 'x', limit: 0, windowMs: 1000, now })).toThrow(
      TypeError,
    );
    expect(() => createSqliteRateLimiter({ db, name: 'x', limit: 1, windowMs: 0, now })).toThrow(
      TypeError,
    );
  });
});
