import type {
  AnyOfClause,
  BadgeClause,
  OutcomeCredential,
  RequirementClause,
  RequirementLabels,
  RequirementOutcome,
  RequirementOutcomeCode,
  SkillClause,
} from '@skillproof/core';
import type { CheckCode } from '../check-codes.js';
import {
  credentialStanding,
  type CredentialStanding,
  type Standing,
} from '../credential-standing.js';
import type { VerifyCredentialResult } from '../verification-result.js';
import { badgeFactsOf, type BadgeFacts } from './badge-facts.js';
import { labelledNames, type LabelledNames } from './labelled-names.js';

/**
 * What {@link evaluateRequirements} reads of each presented credential's verification: the
 * verdict, the failed checks, and the credential as its signed payload says (present only once
 * its signature checked out). A {@link VerifyCredentialResult} is one; a wallet may build one
 * for a badge it verified when it stored it (`{ verified: true, errors: [], credential }`).
 */
export type EvaluatedCredential = Pick<
  VerifyCredentialResult,
  'verified' | 'errors' | 'credential'
>;

/** Options of {@link evaluateRequirements}. */
export interface EvaluateRequirementsOptions {
  /** The clock `withinMonths` counts back from. Default the system clock. */
  now?: () => Date;
}

/** The outcome of {@link evaluateRequirements}. */
export interface RequirementsEvaluation {
  /** Every requirement is met. */
  qualified: boolean;
  /** One outcome per requirement, in the requirements' order. */
  requirements: RequirementOutcome[];
  /**
   * Some outcome rests on a credential whose status could not be learnt just now (the
   * verifier's standing `unknown`: its status list could not be fetched). Such a credential
   * counts as not verified, so the verdict fails closed, but that is no verdict on the holder:
   * asking again once the status can be learnt may decide otherwise. False when knowing those
   * statuses would change no outcome.
   */
  undecided: boolean;
}

/** A presented credential whose signature checked out: what it says, and how it verified. */
interface Candidate extends BadgeFacts {
  index: number;
  verified: boolean;
  /** Why it failed, as an outcome code; undefined when it verified. */
  failure?: RequirementOutcomeCode;
  /** The code of the check that decided its failure. */
  failedCheck?: CheckCode;
}

/**
 * A presented credential the verifier returned no content for (its signature failed, or it is
 * not a credential at all). What it claims is never read, so it is known only by its place.
 */
interface Unreadable {
  index: number;
  failedCheck?: CheckCode;
}

/** A requirement not met, and the credential the reason is about. */
interface Miss {
  code: RequirementOutcomeCode;
  reason: string;
  candidate?: Candidate;
}

/** What was presented, as the verifier returned it. */
interface Presented {
  candidates: Candidate[];
  unreadable: Unreadable[];
  names: LabelledNames;
  /** The moment `withinMonths` counts back from. */
  now: Date;
}

/** The earliest moment a badge may have been earned or renewed to be current for `clause`. */
function currentSince(clause: RequirementClause, now: Date): number | undefined {
  if (clause.withinMonths === undefined) return undefined;
  const since = new Date(now.getTime());
  since.setUTCMonth(since.getUTCMonth() - clause.withinMonths);
  return since.getTime();
}

/** Whether a badge is current for a clause: no rule, or earned or renewed since its start. */
function currentFor(clause: RequirementClause, candidate: Candidate, now: Date): boolean {
  const since = currentSince(clause, now);
  return since === undefined || (candidate.earnedAt !== undefined && candidate.earnedAt >= since);
}

function monthsText(months: number): string {
  return months === 1 ? '1 month' : `${months} months`;
}

// The verifier's standing in the words of an outcome: a status that could not be learnt fails
// like any other credential that did not verify (the verdict fails closed).
const failureByStanding: Record<Exclude<Standing, 'valid'>, RequirementOutcomeCode> = {
  revoked: 'revoked',
  suspended: 'suspended',
  expired: 'expired',
  untrusted: 'untrusted-issuer',
  unknown: 'invalid',
  invalid: 'invalid',
};

