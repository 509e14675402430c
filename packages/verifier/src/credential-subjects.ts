import { isJsonObject, type W3cCredential } from '@skillproof/core';

/**
 * A credential's subjects: VCDM 1.1 §4.4 and VCDM 2.0 §4.8 allow `credentialSubject` to be one
 * object or a list of them. Entries that are not objects are left out.
 *
 * @example
 * ```ts
 * credentialSubjectsOf(credential).every((subject) => subject.id === holder);
 * ```
 */
export function credentialSubjectsOf(
  credential: Pick<W3cCredential, 'credentialSubject'>,
): Array<Record<string, unknown> & { id?: unknown }> {
  const subject: unknown = credential.credentialSubject;
  if (Array.isArray(subject)) return subject.filter(isJsonObject);
  return isJsonObject(subject) ? [subject] : [];
}
