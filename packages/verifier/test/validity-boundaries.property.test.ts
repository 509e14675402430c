import { describe, expect, it } from '@jest/globals';
import { jwtPayloadFromCredential, vcContextV1 } from '@skillproof/core';
import {
  verifyCredential,
  verifyPresentation,
  type VerificationPolicy,
} from '@skillproof/verifier';
import fc from 'fast-check';
import { badgeCredential, codesOf, makeIdentity, signPayload } from '@skillproof/testing';

// The validity dates of real signed credentials and presentations, at and around each boundary,
// under random clocks and skews. Each property states the rule, not the implementation.

const issuer = makeIdentity();
const learner = makeIdentity();
const numRuns = 100;

/** A clock between 2001 and 2096, in whole seconds. */
const nowArbitrary = fc.integer({ min: 1_000_000_000, max: 4_000_000_000 });
const skewArbitrary = fc.integer({ min: 0, max: 300 });
/** Seconds from a boundary: mostly within 3 of it, sometimes far either side. */
const offsetArbitrary = fc.oneof(
  { arbitrary: fc.integer({ min: -3, max: 3 }), weight: 4 },
  { arbitrary: fc.integer({ min: -1_000_000, max: 1_000_000 }), weight: 1 },
);

/** The dates a credential can carry: `nbf`/`exp` claims and `vc` ISO dates, in epoch seconds. */
interface CredentialDates {
  nbf?: number;
  exp?: number;
  validFrom?: number;
  expirationDate?: number;
  validUntil?: number;
}
type DateField = keyof CredentialDates;

// A credential for the learner with no dates of its own (its nbf and exp are dropped), so each
// property controls every date the verifier reads.
const {
  nbf: _nbf,
  exp: _exp,
  vc,
  ...undatedPayload
} = jwtPayloadFromCredential(badgeCredential(issuer, learner.did));

function signCredentialWithDates({ nbf, exp, ...vcDates }: CredentialDates): string {
  const isoDates = Object.entries(vcDates).flatMap(([name, seconds]) =>
    seconds === undefined ? [] : [[name, new Date(seconds * 1000).toISOString()]],
  );
  return signPayload(issuer, {
    ...undatedPayload,
    ...(nbf === undefined ? {} : { nbf }),
    ...(exp === undefined ? {} : { exp }),
    vc: { ...(vc as object), ...Object.fromEntries(isoDates) },
  });
}

function policyAt(nowMilliseconds: number, skew: number): VerificationPolicy {
  return { now: () => new Date(nowMilliseconds), clockSkewSeconds: skew };
}

// The ends of validity: RFC 7519 §4.1.4, a JWT must not be accepted on or after `exp`.
const ends: DateField[] = ['exp', 'expirationDate', 'validUntil'];
// The starts: RFC 7519 §4.1.5, a JWT must not be accepted before `nbf`.
const starts: DateField[] = ['nbf', 'validFrom'];

/** How the verifier names a date in its messages: claims bare, credential dates under `vc.`. */
function named(fields: DateField[]): Array<[string, DateField]> {
  return fields.map((field) => [field === 'nbf' || field === 'exp' ? field : `vc.${field}`, field]);
}

