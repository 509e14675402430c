import type { W3cCredential } from '@skillproof/core';
import type { CheckCode } from './check-codes.js';
import type { CredentialFormat } from './formats/checked-credential.js';

/** One step of verification: passed, or failed with a stable code and a message. */
export interface VerificationCheck {
  id: string;
  ok: boolean;
  code?: CheckCode;
  message?: string;
}

/** The outcome of verifying one credential. Verification never throws; it reports. */
export interface VerifyCredentialResult {
  verified: boolean;
  checks: VerificationCheck[];
  /** The failed checks. */
  errors: VerificationCheck[];
  warnings: string[];
  /** How the credential is secured, once that could be read. */
  format?: CredentialFormat;
  /** The credential as its signed form says, once its signature checked out. */
  credential?: W3cCredential;
  /** The compact JWS of a JWT credential. */
  jwt?: string;
}

/** The outcome of verifying a presentation and every credential in it. */
export interface VerifyPresentationResult {
  /** The presentation and every credential in it passed. */
  verified: boolean;
  /** The presentation itself passed (signature, nonce, audience, age, counts). */
  presentationVerified: boolean;
  /** The presentation's signer (`iss`), once its signature checked out. */
  holder?: string;
  checks: VerificationCheck[];
  errors: VerificationCheck[];
  warnings: string[];
  /** One result per embedded credential, in order. */
  credentials: VerifyCredentialResult[];
}

/** Collects checks as verification proceeds. */
export class CheckLog {
  readonly checks: VerificationCheck[] = [];
  readonly warnings: string[] = [];

  pass(id: string): true {
    this.checks.push({ id, ok: true });
    return true;
  }

  fail(id: string, code: CheckCode, message: string): false {
    this.checks.push({ id, ok: false, code, message });
    return false;
  }

  warn(message: string): void {
    this.warnings.push(message);
  }

  get ok(): boolean {
    return this.checks.every((check) => check.ok);
  }

  get errors(): VerificationCheck[] {
    return this.checks.filter((check) => !check.ok);
  }
}
