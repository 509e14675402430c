import type { z } from 'zod';
import { SkillproofError } from '@skillproof/core';

/**
 * Validates a request body with a zod schema.
 *
 * @throws SkillproofError `VALIDATION_FAILED` naming the first bad field, e.g.
 * `credential.issuer: expected string or object`.
 */
export function parseBody<Schema extends z.ZodType>(
  schema: Schema,
  body: unknown,
): z.infer<Schema> {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const path = issue && issue.path.length > 0 ? issue.path.join('.') : 'body';
  throw new SkillproofError('VALIDATION_FAILED', `${path}: ${issue?.message ?? 'invalid'}`);
}