// Why a credential did not verify, in a few words a person can act on, by the deciding check.
// The verifier's own message (which may name DIDs and URLs) stays in its checks.
const whyByCheck: Partial<Record<CheckCode, string>> = {
  STATUS_REVOKED: 'its issuer has revoked it',
  STATUS_SUSPENDED: 'its issuer has suspended it',
  EXPIRED: 'it has expired',
  NOT_YET_VALID: 'it is not valid yet',
  HOLDER_NOT_SUBJECT: 'it was issued to someone other than the applicant',
  STATUS_UNAVAILABLE: 'its status could not be checked',
  STATUS_LIST_INVALID: 'its status list could not be read',
  STATUS_LIST_TOO_SHORT: 'its status list could not be read',
  STATUS_LIST_ISSUER_MISMATCH: 'its status list could not be read',
  STATUS_ENTRY_INVALID: 'its status entry is malformed',
  STATUS_UNSUPPORTED: 'its kind of status is not supported',
  SIGNATURE_INVALID: 'its signature does not hold',
  KID_MISMATCH: 'its signature does not hold',
  ISSUER_MISMATCH: 'its signature does not hold',
  PAYLOAD_MISMATCH: 'what it shows differs from what was signed',
  ALG_NOT_ALLOWED: 'it is signed with an algorithm not accepted',
  DID_UNSUPPORTED: "its issuer's kind of DID is not supported",
  JWT_MALFORMED: 'it is not a readable credential',
  FORMAT_INVALID: 'it is not a readable credential',
  PAYLOAD_INVALID: 'it is not a readable credential',
  TOO_LARGE: 'it is too large',
  ISSUER_MISSING: 'it names no issuer DID',
  KEY_NOT_FOUND: "it is signed with a key its issuer's DID does not list",
  DID_INVALID: "its issuer's DID could not be resolved",
  DID_RESOLUTION_FAILED: "its issuer's DID could not be resolved",
  DID_REDIRECT_REFUSED: "its issuer's DID could not be resolved",
  DID_ADDRESS_NOT_ALLOWED: "its issuer's DID could not be resolved",
  CONTEXT_UNKNOWN: 'it uses a JSON-LD context that is not accepted',
  CONTEXT_INVALID: 'it uses a JSON-LD context that is not accepted',
  TERM_UNDEFINED: 'it holds terms no context defines',
  PROOF_INVALID: 'its proof is malformed',
  CRYPTOSUITE_UNSUPPORTED: 'it is signed with a kind of proof not accepted',
  PROOF_PURPOSE_MISMATCH: 'its proof is not an assertion by its issuer',
  STATUS_HOST_NOT_ALLOWED: 'its status list is on a host not allowed',
  TRANSPARENCY_UNAVAILABLE: "its issuer's transparency log could not be reached",
  TRANSPARENCY_HOST_NOT_ALLOWED: "its issuer's transparency log is on a host not allowed",
  TRANSPARENCY_NOT_LOGGED: "it is not in its issuer's transparency log",
  TRANSPARENCY_CHECKPOINT_INVALID:
    "its transparency log's checkpoint is not signed by its issuer's key",
  TRANSPARENCY_PROOF_INVALID: "its transparency log's inclusion proof does not hold",
  TRANSPARENCY_ENTRY_MISMATCH: 'its transparency log receipt is for another credential',
  TRANSPARENCY_STATUS_MISMATCH: 'its transparency log and its status list disagree on its status',
  TRANSPARENCY_WITNESSES_MISSING:
    "its issuer's log checkpoint lacks the independent witnesses' cosignatures required",
};

function whyOf(failedCheck: CheckCode | undefined): string {
  return (failedCheck && whyByCheck[failedCheck]) ?? 'it did not verify';
}

