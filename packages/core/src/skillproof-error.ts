import type { ErrorBody } from './contracts/error-body.js';
import { httpStatusByErrorCode, type ErrorCode } from './error-codes.js';

/**
 * The one error type Skillproof throws on purpose. `code` is stable; `message` is for people.
 *
 * @example
 * ```ts
 * throw new SkillproofError('NOT_FOUND', `no posting ${id}`);
 * ```
 */
export class SkillproofError extends Error {
  override readonly name = 'SkillproofError';
  readonly code: ErrorCode;
  readonly details: unknown;

  constructor(code: ErrorCode, message: string, details?: unknown) {
    super(message);
    this.code = code;
    this.details = details;
  }

  /** The HTTP status this error maps to. */
  get status(): number {
    return httpStatusByErrorCode[this.code];
  }

  /** The JSON body every service returns for this error. */
  toBody(): ErrorBody {
    return { error: { code: this.code, message: this.message } };
  }
}

/** True for a {@link SkillproofError}, also across module copies. */
export function isSkillproofError(value: unknown): value is SkillproofError {
  return (
    value instanceof SkillproofError ||
    (value instanceof Error &&
      value.name === 'SkillproofError' &&
      typeof (value as { code?: unknown }).code === 'string' &&
      (value as unknown as { code: string }).code in httpStatusByErrorCode)
  );
}
