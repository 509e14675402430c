import { describe, expect, it } from '@jest/globals';
import { ConfigError, readMainConfig } from '../src/read-main-config.js';

describe('readMainConfig: JOBBOARD_WORKERS', () => {
  it('is absent unless set, and read as a number of processes', () => {
    expect(readMainConfig({})).not.toHaveProperty('workers');
    expect(readMainConfig({ JOBBOARD_WORKERS: '2' }).workers).toBe(2);
    expect(readMainConfig({ JOBBOARD_WORKERS: '64' }).workers).toBe(64);
  });

  it.each(['0', '65', '-1', '2.5', 'two', '', '02'])('refuses %p with one clear line', (value) => {
    expect(() => readMainConfig({ JOBBOARD_WORKERS: value })).toThrow(
      new ConfigError(`JOBBOARD_WORKERS must be a number of processes (1-64), not "${value}"`),
    );
  });
});
