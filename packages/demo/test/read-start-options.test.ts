import { describe, expect, it } from '@jest/globals';
import { readStartOptions } from '@skillproof/demo';

describe('readStartOptions', () => {
  it('resolves a relative data root against INIT_CWD, the folder pnpm was run from', () => {
    const options = readStartOptions([], { INIT_CWD: '/home/ann/skillproof' });
    expect(options.dataRoot).toBe('/home/ann/skillproof/.skillproof');
    expect(options.ports).toEqual({ issuer: 4100, verifier: 4200, jobboard: 4300 });
    expect(options.sample).toBe(true);
  });

  it('skips the sample data with --no-sample or SKILLPROOF_SAMPLE=0', () => {
    expect(readStartOptions(['--no-sample'], {}).sample).toBe(false);
    expect(readStartOptions(['--', '--no-sample'], {}).sample).toBe(false);
    expect(readStartOptions([], { SKILLPROOF_SAMPLE: '0' }).sample).toBe(false);
  });

  it('refuses an unknown argument and a bad port', () => {
    expect(() => readStartOptions(['--sample'], {})).toThrow(/unknown argument "--sample"/);
    expect(() => readStartOptions([], { JOBBOARD_PORT: 'x' })).toThrow(/JOBBOARD_PORT/);
  });
});
