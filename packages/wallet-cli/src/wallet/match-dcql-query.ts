import {
  credentialFromJwtPayload,
  decodeJwt,
  isJsonObject,
  SkillproofError,
} from '@skillproof/core';
import { DcqlQuery, type DcqlCredential, type DcqlW3cVcCredential } from 'dcql';
import type { StoredCredential } from './wallet-store.js';

/** One credential the wallet would present, for one credential query. */
export interface DcqlChoice {
  /** The credential query it answers: the key of its presentation in the `vp_token`. */
  queryId: string;
  credential: StoredCredential;
  /** The claims the query asks for, as dotted paths (`credentialSubject.achievement.id`). */
  claims: string[];
}

/** The outcome of {@link matchDcqlQuery}. */
export interface DcqlMatch {
  /** Every credential query to answer, with the credential chosen for it. */
  chosen: DcqlChoice[];
  /** Every required credential set (or, without sets, every credential query) is answered. */
  satisfied: boolean;
  /** What is left unanswered: each required set's purpose, or its options' query ids. */
  unmet: string[];
}

function asArray(value: unknown): string[] {
  if (Array.isArray(value))
    return value.filter((entry): entry is string => typeof entry === 'string');
  return typeof value === 'string' ? [value] : [];
}

/**
 * A stored credential as the `dcql` package reads W3C credentials (OpenID4VP 1.0 Appendix B.1):
 * a `jwt_vc_json` credential as the credential its JWT decodes to (B.1.2: claims paths start at
 * the credential; VCDM 1.1 §6.3.1 maps `iss` to `issuer.id`), an `ldp_vc` credential as its
 * document. `vc+jwt` has no DCQL format identifier and is left out.
 */
function dcqlCredentialOf(entry: StoredCredential): DcqlCredential | undefined {
  try {
    const document =
      entry.format === 'jwt_vc_json'
        ? credentialFromJwtPayload(decodeJwt(entry.credential).payload)
        : entry.format === 'ldp_vc' && isJsonObject(entry.credential)
          ? entry.credential
          : undefined;
    if (document === undefined || entry.format === 'vc+jwt') return undefined;
    const credential: DcqlW3cVcCredential = {
      credential_format: entry.format,
      type: asArray((document as Record<string, unknown>)['type']),
      // Parsed JSON, so JSON all through.
      claims: document as DcqlW3cVcCredential.Claims,
      cryptographic_holder_binding: true,
    };
    return credential;
  } catch {
    return undefined;
  }
}

function describeClaimPath(path: readonly unknown[]): string {
  return path.map((part) => (part === null ? '*' : String(part))).join('.');
}

/**
 * Matches a request's DCQL query (OpenID4VP 1.0 §6) against the wallet's credentials with the
 * `dcql` package, entirely inside the wallet, honouring `credential_sets` (§6.2): for each set
 * the first option whose every credential query a credential answers; optional
 * sets are answered when they can be. Without sets every credential query is required. Each
 * query gets one credential (the newest), or every matching one when it says `multiple`.
 *
 * @throws SkillproofError `VALIDATION_FAILED` when the query is not a valid DCQL query.
 * @example
 * ```ts
 * const { satisfied, chosen } = matchDcqlQuery(request.dcqlQuery, usable);
 * ```
 */
export function matchDcqlQuery(query: unknown, held: readonly StoredCredential[]): DcqlMatch {
  let parsed: DcqlQuery;
  try {
    parsed = DcqlQuery.parse(query as DcqlQuery.Input);
    DcqlQuery.validate(parsed);
  } catch (error) {
    const why = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new SkillproofError(
      'VALIDATION_FAILED',
      `the request's dcql_query is not a valid DCQL query (${String(why).slice(0, 200)}); nothing was sent`,
    );
  }
  const newestFirst = [...held].reverse();
  const shaped = newestFirst.flatMap((entry) => {
    const credential = dcqlCredentialOf(entry);
    return credential === undefined ? [] : [{ entry, credential }];
  });
  const result = DcqlQuery.query(
    parsed,
    shaped.map(({ credential }) => credential),
  );
  const queries = new Map(
    parsed.credentials.map((credentialQuery) => [credentialQuery.id, credentialQuery]),
  );
  const answers = new Map<string, StoredCredential[]>();
  for (const [queryId, match] of Object.entries(result.credential_matches)) {
    const matching = match.success
      ? match.valid_credentials.flatMap(({ input_credential_index: index }) => {
          const entry = shaped[index]?.entry;
          return entry === undefined ? [] : [entry];
        })
      : [];
    if (matching.length > 0) {
      answers.set(queryId, queries.get(queryId)?.multiple ? matching : matching.slice(0, 1));
    }
  }
  const answered = (option: readonly string[]) => option.every((id) => answers.has(id));
  const taken = new Set<string>();
  const unmet: string[] = [];
  if (parsed.credential_sets) {
    for (const set of parsed.credential_sets) {
      const option = set.options.find(answered);
      if (option) for (const id of option) taken.add(id);
      else if (set.required) {
        unmet.push(
          typeof set.purpose === 'string'
            ? set.purpose
            : set.options.map((ids) => ids.join(' + ')).join(' or '),
        );
      }
    }
  } else {
    for (const credentialQuery of parsed.credentials) {
      if (answers.has(credentialQuery.id)) taken.add(credentialQuery.id);
      else unmet.push(credentialQuery.id);
    }
  }
  const chosen = [...taken].flatMap((queryId) =>
    (answers.get(queryId) ?? []).map((credential) => ({
      queryId,
      credential,
      claims: (queries.get(queryId)?.claims ?? []).map((claim) =>
        describeClaimPath('path' in claim ? claim.path : [claim.namespace, claim.claim_name]),
      ),
    })),
  );
  return { chosen, satisfied: unmet.length === 0, unmet };
}
