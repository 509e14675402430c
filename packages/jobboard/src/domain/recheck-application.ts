import { decodeJwt, isJsonObject } from '@skillproof/core';
import {
  verifyCredential,
  type StatusListResolver,
  type VerifyCredentialResult,
} from '@skillproof/verifier';
import type { JobboardStore, StoredApplication } from '../ports/jobboard-store.js';
import type {
  ApplicationView,
  CurrentStatus,
  Posting,
  RequirementOutcomeView,
} from '../jobboard-types.js';
import { currentStatusOf } from './current-status-of.js';
import { trustedIssuersForRequirements } from './trusted-issuers-for-requirements.js';

/** What re-checking applications needs. */
export interface RecheckDeps {
  store: JobboardStore;
  /** The app's one status list resolver: lists are fetched once per TTL, not per applicant. */
  statusLists: StatusListResolver;
  now: () => Date;
}

const severity: CurrentStatus[] = ['revoked', 'suspended', 'expired', 'unknown', 'valid'];

function credentialJwtsOfOne(presentationJwt: string): Array<string | undefined> {
  try {
    const vp = decodeJwt(presentationJwt).payload['vp'];
    const entries =
      isJsonObject(vp) && Array.isArray(vp['verifiableCredential'])
        ? vp['verifiableCredential']
        : [];
    return entries.map((entry: unknown) => {
      const jwt =
        isJsonObject(entry) && isJsonObject(entry['proof']) ? entry['proof']['jwt'] : entry;
      return typeof jwt === 'string' ? jwt : undefined;
    });
  } catch {
    return [];
  }
}

/** A stored credential as the verifier reads it again: a compact JWT, or a Data Integrity document. */
type StoredCredentialForm = string | Record<string, unknown>;

// A Data Integrity presentation (an OpenID4VP `ldp_vc` answer) carries its credentials as
// documents: one or a list of them (VCDM 2.0 §4.12).
function credentialDocumentsOf(
  presentation: Record<string, unknown>,
): Array<StoredCredentialForm | undefined> {
  const entries = presentation['verifiableCredential'];
  const list = isJsonObject(entries) ? [entries] : Array.isArray(entries) ? entries : [];
  return list.map((entry: unknown) =>
    isJsonObject(entry) || typeof entry === 'string' ? entry : undefined,
  );
}

/**
 * The credentials of a stored presentation, by place (it verified when it was stored). An
 * OpenID4VP answer of several presentations, or of a Data Integrity one, is stored as their JSON
 * array: its credentials are numbered across them, in order, as the evidence numbers them, so
 * every presentation counts its credentials whatever its form.
 */
function credentialsOf(presentationJwt: string): Array<StoredCredentialForm | undefined> {
  if (!presentationJwt.startsWith('[')) return credentialJwtsOfOne(presentationJwt);
  try {
    const presentations = JSON.parse(presentationJwt) as unknown;
    if (!Array.isArray(presentations)) return [];
    return presentations.flatMap((presentation: unknown) =>
      typeof presentation === 'string'
        ? credentialJwtsOfOne(presentation)
        : isJsonObject(presentation)
          ? credentialDocumentsOf(presentation)
          : [],
    );
  } catch {
    return [];
  }
}

function inWords(status: CurrentStatus): string {
  switch (status) {
    case 'revoked':
      return 'has been revoked by its issuer since the application';
    case 'suspended':
      return 'is suspended by its issuer now';
    case 'expired':
      return 'has expired since the application';
    default:
      return 'could not be re-checked just now';
  }
}

/**
 * Re-checks, now, every credential that met a requirement of a stored application (signature,
 * dates, trust and above all status: revoked or suspended since), without rewriting the stored
 * decision: each met requirement gets a `currentStatus` (`valid` while enough of its credentials
 * still are) and each credential that no longer is gets a plain-words flag.
 *
 * @example
 * ```ts
 * const view = await recheckApplication(deps, posting, stored);
 * view.flags; // ['r1: "Python Problem Solver I" has been revoked by its issuer since the application']
 * ```
 */
export async function recheckApplication(
  deps: RecheckDeps,
  posting: Posting,
  application: StoredApplication,
): Promise<ApplicationView> {
  const trustedIssuers = trustedIssuersForRequirements(posting.requirements);
  const checked = new Map<StoredCredentialForm, Promise<VerifyCredentialResult>>();
  const recheck = (credential: StoredCredentialForm): Promise<VerifyCredentialResult> => {
    let result = checked.get(credential);
    if (!result) {
      result = verifyCredential(credential, {
        now: deps.now,
        trustedIssuers,
        statusLists: deps.statusLists,
      });
      checked.set(credential, result);
    }
    return result;
  };
  const flags: string[] = [];
  const stored = credentialsOf(application.presentationJwt);
  const requirements = await Promise.all(
    application.requirements.map(async (requirement): Promise<RequirementOutcomeView> => {
      if (!requirement.met) return requirement;
      const statuses = await Promise.all(
        requirement.credentials.map(async (credential) => {
          const evidence = application.evidence.find(
            (entry) =>
              entry.verified &&
              entry.credentialId === credential.credentialId &&
              entry.achievementId === credential.achievementId &&
              entry.issuer === credential.issuer,
          );
          const held = evidence && stored[evidence.index];
          if (held === undefined) return 'unknown' as const;
          const status = currentStatusOf(await recheck(held));
          // In words for people; which credential it is, is in the outcome's credentials.
          if (status !== 'valid') {
            flags.push(`${requirement.id}: "${credential.name}" ${inWords(status)}`);
          }
          return status;
        }),
      );
      const clause = posting.requirements.find((entry) => entry.id === requirement.id);
      const needed = clause?.type === 'any-of' ? clause.count : 1;
      const valid = statuses.filter((status) => status === 'valid').length;
      const currentStatus =
        valid >= needed
          ? 'valid'
          : (severity.find((status) => statuses.includes(status)) ?? 'unknown');
      return { ...requirement, currentStatus };
    }),
  );
  const { evidence: _evidence, presentationJwt: _presentationJwt, ...decision } = application;
  return { ...decision, requirements, flags };
}
