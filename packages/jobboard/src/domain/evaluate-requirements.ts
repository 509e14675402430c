import type { VerifyCredentialResult } from '@skillproof/verifier';
import type {
  AnyOfClause,
  OutcomeCredential,
  PostingRequirement,
  RequirementClause,
  RequirementLabels,
  RequirementOutcome,
  RequirementOutcomeCode,
} from '../jobboard-types.js';
import { badgeFactsOf, type BadgeFacts } from './badge-facts.js';
import { boardStandingOf } from './board-standing.js';
import { labelledNames, type LabelledNames } from './labelled-names.js';
import type { RequirementMatches } from './match-requirements.js';

/**
 * What {@link evaluateRequirements} reads of each presented credential's verification: the
 * verdict, its checks, and the credential as its signed payload says (present only once its
 * signature checked out). Never the JWT: nothing is decoded here.
 */
export type EvaluatedCredential = Omit<VerifyCredentialResult, 'jwt'>;

/** A presented credential whose signature checked out: what it says, and how it verified. */
interface Candidate extends BadgeFacts {
  index: number;
  verified: boolean;
  /** Why it failed, as an outcome code; undefined when it verified. */
  failure?: RequirementOutcomeCode;
  /** The verifier's words for the check that decided its failure. */
  why: string;
}

/**
 * A presented credential the verifier returned no content for (its signature failed, or it is
 * not a credential at all). What it claims is never read, so it is known only by its place.
 */
interface Unreadable {
  index: number;
  why: string;
}

/** A requirement not met, and the credential the reason is about. */
interface Miss {
  code: RequirementOutcomeCode;
  reason: string;
  candidate?: Candidate;
}

