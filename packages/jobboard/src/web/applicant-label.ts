import { createHash } from 'node:crypto';

/**
 * A short, stable label for an applicant, derived from their DID: `Applicant 7f3a9c`, the first
 * six hex digits of the DID's SHA-256. The same person (DID) always gets the same label, on
 * every posting; the DID itself stays one click away.
 *
 * @example
 * ```ts
 * applicantLabel('did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK'); // 'Applicant …'
 * ```
 */
export function applicantLabel(holder: string): string {
  return `Applicant ${createHash('sha256').update(holder).digest('hex').slice(0, 6)}`;
}
