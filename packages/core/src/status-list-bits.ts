import { gunzipSync, gzipSync } from 'node:zlib';
import { decodeBase64url, encodeBase64url } from './base64url.js';

/**
 * Decodes a status list's `encodedList`: multibase base64url (`u` prefix, Bitstring Status List
 * §2.2) or plain base64url (StatusList2021), then GZIP. `maxBytes` bounds the inflated size, so a
 * small compressed body can't expand into gigabytes. Returns the bitstring, or why not.
 */
export function decodeStatusList(
  encodedList: string,
  maxBytes: number,
): { bits: Uint8Array } | { problem: string } {
  const base64url = encodedList.startsWith('u') ? encodedList.slice(1) : encodedList;
  const compressed = decodeBase64url(base64url);
  if (!compressed || compressed.length === 0) {
    return { problem: 'encodedList is not base64url' };
  }
  try {
    return { bits: new Uint8Array(gunzipSync(compressed, { maxOutputLength: maxBytes })) };
  } catch (error) {
    const tooLarge = (error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE';
    return {
      problem: tooLarge
        ? `encodedList inflates beyond ${maxBytes} bytes`
        : 'encodedList is not GZIP data',
    };
  }
}

/**
 * The bit at `index`. Bitstring Status List §3.2: index 0 is the left-most bit of the
 * bitstring, that is the most significant bit of the first byte.
 */
export function statusBitAt(bits: Uint8Array, index: number): boolean {
  const byte = bits[index >> 3] ?? 0;
  return ((byte >> (7 - (index & 7))) & 1) === 1;
}

/**
 * Encodes a bitstring as a status list's `encodedList`: GZIP, then multibase base64url (`u`
 * prefix), as Bitstring Status List §2.2 asks.
 *
 * @example
 * ```ts
 * const bits = new Uint8Array(131_072 / 8);
 * setStatusBit(bits, 42, true);
 * const encodedList = encodeStatusList(bits);
 * ```
 */
export function encodeStatusList(bits: Uint8Array): string {
  return `u${encodeBase64url(gzipSync(bits, { level: 9 }))}`;
}

/** Sets or clears the bit at `index` (index 0 is the most significant bit of the first byte). */
export function setStatusBit(bits: Uint8Array, index: number, value: boolean): void {
  const mask = 1 << (7 - (index & 7));
  const byteIndex = index >> 3;
  const byte = bits[byteIndex];
  if (byte === undefined) throw new RangeError(`status index ${index} is beyond the list`);
  bits[byteIndex] = value ? byte | mask : byte & ~mask;
}