function candidateOf(result: EvaluatedCredential, index: number): Candidate | undefined {
  const facts = result.credential && badgeFactsOf(result.credential);
  if (!facts) return undefined;
  const { failure, message } = boardStandingOf(result);
  return {
    ...facts,
    index,
    verified: result.verified,
    ...(failure === undefined ? {} : { failure }),
    why: message ?? 'unknown failure',
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

/**
 * Whether a badge carries the minimum score: the one place the board decides it, on the result
 * bound to the achievement (`badgeFactsOf`). The definition's score pattern only lets wallets
 * select; it can't tell this achievement's score from another result's.
 */
function scoreMet(minScore: number | undefined, candidate: Candidate): boolean {
  return minScore === undefined || (candidate.score !== undefined && candidate.score >= minScore);
}

function inWords(items: readonly string[]): string {
  return items.length <= 1
    ? items.join('')
    : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/**
 * Nothing for `what` was presented. When credentials came back unread, that is said instead:
 * the applicant learns which did not verify and why, and nothing they claim is used.
 */
function nothingFor(what: string, unreadable: readonly Unreadable[]): Miss {
  const nothing = `no credential for ${what} was presented`;
  if (unreadable.length === 0) return { code: 'missing', reason: nothing };
  const places = unreadable.map((entry) => String(entry.index + 1));
  const which =
    unreadable.length === 1 ? `credential ${places[0]}` : `credentials ${inWords(places)}`;
  return {
    code: 'invalid',
    reason: `${nothing} that verified: ${which} of the presentation did not verify (${unreadable.map((entry) => entry.why).join('; ')}), so what ${unreadable.length === 1 ? 'it claims' : 'they claim'} was not read`,
  };
}

/**
 * The closest miss among `relevant` credentials: one from an accepted issuer that verified but
 * does not carry the minimum score, then one from an accepted issuer that did not verify, then
 * one from an issuer not accepted, then one that verified but does not answer the definition;
 * `undefined` when nothing relevant was presented.
 */
function closestMiss(
  clause: RequirementClause,
  relevant: Candidate[],
  names: LabelledNames,
  minScore?: number,
): Miss | undefined {
  const accepted = relevant.filter((candidate) => accepts(clause, candidate));
  const lowScore = accepted.find(
    (candidate) => candidate.verified && !scoreMet(minScore, candidate),
  );
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
      reason: `"${failed.name}" was presented but did not verify: ${failed.why}`,
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
  const unanswered = accepted[0];
  if (unanswered) {
    return {
      code: 'invalid',
      reason: `${titled(unanswered)} does not answer the presentation definition`,
      candidate: unanswered,
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

/** What was presented, as the verifier returned it. */
interface Presented {
  candidates: Candidate[];
  unreadable: Unreadable[];
  names: LabelledNames;
}

function decideBadge(
  requirement: PostingRequirement & { type: 'badge' },
  presented: Presented,
  meeting: Candidate[],
): RequirementOutcome {
  const { candidates, unreadable, names } = presented;
  const met = meeting.find((candidate) => scoreMet(requirement.minScore, candidate));
  if (met) return outcome(requirement, true, 'met', metBy([met], names), [met]);
  const forBadge = candidates.filter(
    (candidate) => candidate.achievementId === requirement.achievementId,
  );
  return missOutcome(
    requirement,
    closestMiss(requirement, forBadge, names, requirement.minScore) ??
      nothingFor(names.achievement(requirement.achievementId), unreadable),
  );
}

function decideAnyOf(
  requirement: PostingRequirement & AnyOfClause,
  presented: Presented,
  meeting: Candidate[],
): RequirementOutcome {
  const { candidates, names } = presented;
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
  // Enough badges verified from an accepted issuer, yet PEX did not find them all: the clause is
  // not met, and the reason says the badges do not answer the definition.
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
  return anyOfMiss(requirement, presented, partial);
}

function anyOfMiss(
  requirement: PostingRequirement & AnyOfClause,
  presented: Presented,
  chosen: Candidate[],
): RequirementOutcome {
  const { candidates, unreadable, names } = presented;
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
        ) ?? nothingFor(names.achievement(achievementId), unreadable),
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
  presented: Presented,
  meeting: Candidate[],
): RequirementOutcome {
  const { candidates, unreadable, names } = presented;
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
  const nothing = nothingFor(`a badge aligned to ${skill}`, unreadable);
  return outcome(
    requirement,
    false,
    nothing.code,
    nothing.code === 'missing' ? `no badge aligned to ${skill} was presented` : nothing.reason,
    [],
  );
}

/**
 * Decides each requirement of a posting against the credentials of a verified presentation,
 * with a reason in plain words and a stable `code`. `matches` is what PEX found for each
 * requirement over the credentials that passed every check (see `matchRequirements`): a
 * requirement is met only by credentials PEX found for it that also verified (signature, dates,
 * status, holder, issuer trusted) and come from an issuer the clause accepts; a badge clause's
 * minimum score is decided here, on the result bound to the achievement. A credential is read
 * only as the verifier returned it: one whose signature failed comes back without content, so
 * it can meet nothing and is named only by its place and the verifier's reason. When a
 * requirement is not met, the reason names the closest miss. Badges and issuers the posting's
 * `labels` name are called so in reasons, beside their ids.
 *
 * @example
 * ```ts
 * const outcomes = evaluateRequirements(
 *   posting.requirements,
 *   result.credentials, // verifyPresentation's, in presentation order
 *   matches, // what PEX found for each requirement, as positions in result.credentials
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
  const presented: Presented = { candidates: [], unreadable: [], names: labelledNames(labels) };
  credentials.forEach((result, index) => {
    if (result.credential === undefined) {
      presented.unreadable.push({
        index,
        why: boardStandingOf(result).message ?? 'unknown failure',
      });
      return;
    }
    const candidate = candidateOf(result, index);
    if (candidate) presented.candidates.push(candidate);
  });
  return requirements.map((requirement) => {
    const found = new Set(matches.get(requirement.id) ?? []);
    const meeting = presented.candidates.filter(
      (candidate) =>
        found.has(candidate.index) && candidate.verified && accepts(requirement, candidate),
    );
    switch (requirement.type) {
      case 'badge':
        return decideBadge(
          requirement,
          presented,
          meeting.filter((candidate) => candidate.achievementId === requirement.achievementId),
        );
      case 'any-of':
        return decideAnyOf(
          requirement,
          presented,
          meeting.filter((candidate) =>
            requirement.achievementIds.includes(candidate.achievementId),
          ),
        );
      case 'skill':
        return decideSkill(
          requirement,
          presented,
          meeting.filter((candidate) => candidate.alignmentUrls.includes(requirement.skillUrl)),
        );
    }
  });
}
