import { describeRequirement } from './describe-requirement.js';
import type {
  DcqlClaimsQuery,
  DcqlCredentialQuery,
  DcqlCredentialSetQuery,
  DcqlQuery,
  DcqlW3cFormat,
  RequirementClause,
} from '../jobboard-types.js';
import type { PresentationDefinitionSource } from './derive-presentation-definition.js';

/** The formats a clause is asked for in, and the suffix of their credential query ids. */
// OpenID4VP 1.0 Appendix B.1 defines `jwt_vc_json` (VCDM 1.1 as a JWT) and `ldp_vc` (Data
// Integrity) for W3C credentials, and no identifier for VC-JOSE (`vc+jwt`): a query naming it
// would not parse in a conforming wallet (the `dcql` package refuses it), so the whole query
// would be lost. `vc+jwt` badges are asked for with the Presentation Exchange definition alone.
const formats: ReadonlyArray<[DcqlW3cFormat, string]> = [
  ['jwt_vc_json', 'jwt'],
  ['ldp_vc', 'ldp'],
];

// Appendix B.1.1: `type_values` are the fully expanded types. The Open Badges 3.0 context maps
// both `OpenBadgeCredential` and its alias `AchievementCredential` to the first IRI; the terms
// themselves follow for wallets that match on the types as written without JSON-LD expansion.
const typeValues = [
  ['https://purl.imsglobal.org/spec/vc/ob/vocab.html#OpenBadgeCredential'],
  ['OpenBadgeCredential'],
  ['AchievementCredential'],
];

// Appendix B.1.2: claims paths start at the credential, not its presentation; for `jwt_vc_json`
// that is the credential its JWT decodes to (VCDM 1.1 §6.3.1: `iss` is `issuer.id`), as the
// specification's own examples show (`["credentialSubject", …]`, not `["vc", …]`).
const paths = {
  achievementId: ['credentialSubject', 'achievement', 'id'],
  issuer: ['issuer', 'id'],
  score: ['credentialSubject', 'result', null, 'value'],
  alignment: ['credentialSubject', 'achievement', 'alignment', null, 'targetUrl'],
} satisfies Record<string, DcqlClaimsQuery['path']>;

/** More options than this for one any-of clause, and its badges are asked for one by one. */
const maxOptions = 256;

// §6.1.1 defines trusted authorities by X.509 key ids, ETSI trusted lists and OpenID Federation
// entities; none names a DID. The accepted issuers are asked for by value matching on the
// issuer's id instead, as §6.1.1 suggests for direct issuer matching. Values are best effort
// (§6.4.1: verifiers MUST NOT rely on them), so `evaluateRequirements` decides on the issuer.
function issuerClaim(acceptedIssuers: readonly string[]): DcqlClaimsQuery {
  return { id: 'issuer', path: [...paths.issuer], values: [...acceptedIssuers] };
}

function achievementClaim(achievementId: string): DcqlClaimsQuery {
  return { id: 'achievement', path: [...paths.achievementId], values: [achievementId] };
}

// Contract B writes a score as a decimal integer 0..100, and `values` match exactly: every score
// from the minimum up is listed. The minimum is still decided in `evaluateRequirements` alone,
// on the result bound to the achievement, which a path through every result can't tell apart.
function scoreClaim(minScore: number): DcqlClaimsQuery {
  const scores = Array.from({ length: 101 - minScore }, (_, offset) => String(minScore + offset));
  return { id: 'score', path: [...paths.score], values: scores };
}

/** One credential query per format, all asking for the same claims. */
function queriesOf(id: string, claims: DcqlClaimsQuery[]): DcqlCredentialQuery[] {
  return formats.map(([format, suffix]) => ({
    id: `${id}-${suffix}`,
    format,
    meta: { type_values: typeValues.map((types) => [...types]) },
    claims: claims.map((claim) => ({ ...claim, path: [...claim.path] })),
  }));
}

/** Every way to choose `count` of `items`, in order. */
function combinations<T>(items: readonly T[], count: number): T[][] {
  if (count === 0) return [[]];
  return items.flatMap((item, index) =>
    combinations(items.slice(index + 1), count - 1).map((rest) => [item, ...rest]),
  );
}

