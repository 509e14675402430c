import { afterAll, describe, expect, it } from '@jest/globals';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { findChromium } from '@skillproof/testing';

const folder = mkdtempSync(join(tmpdir(), 'find-chromium-'));
const empty = mkdtempSync(join(tmpdir(), 'find-chromium-empty-'));
const chromium = join(folder, 'chromium');
writeFileSync(chromium, '#!/bin/sh\n');
chmodSync(chromium, 0o755);
const notExecutable = join(folder, 'not-executable');
writeFileSync(notExecutable, '');
chmodSync(notExecutable, 0o644);

afterAll(() => {
  rmSync(folder, { recursive: true, force: true });
  rmSync(empty, { recursive: true, force: true });
});

describe('findChromium', () => {
  it('finds the first chromium on PATH, as `command -v chromium` does', () => {
    expect(findChromium({ PATH: [empty, folder].join(delimiter) })).toBe(chromium);
  });

  it('takes CHROMIUM_PATH over PATH', () => {
    const other = join(empty, 'my-chromium');
    writeFileSync(other, '#!/bin/sh\n');
    chmodSync(other, 0o755);
    expect(findChromium({ CHROMIUM_PATH: other, PATH: folder })).toBe(other);
  });

  it('refuses a CHROMIUM_PATH that is not an executable file, naming it', () => {
    expect(() => findChromium({ CHROMIUM_PATH: notExecutable, PATH: folder })).toThrow(
      `CHROMIUM_PATH is ${notExecutable}, which is not an executable file`,
    );
  });

  it('says what to install or set when there is no chromium', () => {
    expect(() => findChromium({ PATH: empty })).toThrow(
      'no chromium on PATH: install it (Debian: apt-get install chromium) or set CHROMIUM_PATH',
    );
  });
});
