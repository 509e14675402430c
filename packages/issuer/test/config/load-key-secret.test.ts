import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadKeySecret } from '../../src/index.js';

describe('loadKeySecret', () => {
  let dir: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'skillproof-key-secret-'));
  });

  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('creates a random secret readable only by its owner, then reuses it', () => {
    const created = loadKeySecret(dir);
    expect(created.created).toBe(true);
    expect(created.secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(created.path).toBe(join(dir, 'key-secret'));
    if (process.platform !== 'win32') {
      expect(statSync(created.path).mode & 0o777).toBe(0o600);
    }
    const again = loadKeySecret(dir);
    expect(again).toEqual({ ...created, created: false });
    expect(readFileSync(created.path, 'utf8').trim()).toBe(created.secret);
  });

  it('refuses an empty secret file', () => {
    const emptyDir = mkdtempSync(join(dir, 'empty-'));
    writeFileSync(join(emptyDir, 'key-secret'), '\n');
    expect(() => loadKeySecret(emptyDir)).toThrow(/is empty/);
  });
});
