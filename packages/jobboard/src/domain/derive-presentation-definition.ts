import { labelledNames, type LabelledNames } from '@skillproof/verifier/requirements';
import { describeRequirement } from './describe-requirement.js';
import type {
  InputDescriptor,
  PresentationDefinition,
  PresentationDefinitionField,
  RequirementClause,
  RequirementLabels,
  SubmissionRequirement,
} from '../jobboard-types.js';
import { scorePattern } from './score-pattern.js';

/** What {@link derivePresentationDefinition} needs of a posting. */
export interface PresentationDefinitionSource {
  id: string;
  title: string;
  requirements: readonly RequirementClause[];
  labels?: RequirementLabels;
}

// PEX reads a field from the first of its paths that finds anything (PE v2 §5.1.1.1), so the
// decoded JWT form (`$.vc…`, `$.iss`) comes first: its payload also holds an `issuer` profile
// object without `id`, which would otherwise be found and fail the filter. The W3C JSON form
// follows, as some wallets hold credentials so.
// `[*]` lets any element of an array match.
const paths = {
  achievementId: ['$.vc.credentialSubject.achievement.id', '$.credentialSubject.achievement.id'],
  issuer: ['$.iss', '$.issuer.id', '$.issuer'],
  score: ['$.vc.credentialSubject.result[*].value', '$.credentialSubject.result[*].value'],
  alignment: [
    '$.vc.credentialSubject.achievement.alignment[*].targetUrl',
    '$.credentialSubject.achievement.alignment[*].targetUrl',
  ],
};

function issuerField(acceptedIssuers: readonly string[]): PresentationDefinitionField {
  return { path: [...paths.issuer], filter: { type: 'string', enum: [...acceptedIssuers] } };
}

function achievementField(achievementId: string): PresentationDefinitionField {
  return { path: [...paths.achievementId], filter: { type: 'string', const: achievementId } };
}

function descriptorsOf(
  clause: RequirementClause,
  names: LabelledNames,
  purpose: string,
): InputDescriptor[] {
  const group = [clause.id];
  switch (clause.type) {
    case 'badge':
      return [
        {
          id: clause.id,
          name: names.achievement(clause.achievementId),
          purpose,
          group,
          constraints: {
            fields: [
              achievementField(clause.achievementId),
              issuerField(clause.acceptedIssuers),
              // Lets a wallet select by score. The score must also belong to this
              // achievement's score result description (contract B), which a filter on one
              // field can't say: the minimum is decided in evaluateRequirements alone.
              ...(clause.minScore === undefined
                ? []
                : [
                    {
                      path: [...paths.score],
                      filter: { type: 'string' as const, pattern: scorePattern(clause.minScore) },
                    },
                  ]),
            ],
          },
        },
      ];
    case 'any-of':
      return clause.achievementIds.map((achievementId, index) => ({
        id: `${clause.id}.${index + 1}`,
        name: names.achievement(achievementId),
        purpose: `One of the badges for: ${purpose}`,
        group,
        constraints: {
          fields: [achievementField(achievementId), issuerField(clause.acceptedIssuers)],
        },
      }));
    case 'skill':
      return [
        {
          id: clause.id,
          name: names.skill(clause.skillUrl),
          purpose,
          group,
          constraints: {
            fields: [
              { path: [...paths.alignment], filter: { type: 'string', const: clause.skillUrl } },
              issuerField(clause.acceptedIssuers),
            ],
          },
        },
      ];
  }
}

function submissionRequirementOf(
  clause: RequirementClause,
  purpose: string,
): SubmissionRequirement {
  return clause.type === 'any-of'
    ? { name: clause.id, purpose, rule: 'pick', min: clause.count, from: clause.id }
    : { name: clause.id, purpose, rule: 'all', from: clause.id };
}

/**
 * The DIF Presentation Exchange v2 definition a wallet answers for a posting. Each clause is a
 * group of input descriptors with one submission requirement: a badge clause or a skill clause
 * is one descriptor under `rule: 'all'`; an any-of clause is one descriptor per badge under
 * `rule: 'pick', min: count`. Paths cover a decoded JWT VC and its W3C JSON form, so
 * `new PEX().selectFrom(definition, jwts)` in a wallet finds the same credentials as the board.
 *
 * @example
 * ```ts
 * const definition = derivePresentationDefinition({ id, title, requirements, labels });
 * definition.submission_requirements[0]; // { name: 'r1', rule: 'all', from: 'r1', purpose }
 * ```
 */
export function derivePresentationDefinition(
  posting: PresentationDefinitionSource,
): PresentationDefinition {
  const labels = posting.labels ?? {};
  const names = labelledNames(labels);
  const purposes = posting.requirements.map((clause) => describeRequirement(clause, labels));
  return {
    id: posting.id,
    name: posting.title,
    purpose: `Show the badges that "${posting.title}" requires`,
    // EdDSA is a registered JOSE algorithm (RFC 8037), though PEX's definition validator does
    // not list it; its evaluation matches on it as written.
    format: { jwt_vc: { alg: ['EdDSA'] }, jwt_vp: { alg: ['EdDSA'] } },
    submission_requirements: posting.requirements.map((clause, index) =>
      submissionRequirementOf(clause, purposes[index] ?? ''),
    ),
    input_descriptors: posting.requirements.flatMap((clause, index) =>
      descriptorsOf(clause, names, purposes[index] ?? ''),
    ),
  };
}
