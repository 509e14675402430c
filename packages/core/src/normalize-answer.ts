/**
 * The form in which free-text answers are compared: Unicode NFKC (so that full-width digits and
 * ligatures match their plain forms), surrounding whitespace trimmed, inner runs of whitespace
 * collapsed to one space, and lower case. `"  Peter   THE Great "` -> `"peter the great"`.
 *
 * @example
 * ```ts
 * normalizeAnswer('ＳＥＬＥＣＴ\t DISTINCT'); // 'select distinct'
 * ```
 */
export function normalizeAnswer(text: string): string {
  return text.normalize('NFKC').trim().replace(/\s+/gu, ' ').toLowerCase();
}
