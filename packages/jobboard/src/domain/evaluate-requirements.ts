import { credentialFromJwtPayload, decodeJwt, type W3cCredential } from '@skillproof/core';
import type { VerifyCredentialResult } from '@skillproof/verifier';
import { badgeFactsOf, type BadgeFacts } from './badge-facts.js';
import type {
  AnyOfClause,
  OutcomeCredential,
  PostingRequirement,
  RequirementClause,
  RequirementLabels,
  RequirementOutcome,
  RequirementOutcomeCode,
} from '../jobboard-types.js';
import { labelledNames, type LabelledNames } from './labelled-names.js';
import type { RequirementMatches } from './match-requirements.js';

/** What {@link evaluateRequirements} reads of each verified credential. */
export type EvaluatedCredential = Pick<
  VerifyCredentialResult,
  'verified' | 'errors' | 'credential' | 'jwt'
>;

/** A presented credential: what it says, and how its verification went. */
interface Candidate extends BadgeFacts {
  index: number;
  verified: boolean;
  /** Why it failed, as an outcome code; undefined when it verified. */
  failure?: RequirementOutcomeCode;
  firstError: string;
}

/** A requirement not met, and the credential the reason is about. */
interface Miss {
  code: RequirementOutcomeCode;
  reason: string;
  candidate?: Candidate;
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

function failureOf(result: EvaluatedCredential): RequirementOutcomeCode | undefined {
  if (result.verified) return undefined;
  const codes = result.errors.map((error) => error.code);
  if (codes.includes('STATUS_REVOKED')) return 'revoked';
  if (codes.includes('STATUS_SUSPENDED')) return 'suspended';
  if (codes.includes('EXPIRED')) return 'expired';
  if (codes.includes('ISSUER_UNTRUSTED')) return 'untrusted-issuer';
  return 'invalid';
}

function candidateOf(result: EvaluatedCredential, index: number): Candidate | undefined {
  const credential = claimedCredential(result);
  const facts = credential && badgeFactsOf(credential);
  if (!facts) return undefined;
  const firstError = result.errors[0];
  const failure = failureOf(result);
  return {
    ...facts,
    index,
    verified: result.verified,
    ...(failure === undefined ? {} : { failure }),
    firstError: firstError?.message ?? firstError?.code ?? 'unknown failure',
  };
}

function evidenceOf(candidate: Candidate): OutcomeCredential {
  return {
    ...(candidate.credentialId === undefined ? {} : { credentialId: candidate.credentialId }),
    issuer: candidate.issuer,
    achievementId: candidate.achievementId,
    name: candidate.name,
    ...(candidate.score === undefined ? {} : { score: candidate.score }),
  };
}

function titled(candidate: Candidate): string {
  const id = candidate.credentialId === undefined ? '' : ` (${candidate.credentialId})`;
  return `"${candidate.name}"${id}`;
}

function metBy(candidates: Candidate[], names: LabelledNames): string {
  return `met by ${candidates.map((candidate) => `${titled(candidate)} from ${names.issuer(candidate.issuer)}`).join(' and ')}`;
}

function accepts(clause: RequirementClause, candidate: Candidate): boolean {
  return (
    candidate.failure !== 'untrusted-issuer' && clause.acceptedIssuers.includes(candidate.issuer)
  );
}

function scoreMet(minScore: number | undefined, candidate: Candidate): boolean {
  return minScore === undefined || (candidate.score !== undefined && candidate.score >= minScore);
}

/**
 * The closest miss among `relevant` credentials: one from an accepted issuer that verified but
 * scored too low, then one from an accepted issuer that did not verify, then one from an issuer
 * not accepted; `undefined` when nothing relevant was presented.
 */
function closestMiss(
  clause: RequirementClause,
  relevant: Candidate[],
  names: LabelledNames,
  minScore?: number,
): Miss | undefined {
  const accepted = relevant.filter((candidate) => accepts(clause, candidate));
  const lowScore = accepted.find((candidate) => candidate.verified);
  if (lowScore && minScore !== undefined) {
    return {
      code: 'score-too-low',
      reason:
        lowScore.score === undefined
          ? `${titled(lowScore)} carries no score, and at least ${minScore} is required`
          : `${titled(lowScore)} has a score of ${lowScore.score}, below the ${minScore} required`,
      candidate: lowScore,
    };
  }
  const failed = accepted.find((candidate) => !candidate.verified);
  if (failed) {
    return {
      code: failed.failure ?? 'invalid',
      reason: `"${failed.name}" was presented but did not verify: ${failed.firstError}`,
      candidate: failed,
    };
  }
  const untrusted = relevant.find((candidate) => !accepts(clause, candidate));
  if (untrusted) {
    return {
      code: 'untrusted-issuer',
      reason: `"${untrusted.name}" was presented, but its issuer ${names.issuer(untrusted.issuer)} is not accepted for this requirement`,
      candidate: untrusted,
    };
  }
  return undefined;
}

function outcome(
  requirement: PostingRequirement,
  met: boolean,
  code: RequirementOutcomeCode,
  reason: string,
  candidates: Candidate[],
): RequirementOutcome {
  const first = candidates[0];
  return {
    id: requirement.id,
    type: requirement.type,
    ...(requirement.type === 'badge' ? { achievementId: requirement.achievementId } : {}),
    met,
    code,
    reason,
    ...(first?.credentialId === undefined ? {} : { credentialId: first.credentialId }),
    ...(first === undefined ? {} : { issuer: first.issuer }),
    credentials: candidates.map(evidenceOf),
  };
}

function missOutcome(requirement: PostingRequirement, miss: Miss): RequirementOutcome {
  return outcome(
    requirement,
    false,
    miss.code,
    miss.reason,
    miss.candidate ? [miss.candidate] : [],
  );
}

function decideAnyOf(
  requirement: PostingRequirement & AnyOfClause,
  candidates: Candidate[],
  meeting: Candidate[],
  names: LabelledNames,
): RequirementOutcome {
  const chosen = requirement.achievementIds.flatMap((achievementId) => {
    const found = meeting.find((candidate) => candidate.achievementId === achievementId);
    return found ? [found] : [];
  });
  if (chosen.length >= requirement.count) {
    return outcome(
      requirement,
      true,
      'met',
      metBy(chosen.slice(0, requirement.count), names),
      chosen,
    );
  }
  // PEX reports no credentials at all for a `pick` group it can't satisfy, so the badges that
  // would have counted are told from the credentials themselves; the clause is not met either way.
  const partial = requirement.achievementIds.flatMap((achievementId) => {
    const found = candidates.find(
      (candidate) =>
        candidate.achievementId === achievementId &&
        candidate.verified &&
        accepts(requirement, candidate),
    );
    return found ? [found] : [];
  });
  if (partial.length >= requirement.count) {
    return outcome(
      requirement,
      false,
      'invalid',
      'the presented badges do not answer the presentation definition',
      partial,
    );
  }
  return anyOfMiss(requirement, candidates, partial, names);
}

function anyOfMiss(
  requirement: PostingRequirement & AnyOfClause,
  candidates: Candidate[],
  chosen: Candidate[],
  names: LabelledNames,
): RequirementOutcome {
  const misses = requirement.achievementIds
    .filter(
      (achievementId) => !chosen.some((candidate) => candidate.achievementId === achievementId),
    )
    .map(
      (achievementId): Miss =>
        closestMiss(
          requirement,
          candidates.filter((candidate) => candidate.achievementId === achievementId),
          names,
        ) ?? {
          code: 'missing',
          reason: `no credential for ${names.achievement(achievementId)} was presented`,
        },
    );
  const shown =
    chosen.length === 0 ? 'none was met' : `${chosen.length} met (${metBy(chosen, names)})`;
  const firstMiss = misses.find((miss) => miss.code !== 'missing') ?? misses[0];
  return outcome(
    requirement,
    false,
    chosen.length > 0 ? 'not-enough' : (firstMiss?.code ?? 'missing'),
    `${requirement.count} of ${requirement.achievementIds.length} badges are needed and ${shown}: ${misses.map((miss) => miss.reason).join('; ')}`,
    [...chosen, ...misses.flatMap((miss) => (miss.candidate ? [miss.candidate] : []))],
  );
}

function decideSkill(
  requirement: PostingRequirement & { type: 'skill' },
  candidates: Candidate[],
  meeting: Candidate[],
  names: LabelledNames,
): RequirementOutcome {
  const skill = names.skill(requirement.skillUrl);
  const first = meeting[0];
  if (first) {
    return outcome(requirement, true, 'met', `${metBy([first], names)}, aligned to ${skill}`, [
      first,
    ]);
  }
  const aligned = candidates.filter((candidate) =>
    candidate.alignmentUrls.includes(requirement.skillUrl),
  );
  const miss = closestMiss(requirement, aligned, names);
  if (miss) return missOutcome(requirement, miss);
  const unaligned = candidates.filter(
    (candidate) => candidate.verified && accepts(requirement, candidate),
  );
  if (unaligned.length > 0) {
    return outcome(
      requirement,
      false,
      'not-aligned',
      `no badge aligned to ${skill} was presented: ${unaligned.map(titled).join(', ')} ${unaligned.length === 1 ? 'is' : 'are'} not aligned to it`,
      unaligned,
    );
  }
  return outcome(requirement, false, 'missing', `no badge aligned to ${skill} was presented`, []);
}

/**
 * Decides each requirement of a posting against the credentials of a verified presentation,
 * with a reason in plain words and a stable `code`. `matches` is what PEX found for each
 * requirement (see `matchRequirements`): a requirement is met only by credentials PEX found for
 * it that also verified (signature, dates, status, holder, issuer trusted) and come from an
 * issuer the clause accepts; a badge clause's minimum score is checked here too, on the result
 * bound to the achievement, which PEX's string pattern can't tell apart from other results.
 * When a requirement is not met, the reason names the closest miss. Badges and issuers the
 * posting's `labels` name are called so in reasons, beside their ids.
 *
 * @example
 * ```ts
 * const matches = matchRequirements(pex, posting.presentation_definition, jwts);
 * const outcomes = evaluateRequirements(
 *   posting.requirements,
 *   result.credentials,
 *   matches,
 *   posting.labels,
 * );
 * ```
 */
export function evaluateRequirements(
  requirements: readonly PostingRequirement[],
  credentials: readonly EvaluatedCredential[],
  matches: RequirementMatches,
  labels: RequirementLabels = {},
): RequirementOutcome[] {
  const names = labelledNames(labels);
  const candidates = credentials.flatMap((result, index) => {
    const candidate = candidateOf(result, index);
    return candidate ? [candidate] : [];
  });
  return requirements.map((requirement) => {
    const found = new Set(matches.get(requirement.id) ?? []);
    const meeting = candidates.filter(
      (candidate) =>
        found.has(candidate.index) && candidate.verified && accepts(requirement, candidate),
    );
    switch (requirement.type) {
      case 'badge': {
        const forBadge = candidates.filter(
          (candidate) => candidate.achievementId === requirement.achievementId,
        );
        const met = meeting.find(
          (candidate) =>
            candidate.achievementId === requirement.achievementId &&
            scoreMet(requirement.minScore, candidate),
        );
        if (met) return outcome(requirement, true, 'met', metBy([met], names), [met]);
        return missOutcome(
          requirement,
          closestMiss(requirement, forBadge, names, requirement.minScore) ?? {
            code: 'missing',
            reason: `no credential for ${names.achievement(requirement.achievementId)} was presented`,
          },
        );
      }
      case 'any-of':
        return decideAnyOf(
          requirement,
          candidates,
          meeting.filter((candidate) =>
            requirement.achievementIds.includes(candidate.achievementId),
          ),
          names,
        );
      case 'skill':
        return decideSkill(
          requirement,
          candidates,
          meeting.filter((candidate) => candidate.alignmentUrls.includes(requirement.skillUrl)),
          names,
        );
    }
  });
}
