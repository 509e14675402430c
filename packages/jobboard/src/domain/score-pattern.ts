/**
 * A regular expression matching the decimal integers `min`..100 written without leading zeros
 * (contract B writes a badge's score so). Presentation Exchange filters are JSON Schema, whose
 * `minimum` needs a number, and the score is a string: a `pattern` is the only way a wallet's
 * PEX can select by score.
 *
 * @throws RangeError when `min` is not an integer 0..100.
 * @example
 * ```ts
 * scorePattern(80); // '^(?:8[0-9]|9[0-9]|100)$'
 * ```
 */
export function scorePattern(min: number): string {
  if (!Number.isInteger(min) || min < 0 || min > 100) {
    throw new RangeError(`a minimum score is an integer 0..100, not ${min}`);
  }
  const alternatives: string[] = [];
  if (min < 10) alternatives.push(min === 9 ? '9' : `[${min}-9]`);
  const tens = Math.max(Math.floor(min / 10), 1);
  const units = min >= 10 ? min % 10 : 0;
  if (min < 100) {
    alternatives.push(
      units === 0 ? `${tens}[0-9]` : units === 9 ? `${tens}9` : `${tens}[${units}-9]`,
    );
    for (let ten = tens + 1; ten <= 9; ten++) alternatives.push(`${ten}[0-9]`);
  }
  alternatives.push('100');
  return `^(?:${alternatives.join('|')})$`;
}
