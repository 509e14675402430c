import { describe, expect, it } from '@jest/globals';
import { scorePattern } from '@skillproof/jobboard';

describe('scorePattern', () => {
  it('matches exactly the scores min..100 for every min, and no other text', () => {
    const texts = [
      ...Array.from({ length: 101 }, (_, score) => String(score)),
      '',
      '101',
      '1000',
      '080',
      '00',
      '-1',
      '80.0',
      ' 80',
      '8O',
    ];
    for (let min = 0; min <= 100; min++) {
      const pattern = new RegExp(scorePattern(min), 'u');
      const matched = texts.filter((text) => pattern.test(text));
      expect(matched).toEqual(
        Array.from({ length: 101 - min }, (_, offset) => String(min + offset)),
      );
    }
  });

  it('writes 80 as the reader would expect', () => {
    expect(scorePattern(80)).toBe('^(?:8[0-9]|9[0-9]|100)$');
    expect(scorePattern(100)).toBe('^(?:100)$');
  });

  it.each([-1, 101, 50.5, Number.NaN])('refuses %p', (min) => {
    expect(() => scorePattern(min)).toThrow(RangeError);
  });
});