function standingOf(result: EvaluatedCredential): CredentialStanding {
  return credentialStanding({ checks: [], warnings: [], ...result });
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

/** A badge as reasons name it: its name as its credential gives it, quoted. */
function titled(candidate: Candidate): string {
  return `"${candidate.name}"`;
}

function issuerOf(candidate: Candidate, names: LabelledNames): string {
  return names.issuer(candidate.issuer, candidate.issuerName);
}

function inWords(items: readonly string[]): string {
  return items.length <= 1
    ? items.join('')
    : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/** `"A" and "B" from X`, or `"A" from X and "B" from Y`; scores shown when asked. */
function badgesFrom(candidates: Candidate[], names: LabelledNames, withScore = false): string {
  const badge = (candidate: Candidate) =>
    withScore && candidate.score !== undefined
      ? `${titled(candidate)} (score ${candidate.score})`
      : titled(candidate);
  const issuers = new Set(candidates.map((candidate) => issuerOf(candidate, names)));
  const [first] = candidates;
  if (issuers.size === 1 && first) {
    return `${inWords(candidates.map(badge))} from ${issuerOf(first, names)}`;
  }
  return inWords(
    candidates.map((candidate) => `${badge(candidate)} from ${issuerOf(candidate, names)}`),
  );
}

function metBy(candidates: Candidate[], names: LabelledNames, withScore = false): string {
  return `met by ${badgesFrom(candidates, names, withScore)}`;
}

/**
 * Whether a clause accepts a credential's issuer: listed by the clause, and not refused by the
 * verifier's trust list (which may trust an issuer for some achievements only).
 */
function accepts(clause: RequirementClause, candidate: Candidate): boolean {
  return (
    candidate.failure !== 'untrusted-issuer' && clause.acceptedIssuers.includes(candidate.issuer)
  );
}

/**
 * Whether a badge carries the minimum score: the one place it is decided, on the result bound
 * to the achievement (`badgeFactsOf`). A Presentation Exchange score pattern only lets wallets
 * select; it can't tell this achievement's score from another result's.
 */
function scoreMet(minScore: number | undefined, candidate: Candidate): boolean {
  return minScore === undefined || (candidate.score !== undefined && candidate.score >= minScore);
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
  const why = [...new Set(unreadable.map((entry) => whyOf(entry.failedCheck)))].join('; ');
  return {
    code: 'invalid',
    reason: `${nothing} that verified: ${which} of the presentation did not verify (${why}), so what ${unreadable.length === 1 ? 'it claims' : 'they claim'} was not read`,
  };
}

/**
 * The closest miss among `relevant` credentials (those for the achievement or skill asked for):
 * one from an accepted issuer that verified but does not carry the minimum score, then one from
 * an accepted issuer that did not verify, then one from an issuer not accepted; `undefined`
 * when nothing relevant was presented.
 */
function closestMiss(
  clause: RequirementClause,
  relevant: Candidate[],
  now: Date,
  minScore?: number,
): Miss | undefined {
  const accepted = relevant.filter((candidate) => accepts(clause, candidate));
  const stale = accepted.find(
    (candidate) =>
      candidate.verified && scoreMet(minScore, candidate) && !currentFor(clause, candidate, now),
  );
  if (stale && clause.withinMonths !== undefined) {
    const when =
      stale.earnedAt === undefined
        ? 'carries no date it was earned'
        : `was earned or last renewed on ${new Date(stale.earnedAt).toISOString().slice(0, 10)}`;
    return {
      code: 'too-old',
      reason: `${titled(stale)} ${when}; this requirement asks for one earned or renewed within the last ${monthsText(clause.withinMonths)}`,
      candidate: stale,
    };
  }
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
      reason: `${titled(failed)} was presented, but ${whyOf(failed.failedCheck)}`,
      candidate: failed,
    };
  }
  const untrusted = relevant.find((candidate) => !accepts(clause, candidate));
  if (untrusted) {
    return {
      code: 'untrusted-issuer',
      reason: `${titled(untrusted)} was presented, but its issuer is not accepted for this requirement`,
      candidate: untrusted,
    };
  }
  return undefined;
}

