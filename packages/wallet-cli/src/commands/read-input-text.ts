import { createReadStream } from 'node:fs';
import { isSkillproofError, SkillproofError } from '@skillproof/core';
import { formatSize } from '../terminal/format-size.js';
import { UsageError } from '../usage-error.js';
import type { CommandContext } from './command-context.js';

/** What {@link readInputText} reads and how much of it. */
export interface ReadInputTextOptions {
  /** What the input should hold, for messages: `a credential or presentation`. */
  what: string;
  /** Refused past this many bytes, before anything is parsed. */
  maxBytes: number;
}

function describeReadFailure(source: string, what: string, error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT')
    return `no file ${source}; give the path of ${what}, or - to read standard input`;
  if (code === 'EISDIR') return `${source} is a directory; give the path of a file with ${what}`;
  if (code === 'EACCES' || code === 'EPERM') return `cannot read ${source}: permission denied`;
  return `cannot read ${source} (${code ?? (error instanceof Error ? error.message : String(error))})`;
}

/**
 * Reads a file (or standard input for `-`) as UTF-8, refusing more than `maxBytes` before
 * anything is parsed.
 *
 * @throws UsageError when the file is missing or unreadable.
 * @throws SkillproofError `PAYLOAD_TOO_LARGE` past `maxBytes`.
 * @example
 * ```ts
 * const text = await readInputText(context, '-', { what: 'an offer link', maxBytes: 64 * 1024 });
 * ```
 */
export async function readInputText(
  context: CommandContext,
  source: string,
  options: ReadInputTextOptions,
): Promise<string> {
  const name = source === '-' ? 'standard input' : source;
  const chunks: AsyncIterable<string | Uint8Array> =
    source === '-' ? (context.stdin?.() ?? process.stdin) : createReadStream(source);
  const parts: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of chunks) {
      const part = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.from(chunk);
      size += part.length;
      if (size > options.maxBytes) {
        throw new SkillproofError(
          'PAYLOAD_TOO_LARGE',
          `${name} holds more than ${formatSize(options.maxBytes)}; ${options.what} is far smaller, so check you gave the right file`,
        );
      }
      parts.push(part);
    }
  } catch (error) {
    if (isSkillproofError(error)) throw error;
    throw new UsageError(describeReadFailure(name, options.what, error));
  }
  return Buffer.concat(parts).toString('utf8');
}