describe('credential validity boundaries', () => {
  it.each(named(ends))('%s: accepted iff now - skew < end, else EXPIRED', async (name, field) => {
    await fc.assert(
      fc.asyncProperty(nowArbitrary, skewArbitrary, offsetArbitrary, async (now, skew, offset) => {
        const end = now - skew + offset;
        const jwt = signCredentialWithDates({ [field]: end });
        const result = await verifyCredential(jwt, policyAt(now * 1000, skew));
        const accepted = now - skew < end;
        expect(result.errors).toEqual(
          accepted
            ? []
            : [
                {
                  id: 'validity',
                  ok: false,
                  code: 'EXPIRED',
                  message: expect.stringContaining(`(${name})`),
                },
              ],
        );
        expect(result.verified).toBe(accepted);
      }),
      { numRuns },
    );
  });

  it.each(named(starts))(
    '%s: accepted iff start <= now + skew, else NOT_YET_VALID',
    async (name, field) => {
      await fc.assert(
        fc.asyncProperty(
          nowArbitrary,
          skewArbitrary,
          offsetArbitrary,
          async (now, skew, offset) => {
            const start = now + skew + offset;
            const jwt = signCredentialWithDates({ [field]: start });
            const result = await verifyCredential(jwt, policyAt(now * 1000, skew));
            const accepted = start <= now + skew;
            expect(result.errors).toEqual(
              accepted
                ? []
                : [
                    {
                      id: 'validity',
                      ok: false,
                      code: 'NOT_YET_VALID',
                      message: expect.stringContaining(`(${name})`),
                    },
                  ],
            );
            expect(result.verified).toBe(accepted);
          },
        ),
        { numRuns },
      );
    },
  );

  it('every date binds at once: accepted iff all hold; a start that fails is reported first', async () => {
    const offsets = fc.record({
      nbf: offsetArbitrary,
      validFrom: offsetArbitrary,
      exp: offsetArbitrary,
      expirationDate: offsetArbitrary,
      validUntil: offsetArbitrary,
    });
    await fc.assert(
      fc.asyncProperty(nowArbitrary, skewArbitrary, offsets, async (now, skew, offset) => {
        const dates: Required<CredentialDates> = {
          nbf: now + skew + offset.nbf,
          validFrom: now + skew + offset.validFrom,
          exp: now - skew + offset.exp,
          expirationDate: now - skew + offset.expirationDate,
          validUntil: now - skew + offset.validUntil,
        };
        const result = await verifyCredential(
          signCredentialWithDates(dates),
          policyAt(now * 1000, skew),
        );
        const started = starts.every((field) => dates[field] <= now + skew);
        const ended = ends.some((field) => now - skew >= dates[field]);
        const expected = !started ? ['NOT_YET_VALID'] : ended ? ['EXPIRED'] : [];
        expect(codesOf(result)).toEqual(expected);
        expect(result.verified).toBe(expected.length === 0);
      }),
      { numRuns },
    );
  });

  it('compares against the exact clock, milliseconds included (no rounding)', async () => {
    const milliseconds = fc.integer({ min: 1, max: 999 });
    await fc.assert(
      fc.asyncProperty(
        nowArbitrary,
        milliseconds,
        skewArbitrary,
        fc.integer({ min: -2, max: 2 }),
        fc.constantFrom<DateField>('nbf', 'exp'),
        async (now, ms, skew, offset, field) => {
          const nowSeconds = now + ms / 1000;
          const boundary = field === 'nbf' ? now + skew + offset : now - skew + offset;
          const jwt = signCredentialWithDates({ [field]: boundary });
          const result = await verifyCredential(jwt, policyAt(now * 1000 + ms, skew));
          const accepted =
            field === 'nbf' ? boundary <= nowSeconds + skew : nowSeconds - skew < boundary;
          expect(result.verified).toBe(accepted);
        },
      ),
      { numRuns },
    );
  });
});

describe('presentation age boundaries', () => {
  // A credential with no dates, for the holder: only the presentation's own dates can fail.
  const credential = signCredentialWithDates({});
  const holder = learner;

  function signPresentationWithDates(dates: { iat?: number; nbf?: number; exp?: number }) {
    return signPayload(holder, {
      vp: {
        '@context': [vcContextV1],
        type: ['VerifiablePresentation'],
        verifiableCredential: [credential],
      },
      iss: holder.did,
      ...dates,
    });
  }

  // verify-presentation.ts checkAge: the issuance time is `iat`, or `nbf` without one. The
  // presentation is too old when now - issued > maxAge + skew; otherwise the issuance time is a
  // start (issued <= now + skew, else NOT_YET_VALID) and `exp` an end (now - skew < exp).
  it.each(['iat', 'nbf'] as const)(
    'issued at %s: too old iff now - issued > maxAge + skew, not yet valid iff issued > now + skew',
    async (claim) => {
      await fc.assert(
        fc.asyncProperty(
          nowArbitrary,
          skewArbitrary,
          fc.integer({ min: 0, max: 3600 }),
          fc.constantFrom('oldest', 'newest'),
          offsetArbitrary,
          fc.option(offsetArbitrary, { nil: undefined }),
          async (now, skew, maxAge, side, offset, expOffset) => {
            const issued = (side === 'oldest' ? now - maxAge - skew : now + skew) + offset;
            const exp = expOffset === undefined ? undefined : now - skew + expOffset;
            const vp = signPresentationWithDates({
              [claim]: issued,
              ...(exp === undefined ? {} : { exp }),
            });
            const result = await verifyPresentation(vp, {
              ...policyAt(now * 1000, skew),
              maxPresentationAgeSeconds: maxAge,
            });
            const expected =
              now - issued > maxAge + skew
                ? ['PRESENTATION_TOO_OLD']
                : issued > now + skew
                  ? ['NOT_YET_VALID']
                  : exp !== undefined && now - skew >= exp
                    ? ['EXPIRED']
                    : [];
            expect(codesOf(result)).toEqual(expected);
            expect(result.presentationVerified).toBe(expected.length === 0);
            expect(result.verified).toBe(expected.length === 0);
          },
        ),
        { numRuns },
      );
    },
  );

  it('refuses a presentation with neither iat nor nbf, whatever the clock', async () => {
    await fc.assert(
      fc.asyncProperty(nowArbitrary, skewArbitrary, async (now, skew) => {
        const result = await verifyPresentation(
          signPresentationWithDates({}),
          policyAt(now * 1000, skew),
        );
        expect(codesOf(result)).toEqual(['PRESENTATION_TOO_OLD']);
      }),
      { numRuns: 20 },
    );
  });
});
