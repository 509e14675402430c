import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { deepFreeze } from './deep-freeze.js';

/** One entry of `contexts/manifest.json`. */
export interface PinnedContextEntry {
  url: string;
  file: string;
  sha256: string;
  source: string;
  sourcePath: string;
  license: string;
}

/** A pinned context, read, checked against its manifest hash and parsed. */
export interface PinnedContext extends PinnedContextEntry {
  document: Readonly<Record<string, unknown>>;
}

// `contexts/` sits beside `src/` and `dist/` in the package, so the same relative URL finds it
// from `src/data-integrity/` (tests, workspace) and from `dist/data-integrity/` (published).
const defaultFolder = new URL('../contexts/', import.meta.url);

/**
 * Reads every context listed in `contexts/manifest.json`, checks each file's SHA-256 against the
 * manifest and parses it into a deep-frozen object.
 *
 * @throws Error when a file is missing, altered or not a JSON object: a pinned context that is
 * not what we reviewed must stop the verifier, not be served.
 * @example
 * ```ts
 * const contexts = loadPinnedContexts();
 * contexts.get('https://www.w3.org/ns/credentials/v2')?.sha256;
 * ```
 */
export function loadPinnedContexts(folder: URL = defaultFolder): Map<string, PinnedContext> {
  const manifest = JSON.parse(readFileSync(new URL('manifest.json', folder), 'utf8')) as {
    contexts: PinnedContextEntry[];
  };
  const contexts = new Map<string, PinnedContext>();
  for (const entry of manifest.contexts) {
    const bytes = readFileSync(new URL(entry.file, folder));
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    if (sha256 !== entry.sha256) {
      throw new Error(
        `pinned context ${entry.file} (${entry.url}) was altered: its SHA-256 is ${sha256}, the manifest says ${entry.sha256}`,
      );
    }
    const document: unknown = JSON.parse(bytes.toString('utf8'));
    if (typeof document !== 'object' || document === null || Array.isArray(document)) {
      throw new Error(`pinned context ${entry.file} is not a JSON object`);
    }
    contexts.set(entry.url, {
      ...entry,
      document: deepFreeze(document as Record<string, unknown>),
    });
  }
  return contexts;
}
