import { SkillproofError } from '@skillproof/core';

/**
 * The issuer's base URL as given (flag, setting or registry), checked and without a trailing
 * slash.
 *
 * @throws SkillproofError `VALIDATION_FAILED` when it is not an http(s) URL.
 * @example
 * ```ts
 * normalizeServiceUrl('http://localhost:4100/'); // 'http://localhost:4100'
 * ```
 */
export function normalizeServiceUrl(text: string, what = 'issuer'): string {
  let url: URL | undefined;
  try {
    url = new URL(text);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    throw new SkillproofError(
      'VALIDATION_FAILED',
      `"${text}" is not an http(s) URL; give the ${what}'s address, e.g. http://localhost:4100`,
    );
  }
  return text.replace(/\/+$/, '');
}
