import { describe, expect, it } from '@jest/globals';
import {
  lapsingBadges,
  practiceRetention,
  practiceStreaks,
  type PracticeRating,
  type PracticeReview,
  type StoredCredential,
} from '@skillproof/wallet-cli';

function review(reviewedAt: string, rating: PracticeRating = 'good', badge = 'git-basics') {
  return {
    issuerUrl: 'http://127.0.0.1:4100',
    badge,
    item: 'p1',
    reviewedAt,
    correct: rating !== 'again',
    rating,
    nextDue: reviewedAt,
  } satisfies PracticeReview;
}

describe('practice streaks (UTC days)', () => {
  it('counts two minutes across midnight as two days in a row', () => {
    const reviews = [review('2026-11-25T23:59:00Z'), review('2026-11-26T00:01:00Z')];
    expect(practiceStreaks(reviews, new Date('2026-11-26T00:02:00Z'))).toEqual({
      current: 2,
      longest: 2,
      lastDay: '2026-11-26',
    });
  });

  it('keeps the current streak through a day not practised yet, and breaks it after a whole day', () => {
    const reviews = ['2026-11-20', '2026-11-21', '2026-11-22', '2026-11-24', '2026-11-25'].map(
      (day) => review(`${day}T08:00:00Z`),
    );
    // Several reviews on one day count once.
    reviews.push(review('2026-11-25T21:00:00Z', 'again'));
    expect(practiceStreaks(reviews, new Date('2026-11-26T23:59:59Z'))).toMatchObject({
      current: 2,
      longest: 3,
    });
    expect(practiceStreaks(reviews, new Date('2026-11-27T00:00:00Z'))).toMatchObject({
      current: 0,
      longest: 3,
    });
    expect(practiceStreaks([], new Date('2026-11-27T00:00:00Z'))).toEqual({
      current: 0,
      longest: 0,
      lastDay: null,
    });
  });

  it('ignores reviews dated after now', () => {
    expect(
      practiceStreaks([review('2026-12-01T00:00:00Z')], new Date('2026-11-26T12:00:00Z')),
    ).toMatchObject({ current: 0, longest: 0 });
  });
});

describe('practice retention', () => {
  it('is the share rated Good or Easy over the last 30 days, per badge', () => {
    const now = new Date('2026-11-26T12:00:00Z');
    const reviews = [
      review('2026-10-27T11:59:59Z', 'again'), // 30 days and a second ago: outside
      review('2026-10-27T12:00:00Z', 'good'), // exactly 30 days ago: inside
      review('2026-11-20T12:00:00Z', 'hard'),
      review('2026-11-25T12:00:00Z', 'easy'),
      review('2026-11-26T12:00:00Z', 'again'),
      review('2026-11-26T12:00:00Z', 'good', 'sql-basics'),
    ];
    expect(practiceRetention(reviews, now)).toEqual([
      {
        issuer: 'http://127.0.0.1:4100',
        badge: 'git-basics',
        reviews: 4,
        recalled: 2,
        retention: 0.5,
      },
      {
        issuer: 'http://127.0.0.1:4100',
        badge: 'sql-basics',
        reviews: 1,
        recalled: 1,
        retention: 1,
      },
    ]);
  });
});

describe('badges close to lapsing', () => {
  const held = (expiresAt: string | null, state?: 'revoked') =>
    ({
      id: `urn:uuid:${expiresAt}`,
      name: 'Git Basics',
      issuerName: 'Academy',
      expiresAt,
      status: state ? { state, checkedAt: '2026-11-26T00:00:00Z', message: null } : null,
    }) as unknown as StoredCredential;

  it('names those ending within 30 days, soonest first, but not expired, revoked or lasting ones', () => {
    const now = new Date('2026-11-26T12:00:00Z');
    const lapsing = lapsingBadges(
      [
        held('2026-12-26T12:00:00.000Z'), // exactly 30 days: reminded
        held('2026-12-26T12:00:01.000Z'), // a second more: not yet
        held('2026-11-27T11:00:00.000Z'),
        held('2026-11-26T12:00:00.000Z'), // ends now: lapsed
        held('2026-12-01T00:00:00.000Z', 'revoked'),
        held(null),
      ],
      now,
    );
    expect(lapsing.map((badge) => [badge.expiresAt, badge.daysLeft])).toEqual([
      ['2026-11-27T11:00:00.000Z', 0],
      ['2026-12-26T12:00:00.000Z', 30],
    ]);
  });

  it('leaves out a badge renewed already, and names the command that renews one', () => {
    const now = new Date('2026-11-26T12:00:00Z');
    const git = (id: string, expiresAt: string) =>
      ({
        id,
        name: 'Git Basics',
        issuerName: 'Academy',
        issuerDid: 'did:key:z6MkAcademy',
        achievementId: 'https://academy.example/achievements/git-basics',
        expiresAt,
        status: null,
      }) as unknown as StoredCredential;
    const earlier = git('urn:uuid:earlier', '2026-12-10T12:00:00.000Z');
    expect(lapsingBadges([earlier], now)).toEqual([
      expect.objectContaining({ id: 'urn:uuid:earlier', renewWith: 'skillproof renew git-basics' }),
    ]);
    expect(
      lapsingBadges([earlier, git('urn:uuid:renewed', '2028-11-26T12:00:00.000Z')], now),
    ).toEqual([]);
  });
});
