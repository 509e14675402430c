import { randomBytes } from 'node:crypto';

/** 32 random bytes as base64url: challenges and session tokens (256 bits, unguessable). */
export function randomToken(): string {
  return randomBytes(32).toString('base64url');
}
