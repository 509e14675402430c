import { parseCosignerKey, SkillproofError } from '@skillproof/core';
import type { WitnessEndpoint } from '../transparency/witness-client.js';

/**
 * Reads `ISSUER_LOG_WITNESSES`: comma-separated `<url> <verifier key>` pairs, each a witness's
 * submission prefix (http or https) and its cosigner key (C2SP signed-note verifier key of type
 * 0x04, as `skillproof witness init` prints it). Unset or blank: no witnesses.
 *
 * @throws SkillproofError `CONFIGURATION_INVALID` naming the entry that is not one.
 * @example
 * ```ts
 * readLogWitnesses('http://127.0.0.1:4400 witness.example/w1+1b2c3d4e+BK…');
 * // [{ url: 'http://127.0.0.1:4400', key: { name: 'witness.example/w1', publicKey } }]
 * ```
 */
export function readLogWitnesses(value: string | undefined): WitnessEndpoint[] {
  if (value === undefined || value.trim() === '') return [];
  return value.split(',').map((entry, index) => {
    const [url, vkey, ...rest] = entry.trim().split(/\s+/);
    const key = vkey === undefined ? undefined : parseCosignerKey(vkey);
    let protocol = '';
    try {
      protocol = new URL(url ?? '').protocol;
    } catch {
      // not a URL: refused below
    }
    if (!key || rest.length > 0 || (protocol !== 'http:' && protocol !== 'https:')) {
      throw new SkillproofError(
        'CONFIGURATION_INVALID',
        `ISSUER_LOG_WITNESSES entry ${index + 1} must be "<http(s) url> <witness verifier key>"`,
      );
    }
    return { url: url!, key };
  });
}
