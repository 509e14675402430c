import type { PostingRequirement, PresentationDefinition } from './jobboard-types.js';

/** What {@link derivePresentationDefinition} needs of a posting. */
export interface PresentationDefinitionSource {
  id: string;
  title: string;
  requirements: readonly PostingRequirement[];
}

/**
 * The DIF Presentation Exchange v2 definition a wallet answers for a posting: one input
 * descriptor per requirement, matching the achievement id and the accepted issuers. Paths cover
 * both a decoded JWT VC (`$.vc…`, `$.iss`) and its W3C JSON form, since wallets evaluate either.
 * Every descriptor is required, so no `submission_requirements` are needed.
 *
 * @example
 * ```ts
 * const definition = derivePresentationDefinition({ id, title, requirements });
 * definition.input_descriptors[0].id; // 'r1'
 * ```
 */
export function derivePresentationDefinition(
  posting: PresentationDefinitionSource,
): PresentationDefinition {
  return {
    id: posting.id,
    name: posting.title,
    purpose: `Show the badges that "${posting.title}" requires`,
    format: { jwt_vc: { alg: ['EdDSA'] }, jwt_vp: { alg: ['EdDSA'] } },
    input_descriptors: posting.requirements.map((requirement) => ({
      id: requirement.id,
      name: requirement.achievementId,
      purpose: `A badge for ${requirement.achievementId} from an accepted issuer`,
      constraints: {
        fields: [
          {
            path: ['$.credentialSubject.achievement.id', '$.vc.credentialSubject.achievement.id'],
            filter: { type: 'string', const: requirement.achievementId },
          },
          {
            path: ['$.issuer.id', '$.issuer', '$.iss', '$.vc.issuer'],
            filter: { type: 'string', enum: [...requirement.acceptedIssuers] },
          },
        ],
      },
    })),
  };
}
