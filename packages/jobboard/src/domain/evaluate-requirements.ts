import {
  credentialFromJwtPayload,
  decodeJwt,
  type W3cCredential,
  isJsonObject,
} from '@skillproof/core';
import type { VerifyCredentialResult } from '@skillproof/verifier';
import type { PostingRequirement, RequirementOutcome } from './jobboard-types.js';

/** What {@link evaluateRequirements} reads of each verified credential. */
export type EvaluatedCredential = Pick<
  VerifyCredentialResult,
  'verified' | 'errors' | 'credential' | 'jwt'
>;

interface Candidate {
  verified: boolean;
  firstError: string;
  issuerUntrusted: boolean;
  achievementId: string;
  name: string;
  credentialId?: string;
  issuer: string;
}

// Names come from credentials the applicant chose; keep reasons readable whatever they hold.
function shorten(text: string, max = 200): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/**
 * The credential a result is about. A credential whose signature failed comes back without its
 * JSON, so its payload is decoded here, unverified, only to tell which requirement it was meant
 * for; such a credential can never meet one.
 */
function claimedCredential(result: EvaluatedCredential): W3cCredential | undefined {
  if (result.credential) return result.credential;
  if (result.verified || result.jwt === undefined) return undefined;
  try {
    return credentialFromJwtPayload(decodeJwt(result.jwt).payload);
  } catch {
    return undefined;
  }
}

function candidateOf(result: EvaluatedCredential): Candidate | undefined {
  const credential = claimedCredential(result);
  if (!credential || !isJsonObject(credential.credentialSubject)) return undefined;
  const achievement = credential.credentialSubject['achievement'];
  if (!isJsonObject(achievement) || typeof achievement['id'] !== 'string') return undefined;
  const issuer = typeof credential.issuer === 'string' ? credential.issuer : credential.issuer.id;
  const name = typeof achievement['name'] === 'string' ? achievement['name'] : achievement['id'];
  const firstError = result.errors[0];
  return {
    verified: result.verified,
    firstError: firstError?.message ?? firstError?.code ?? 'unknown failure',
    issuerUntrusted: result.errors.some((error) => error.code === 'ISSUER_UNTRUSTED'),
    achievementId: achievement['id'],
    name: shorten(name),
    ...(typeof credential.id === 'string' ? { credentialId: credential.id } : {}),
    issuer,
  };
}

function evidenceOf(candidate: Candidate): Pick<RequirementOutcome, 'credentialId' | 'issuer'> {
  return {
    ...(candidate.credentialId === undefined ? {} : { credentialId: candidate.credentialId }),
    issuer: candidate.issuer,
  };
}

/**
 * Decides each requirement of a posting against the credentials of a verified presentation,
 * with a reason in plain words. A requirement is met only by a credential that verified
 * (signature, dates, holder, issuer trusted for this achievement) and whose issuer the
 * requirement accepts. When none does, the reason names the closest miss: a credential from an
 * accepted issuer that did not verify, then one from an issuer not accepted, then none at all.
 *
 * @example
 * ```ts
 * const outcomes = evaluateRequirements(posting.requirements, result.credentials);
 * const qualified = outcomes.every((outcome) => outcome.met);
 * ```
 */
export function evaluateRequirements(
  requirements: readonly PostingRequirement[],
  credentials: readonly EvaluatedCredential[],
): RequirementOutcome[] {
  const candidates = credentials.map(candidateOf).filter((candidate) => candidate !== undefined);
  return requirements.map((requirement) => {
    const base = { id: requirement.id, achievementId: requirement.achievementId };
    const matching = candidates.filter(
      (candidate) => candidate.achievementId === requirement.achievementId,
    );
    const accepted = (candidate: Candidate): boolean =>
      !candidate.issuerUntrusted && requirement.acceptedIssuers.includes(candidate.issuer);

    const meeting = matching.find((candidate) => candidate.verified && accepted(candidate));
    if (meeting) {
      const id = meeting.credentialId === undefined ? '' : ` (${meeting.credentialId})`;
      return {
        ...base,
        met: true,
        reason: `met by "${meeting.name}"${id} from ${meeting.issuer}`,
        ...evidenceOf(meeting),
      };
    }
    const failed = matching.find(accepted);
    if (failed) {
      return {
        ...base,
        met: false,
        reason: `"${failed.name}" was presented but did not verify: ${failed.firstError}`,
        ...evidenceOf(failed),
      };
    }
    const untrusted = matching[0];
    if (untrusted) {
      return {
        ...base,
        met: false,
        reason: `"${untrusted.name}" was presented, but its issuer ${untrusted.issuer} is not accepted for this requirement`,
        ...evidenceOf(untrusted),
      };
    }
    return {
      ...base,
      met: false,
      reason: `no credential for ${requirement.achievementId} was presented`,
    };
  });
}
