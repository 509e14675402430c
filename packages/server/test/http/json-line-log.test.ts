import { describe, expect, it } from '@jest/globals';
import { createJsonLineLog } from '@skillproof/server/http';

describe('createJsonLineLog', () => {
  it('writes one JSON line per event, info to out and the rest to err', () => {
    const out: string[] = [];
    const err: string[] = [];
    const log = createJsonLineLog(
      {
        out: { write: (line: string) => out.push(line) },
        err: { write: (line: string) => err.push(line) },
      },
      () => new Date('2030-01-01T00:00:00.000Z'),
    );
    log.info('issuer listening', { url: 'http://localhost:4100' });
    log.warn('careful');
    log.error('broken', { level: 'info', message: 'spoofed' });
    expect(out).toEqual([
      '{"url":"http://localhost:4100","time":"2030-01-01T00:00:00.000Z","level":"info","message":"issuer listening"}\n',
    ]);
    expect(err.map((line) => JSON.parse(line))).toEqual([
      { time: '2030-01-01T00:00:00.000Z', level: 'warn', message: 'careful' },
      { time: '2030-01-01T00:00:00.000Z', level: 'error', message: 'broken' },
    ]);
  });
});
