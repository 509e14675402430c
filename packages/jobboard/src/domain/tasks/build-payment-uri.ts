import { formatBitcoinAmount } from './satoshi-amount.js';

/** What a BIP-21 payment URI asks for. */
export interface PaymentUriInput {
  /** Checked beforehand with `checkBitcoinAddress` (BIP-21 carries it as it is). */
  address: string;
  /** Whole satoshis, written as decimal BTC. */
  amountSats?: number;
  /** Who is paid, e.g. the learner's name or the task. */
  label?: string;
  /** What for, shown to the payer. */
  message?: string;
}

// RFC 3986 percent-encoding of UTF-8 octets: everything but unreserved characters, so "&",
// "=", "?", "#" and spaces (as %20, not "+") can't break the query (BIP-21 "General Format").
function percentEncode(text: string): string {
  return encodeURIComponent(text).replace(
    /[!'()*]/g,
    (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/**
 * A BIP-21 `bitcoin:` URI: `bitcoin:<address>?amount=<BTC>&label=…&message=…`. The amount is
 * decimal BTC computed exactly from satoshis; label and message are UTF-8 percent-encoded.
 *
 * @throws SkillproofError `AMOUNT_INVALID` for an amount that is not 1 .. 21e14 whole satoshis.
 * @example
 * ```ts
 * buildPaymentUri({ address: 'tb1q…', amountSats: 2_030_000_000, label: 'Luke-Jr' });
 * // 'bitcoin:tb1q…?amount=20.3&label=Luke-Jr'
 * ```
 */
export function buildPaymentUri(input: PaymentUriInput): string {
  const parameters: string[] = [];
  if (input.amountSats !== undefined) {
    parameters.push(`amount=${formatBitcoinAmount(input.amountSats)}`);
  }
  if (input.label !== undefined) parameters.push(`label=${percentEncode(input.label)}`);
  if (input.message !== undefined) parameters.push(`message=${percentEncode(input.message)}`);
  return `bitcoin:${input.address}${parameters.length > 0 ? `?${parameters.join('&')}` : ''}`;
}
