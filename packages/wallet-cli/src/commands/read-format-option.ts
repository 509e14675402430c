import { printable } from '../terminal/output.js';
import { UsageError } from '../usage-error.js';
import { credentialFormats, type CredentialFormat } from '../wallet/credential-summary.js';

/**
 * The value of a `--format` option (`receive`, `attempt`): a format the wallet holds, or
 * undefined when the option was not given.
 *
 * @throws UsageError for any other value, naming the formats.
 * @example
 * ```ts
 * readFormatOption('ldp_vc'); // 'ldp_vc'
 * readFormatOption(undefined) ?? 'jwt_vc_json';
 * ```
 */
export function readFormatOption(value: string | undefined): CredentialFormat | undefined {
  if (value === undefined) return undefined;
  const format = credentialFormats.find((known) => known === value);
  if (format === undefined) {
    throw new UsageError(`--format takes ${credentialFormats.join(', ')}, not ${printable(value)}`);
  }
  return format;
}