function outcome(
  requirement: RequirementClause,
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

function missOutcome(requirement: RequirementClause, miss: Miss): RequirementOutcome {
  return outcome(
    requirement,
    false,
    miss.code,
    miss.reason,
    miss.candidate ? [miss.candidate] : [],
  );
}

/**
 * The credentials that meet a clause on their own: verified, from an accepted issuer, current
 * when the clause asks, and for it.
 */
function meetingOf(
  clause: RequirementClause,
  candidates: readonly Candidate[],
  now: Date,
): Candidate[] {
  return candidates.filter(
    (candidate) =>
      candidate.verified &&
      accepts(clause, candidate) &&
      currentFor(clause, candidate, now) &&
      (clause.type === 'badge'
        ? candidate.achievementId === clause.achievementId && scoreMet(clause.minScore, candidate)
        : clause.type === 'any-of'
          ? clause.achievementIds.includes(candidate.achievementId)
          : candidate.alignmentUrls.includes(clause.skillUrl)),
  );
}

/** A badge the clause names, as reasons call it: its label, else its short id, quoted. */
function badgeNamed(achievementId: string, names: LabelledNames): string {
  return `"${names.achievement(achievementId)}"`;
}

function decideBadge(requirement: BadgeClause, presented: Presented): RequirementOutcome {
  const { candidates, unreadable, names, now } = presented;
  const [met] = meetingOf(requirement, candidates, now);
  if (met) {
    const reason = metBy([met], names, requirement.minScore !== undefined);
    return outcome(requirement, true, 'met', reason, [met]);
  }
  const forBadge = candidates.filter(
    (candidate) => candidate.achievementId === requirement.achievementId,
  );
  return missOutcome(
    requirement,
    closestMiss(requirement, forBadge, now, requirement.minScore) ??
      nothingFor(badgeNamed(requirement.achievementId, names), unreadable),
  );
}

function decideAnyOf(requirement: AnyOfClause, presented: Presented): RequirementOutcome {
  const { candidates, unreadable, names, now } = presented;
  const meeting = meetingOf(requirement, candidates, now);
  // One credential per badge: two of the same badge count once.
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
  const misses = requirement.achievementIds
    .filter(
      (achievementId) => !chosen.some((candidate) => candidate.achievementId === achievementId),
    )
    .map(
      (achievementId): Miss =>
        closestMiss(
          requirement,
          candidates.filter((candidate) => candidate.achievementId === achievementId),
          now,
        ) ?? nothingFor(badgeNamed(achievementId, names), unreadable),
    );
  const shown =
    chosen.length === 0
      ? 'none was met'
      : `${chosen.length} was met (${badgesFrom(chosen, names)})`;
  const firstMiss = misses.find((miss) => miss.code !== 'missing') ?? misses[0];
  return outcome(
    requirement,
    false,
    chosen.length > 0 ? 'not-enough' : (firstMiss?.code ?? 'missing'),
    `${requirement.count} of the ${requirement.achievementIds.length} badges are needed and ${shown}: ${misses.map((miss) => miss.reason).join('; ')}`,
    [...chosen, ...misses.flatMap((miss) => (miss.candidate ? [miss.candidate] : []))],
  );
}

function decideSkill(requirement: SkillClause, presented: Presented): RequirementOutcome {
  const { candidates, unreadable, names, now } = presented;
  const aligned = candidates.filter((candidate) =>
    candidate.alignmentUrls.includes(requirement.skillUrl),
  );
  // Unlabelled, the skill is called as a presented badge's alignment calls it.
  const named = aligned
    .map((candidate) => candidate.alignmentNames.get(requirement.skillUrl))
    .find((name) => name !== undefined);
  const skill = names.skill(requirement.skillUrl, named);
  const [first] = meetingOf(requirement, candidates, now);
  if (first) {
    return outcome(requirement, true, 'met', `${metBy([first], names)}, aligned to ${skill}`, [
      first,
    ]);
  }
  const miss = closestMiss(requirement, aligned, now);
  if (miss) return missOutcome(requirement, miss);
  const unaligned = candidates.filter(
    (candidate) => candidate.verified && accepts(requirement, candidate),
  );
  if (unaligned.length > 0) {
    return outcome(
      requirement,
      false,
      'not-aligned',
      `no badge aligned to ${skill} was presented: ${inWords(unaligned.map(titled))} ${unaligned.length === 1 ? 'is' : 'are'} not aligned to it`,
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
 * The presented credentials as candidates; with `assumeStatusKnown`, one whose only failure is
 * a status that could not be learnt counts as verified (to see whether that status matters).
 */
function presentedOf(
  credentials: readonly EvaluatedCredential[],
  names: LabelledNames,
  now: Date,
  assumeStatusKnown = false,
): Presented {
  const presented: Presented = { candidates: [], unreadable: [], names, now };
  credentials.forEach((result, index) => {
    const { standing, code } = standingOf(result);
    const failedCheck = code === undefined ? {} : { failedCheck: code };
    if (result.credential === undefined) {
      presented.unreadable.push({ index, ...failedCheck });
      return;
    }
    const facts = badgeFactsOf(result.credential);
    if (!facts) return;
    const verified = result.verified || (assumeStatusKnown && standing === 'unknown');
    presented.candidates.push({
      ...facts,
      index,
      verified,
      ...(verified || standing === 'valid'
        ? {}
        : { failure: failureByStanding[standing], ...failedCheck }),
    });
  });
  return presented;
}

function decideAll(
  requirements: readonly RequirementClause[],
  presented: Presented,
): RequirementOutcome[] {
  return requirements.map((requirement) => {
    switch (requirement.type) {
      case 'badge':
        return decideBadge(requirement, presented);
      case 'any-of':
        return decideAnyOf(requirement, presented);
      case 'skill':
        return decideSkill(requirement, presented);
    }
  });
}

/**
 * Decides each requirement clause of a posting against presented credentials, as their
 * verification returned them, with a reason in one plain sentence and a stable `code`;
 * `qualified` only when every requirement is met. The one evaluation of requirements: the job
 * board decides applications with it and a wallet tells its holder, locally, which postings
 * they qualify for.
 *
 * The clauses are read directly, on each credential's signed facts (`badgeFactsOf`): a badge
 * clause is met by a credential that verified (signature, dates, status, holder, trust), comes
 * from an issuer the clause accepts and is for its achievement, with at least its minimum score
 * on the result bound to that achievement and, when the clause has `withinMonths`, earned or
 * renewed (`validFrom`, else `issuanceDate`) within that many months before `options.now`; an any-of clause by `count` distinct such badges of
 * its list; a skill clause by such a badge aligned to its skill. A credential whose signature
 * failed comes back without content, so it meets nothing and is named only by its place. When a
 * requirement is not met, the reason names the closest miss.
 *
 * Reasons name things for people, never by a full DID, URL or credential id (those are in the
 * clause and the outcome's `credentials`, and the verifier's own words in its checks): badges by
 * the name their credential gives or the posting's `labels`, issuers by those labels or their
 * profile's name. A credential whose status could not be learnt fails closed, and `undecided`
 * says whether that changed anything.
 *
 * @example
 * ```ts
 * import { evaluateRequirements } from '@skillproof/verifier/requirements';
 * const result = await verifyPresentation(vp, policy);
 * const { qualified, requirements } = evaluateRequirements(
 *   posting.requirements,
 *   result.credentials, // in presentation order
 *   posting.labels,
 * );
 * requirements[0]?.reason; // 'met by "Python Problem Solver I" (score 92) from Skillproof Academy'
 * ```
 */
export function evaluateRequirements(
  requirements: readonly RequirementClause[],
  credentials: readonly EvaluatedCredential[],
  labels: RequirementLabels = {},
  options: EvaluateRequirementsOptions = {},
): RequirementsEvaluation {
  const names = labelledNames(labels);
  const now = options.now?.() ?? new Date();
  const decided = decideAll(requirements, presentedOf(credentials, names, now));
  // Only when some status could not be learnt: would knowing it change any outcome?
  const undecided =
    credentials.some((result) => standingOf(result).standing === 'unknown') &&
    JSON.stringify(decideAll(requirements, presentedOf(credentials, names, now, true))) !==
      JSON.stringify(decided);
  return {
    qualified: decided.every((requirement) => requirement.met),
    requirements: decided,
    undecided,
  };
}
