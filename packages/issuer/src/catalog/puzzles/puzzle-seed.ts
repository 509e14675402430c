import { createHmac } from 'node:crypto';

/**
 * The seed of one learner's input to one puzzle: HMAC-SHA256(puzzle secret, `did|badge|task`).
 * Without the issuer's secret nobody can compute another learner's input (or its answer), and
 * the same learner always gets the same input, so nothing about it needs storing.
 *
 * @example
 * ```ts
 * const seed = puzzleSeed(secret, 'did:key:z6Mk…', 'python-problems-1', 'p1');
 * ```
 */
export function puzzleSeed(
  secret: Uint8Array | string,
  learnerDid: string,
  badgeId: string,
  taskId: string,
): Buffer {
  // `|` never occurs in a did:key, a badge id or a task id (the catalogue schema checks ids), so
  // the joined message is unambiguous.
  return createHmac('sha256', secret).update(`${learnerDid}|${badgeId}|${taskId}`).digest();
}