/** How many ways there are to choose `count` of `total` things. */
function choose(total: number, count: number): number {
  let ways = 1;
  for (let taken = 0; taken < count; taken++) ways = (ways * (total - taken)) / (taken + 1);
  return ways;
}

/** Every option that takes one query from each group, in order. */
function oneOfEach(groups: readonly string[][]): string[][] {
  return groups.reduce<string[][]>(
    (options, group) => options.flatMap((option) => group.map((id) => [...option, id])),
    [[]],
  );
}

/** Each list of query ids answers for one badge, in any of its formats. */
function alternatives(queries: readonly DcqlCredentialQuery[]): string[][] {
  return queries.map((query) => [query.id]);
}

function anyOfSets(
  badges: readonly DcqlCredentialQuery[][],
  count: number,
  purpose: string,
): DcqlCredentialSetQuery[] {
  const perBadge = (required: boolean) =>
    badges.map((queries) => ({ options: alternatives(queries), required, purpose }));
  // All of them: one required set per badge says it exactly, and stays small.
  if (count === badges.length) return perBadge(true);
  const optionCount = choose(badges.length, count) * formats.length ** count;
  // Too many combinations to list: every badge of the clause is asked for, none required, and
  // whether `count` of them were presented is decided by `evaluateRequirements`.
  if (optionCount > maxOptions) return perBadge(false);
  const options = combinations(badges, count).flatMap((chosen) =>
    oneOfEach(chosen.map((queries) => queries.map((query) => query.id))),
  );
  return [{ options, required: true, purpose }];
}

function compile(
  clause: RequirementClause,
  purpose: string,
): { credentials: DcqlCredentialQuery[]; sets: DcqlCredentialSetQuery[] } {
  const oneBadge = (claims: DcqlClaimsQuery[]) => {
    const queries = queriesOf(clause.id, claims);
    return {
      credentials: queries,
      sets: [{ options: alternatives(queries), required: true, purpose }],
    };
  };
  switch (clause.type) {
    case 'badge':
      return oneBadge([
        achievementClaim(clause.achievementId),
        issuerClaim(clause.acceptedIssuers),
        ...(clause.minScore === undefined ? [] : [scoreClaim(clause.minScore)]),
      ]);
    case 'skill':
      return oneBadge([
        {
          id: 'alignment',
          path: [...paths.alignment],
          values: [clause.skillUrl],
        },
        issuerClaim(clause.acceptedIssuers),
      ]);
    case 'any-of': {
      const badges = clause.achievementIds.map((achievementId, index) =>
        queriesOf(`${clause.id}-${index + 1}`, [
          achievementClaim(achievementId),
          issuerClaim(clause.acceptedIssuers),
        ]),
      );
      return { credentials: badges.flat(), sets: anyOfSets(badges, clause.count, purpose) };
    }
  }
}

/**
 * The OpenID4VP 1.0 DCQL query (§6) a wallet answers for a posting, from the same clauses as
 * its Presentation Exchange definition. Each clause asks for its badge once per W3C format
 * (`jwt_vc_json`, `ldp_vc`; credential queries `<clause>-jwt`, `<clause>-ldp`, or
 * `<clause>-<n>-jwt`… for the n-th badge of an any-of clause), with claims for the achievement
 * id, the accepted issuers' ids, the score from the minimum up and the skill's alignment, as the
 * clause asks. Its credential set says which of them answer it: one badge in either format; for
 * an any-of clause every choice of `count` badges, each in either format (or, past 256 options,
 * each badge on its own and none required). Every clause is required.
 *
 * The query only says what to ask for: the board decides on the clauses themselves
 * (`evaluateRequirements`), whichever query language the wallet answered.
 *
 * @example
 * ```ts
 * const query = deriveDcqlQuery({ id, title, requirements, labels });
 * query.credential_sets?.[0]?.options; // [['r1-jwt'], ['r1-ldp']]
 * ```
 */
export function deriveDcqlQuery(posting: PresentationDefinitionSource): DcqlQuery {
  const labels = posting.labels ?? {};
  const compiled = posting.requirements.map((clause) =>
    compile(clause, describeRequirement(clause, labels)),
  );
  return {
    credentials: compiled.flatMap((clause) => clause.credentials),
    credential_sets: compiled.flatMap((clause) => clause.sets),
  };
}
