import { describe, expect, it } from '@jest/globals';
import { badgeStanding, findBadge, loadDefaultCatalog, type Badge } from '../../src/index.js';
import { attemptRecord } from '../fixtures/attempt-record.js';

const base = findBadge(loadDefaultCatalog(), 'git-basics');
const badge: Badge = { ...base, maxAttempts: 3, cooldownSeconds: 600 };
const now = new Date('2030-01-01T12:00:00.000Z');

const failedAt = (attemptNumber: number, gradedAt: string, score = 50) =>
  attemptRecord(attemptNumber, { createdAt: gradedAt, gradedAt, score, passed: false });

describe('badgeStanding', () => {
  it('lets a newcomer start at once', () => {
    expect(badgeStanding(badge, [], false, now)).toEqual({
      attempts: 0,
      attemptsLeft: 3,
      bestScore: null,
      nextAttemptAt: null,
    });
  });

  it('runs the cooldown from the grading of a failed attempt', () => {
    const history = [failedAt(1, '2030-01-01T11:55:00.000Z', 25)];
    expect(badgeStanding(badge, history, false, now)).toEqual({
      attempts: 1,
      attemptsLeft: 2,
      bestScore: 25,
      nextAttemptAt: '2030-01-01T12:05:00.000Z',
    });
    // At the very end of the cooldown the next attempt may start.
    expect(
      badgeStanding(badge, history, false, new Date('2030-01-01T12:05:00.000Z')).nextAttemptAt,
    ).toBeNull();
  });

  it('runs the cooldown from the start of an attempt never graded', () => {
    const history = [attemptRecord(1, { createdAt: '2030-01-01T11:58:00.000Z' })];
    expect(badgeStanding(badge, history, false, now).nextAttemptAt).toBe(
      '2030-01-01T12:08:00.000Z',
    );
  });

  it('keeps the best score and looks only at the latest attempt for the cooldown', () => {
    const history = [
      failedAt(2, '2030-01-01T11:00:00.000Z', 75),
      failedAt(1, '2030-01-01T10:00:00.000Z', 50),
    ];
    expect(badgeStanding(badge, history, false, now)).toMatchObject({
      bestScore: 75,
      attemptsLeft: 1,
      nextAttemptAt: null,
    });
  });

  it('has no next attempt once all are used', () => {
    const history = [1, 2, 3].map((n) => failedAt(n, '2030-01-01T11:59:00.000Z'));
    expect(badgeStanding(badge, history, false, now)).toMatchObject({
      attempts: 3,
      attemptsLeft: 0,
      nextAttemptAt: null,
    });
  });

  it('never holds back a learner who holds the badge', () => {
    const history = [
      attemptRecord(1, {
        createdAt: '2030-01-01T11:00:00.000Z',
        gradedAt: '2030-01-01T11:01:00.000Z',
        score: 100,
        passed: true,
      }),
      failedAt(2, '2030-01-01T11:59:00.000Z', 0),
    ];
    expect(badgeStanding(badge, history, true, now)).toEqual({
      attempts: 2,
      attemptsLeft: 1,
      bestScore: 100,
      nextAttemptAt: null,
    });
  });

  it('does not cool down after a pass', () => {
    const history = [
      attemptRecord(1, {
        createdAt: '2030-01-01T11:59:00.000Z',
        gradedAt: '2030-01-01T11:59:30.000Z',
        score: 100,
        passed: true,
      }),
    ];
    expect(badgeStanding(badge, history, false, now).nextAttemptAt).toBeNull();
  });
});
