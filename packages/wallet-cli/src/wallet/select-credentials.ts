import type { W3cCredential } from '@skillproof/core';

/** The part of a DIF Presentation Exchange v2 definition the wallet evaluates. */
export interface PresentationDefinition {
  id: string;
  name?: string;
  purpose?: string;
  input_descriptors: InputDescriptor[];
}

export interface InputDescriptor {
  id: string;
  name?: string;
  purpose?: string;
  constraints?: { fields?: Array<{ path: string[]; filter?: FieldFilter; optional?: boolean }> };
}

interface FieldFilter {
  type?: string;
  const?: unknown;
  enum?: unknown[];
  pattern?: string;
}

/** One descriptor and the held credential chosen for it, if any. */
export interface DescriptorMatch {
  descriptor: InputDescriptor;
  credentialId?: string;
}

// A JSONPath subset: `$.a.b.c`, which is all Skillproof definitions use.
function readPath(value: unknown, path: string): unknown {
  if (!/^\$(\.[A-Za-z_@][\w@-]*)*$/.test(path)) return undefined;
  let current = value;
  for (const key of path.split('.').slice(1)) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

function passes(value: unknown, filter: FieldFilter | undefined): boolean {
  if (!filter) return true;
  if (filter.type === 'string' && typeof value !== 'string') return false;
  if ('const' in filter && value !== filter.const) return false;
  if (filter.enum && !filter.enum.includes(value)) return false;
  if (filter.pattern && (typeof value !== 'string' || !new RegExp(filter.pattern, 'u').test(value)))
    return false;
  return true;
}

/** True when `credential` satisfies every required field of `descriptor` (PE v2 §5.1.1). */
export function matchesDescriptor(credential: W3cCredential, descriptor: InputDescriptor): boolean {
  return (descriptor.constraints?.fields ?? []).every((field) => {
    const value = field.path
      .map((path) => readPath(credential, path))
      .find((found) => found !== undefined);
    if (value === undefined) return field.optional === true;
    return passes(value, field.filter);
  });
}

/**
 * Picks, for each input descriptor, the newest held credential that satisfies it. Runs entirely
 * in the wallet: nothing is sent anywhere to find out what matches.
 */
export function selectCredentials(
  definition: PresentationDefinition,
  held: Array<{ id: string; credential: W3cCredential; expired: boolean }>,
): DescriptorMatch[] {
  const newestFirst = [...held].reverse().filter((entry) => !entry.expired);
  return definition.input_descriptors.map((descriptor) => {
    const match = newestFirst.find((entry) => matchesDescriptor(entry.credential, descriptor));
    return match ? { descriptor, credentialId: match.id } : { descriptor };
  });
}
