import type { ErrorCode } from '../error-codes.js';

/** The body of every error answer a Skillproof service gives: `{ error: { code, message } }`. */
export interface ErrorBody {
  error: { code: ErrorCode; message: string };
}
