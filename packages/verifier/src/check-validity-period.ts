import type { CheckLog } from './verification-result.js';

/** The dates that bound a credential's or presentation's validity, in seconds since the epoch. */
export interface ValidityPeriod {
  notBefore: Array<{ name: string; seconds: number }>;
  notAfter: Array<{ name: string; seconds: number }>;
}

/** Seconds since the epoch of an ISO date string; `undefined` when it is not one. */
export function isoToSeconds(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms / 1000;
}

/**
 * The `validity` check: not before any start (`nbf`, `validFrom`) and not at or after any end
 * (`exp`, `expirationDate`, `validUntil`), each with `skew` seconds of tolerance. RFC 7519
 * §4.1.4: a JWT must not be accepted on or after `exp`.
 */
export function checkValidityPeriod(
  period: ValidityPeriod,
  nowSeconds: number,
  skew: number,
  log: CheckLog,
): boolean {
  for (const start of period.notBefore) {
    if (start.seconds > nowSeconds + skew) {
      return log.fail(
        'validity',
        'NOT_YET_VALID',
        `not valid before ${new Date(start.seconds * 1000).toISOString()} (${start.name})`,
      );
    }
  }
  for (const end of period.notAfter) {
    if (nowSeconds - skew >= end.seconds) {
      return log.fail(
        'validity',
        'EXPIRED',
        `expired at ${new Date(end.seconds * 1000).toISOString()} (${end.name})`,
      );
    }
  }
  return log.pass('validity');
}
