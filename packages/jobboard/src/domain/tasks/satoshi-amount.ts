import { SkillproofError } from '@skillproof/core';

/** Satoshis in one bitcoin. */
export const satsPerBitcoin = 100_000_000;

/** The smallest reward: one satoshi. */
export const minSatoshiAmount = 1;

/** The largest amount: all the bitcoin there will ever be, 21 million BTC (21e14 sats). */
export const maxSatoshiAmount = 2_100_000_000_000_000;

/**
 * `value` as an amount of satoshis: an integer within 1 .. 21e14 (a safe integer in JS, so
 * sums stay exact). Never a float, never a string.
 *
 * @throws SkillproofError `AMOUNT_INVALID` otherwise, saying what `what` is.
 * @example
 * ```ts
 * const rewardSats = checkSatoshiAmount(input.rewardSats, 'the reward');
 * ```
 */
export function checkSatoshiAmount(value: unknown, what = 'the amount'): number {
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    throw new SkillproofError(
      'AMOUNT_INVALID',
      `${what} must be a whole number of satoshis, not ${typeof value === 'number' || typeof value === 'bigint' ? String(value) : typeof value}`,
    );
  }
  if (value < minSatoshiAmount || value > maxSatoshiAmount) {
    throw new SkillproofError(
      'AMOUNT_INVALID',
      `${what} must be between ${minSatoshiAmount} and ${maxSatoshiAmount} satoshis, not ${value}`,
    );
  }
  return value;
}

/**
 * Satoshis as decimal BTC, exactly (integer arithmetic, no floats), without trailing zeros:
 * `2030000000` -> `'20.3'`, `5000000000` -> `'50'`, `1` -> `'0.00000001'` (BIP-21 amounts).
 *
 * @throws SkillproofError `AMOUNT_INVALID` when `sats` is not an amount (see {@link checkSatoshiAmount}).
 * @example
 * ```ts
 * formatBitcoinAmount(150_000); // '0.0015'
 * ```
 */
export function formatBitcoinAmount(sats: number): string {
  checkSatoshiAmount(sats);
  const whole = Math.floor(sats / satsPerBitcoin);
  const fraction = String(sats % satsPerBitcoin)
    .padStart(8, '0')
    .replace(/0+$/, '');
  return fraction === '' ? String(whole) : `${whole}.${fraction}`;
}
