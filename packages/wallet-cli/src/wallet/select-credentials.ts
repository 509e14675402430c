import type {
  InputDescriptor,
  PresentationDefinition,
  SubmissionRequirement,
} from '@skillproof/core';

export type { InputDescriptor, PresentationDefinition, SubmissionRequirement };

/** A badge the wallet holds, as selection needs it. */
export interface HeldCredential {
  id: string;
  jwt: string;
  score: number | null;
}

/** Which held badges answer one input descriptor. */
export interface DescriptorMatch {
  descriptor: InputDescriptor;
  /** Ids of matching badges, newest first. */
  matching: string[];
}

/** The outcome of {@link selectCredentials}. */
export interface CredentialSelection {
  /**
   * The chosen badges satisfy the whole definition: every submission requirement is answered
   * (every descriptor without any), and PEX finds no error.
   */
  satisfied: boolean;
  matches: DescriptorMatch[];
  /** The fewest badges that satisfy it (one per required descriptor): what would be shared. */
  chosen: string[];
}

/** Options of {@link selectCredentials}. */
export interface SelectCredentialsOptions {
  /**
   * Lowest score per descriptor id. A score is a string in the credential, which PE's JSON
   * Schema filters can't compare as a number, so the board checks it after PEX; so does the
   * wallet, to share only a badge that counts.
   */
  minScores?: ReadonlyMap<string, number>;
}

function withoutGroups(descriptor: InputDescriptor): InputDescriptor {
  const { group: _group, ...rest } = descriptor;
  return rest;
}

/** How many descriptors of a group a requirement needs. */
function needed(requirement: SubmissionRequirement): number {
  if (requirement.rule === 'all') return Number.POSITIVE_INFINITY;
  return requirement.count ?? requirement.min ?? 1;
}

/**
 * Whether the chosen badges answer a submission requirement (PE v2 §5.1.2): `all` needs every
 * descriptor of its group (or every nested requirement), `pick` as many as its `count` or
 * `min`.
 */
function requirementMet(
  requirement: SubmissionRequirement,
  matches: readonly DescriptorMatch[],
  chosen: ReadonlySet<string>,
): boolean {
  const answered = (count: number, of: number) =>
    requirement.rule === 'all' ? of > 0 && count === of : count >= needed(requirement);
  if (requirement.from_nested) {
    const nested = requirement.from_nested;
    const met = nested.filter((inner) => requirementMet(inner, matches, chosen)).length;
    return answered(met, nested.length);
  }
  const group = matches.filter(
    (match) =>
      requirement.from === undefined || (match.descriptor.group ?? []).includes(requirement.from),
  );
  const met = group.filter((match) => match.matching.some((id) => chosen.has(id))).length;
  return answered(met, group.length);
}

/**
 * Whether the chosen badges answer every submission requirement or, without any, every input
 * descriptor. PEX alone can't say: it reports a group left unanswered under `rule: 'all'` as a
 * warning, not an error, as it does a badge that merely fails another descriptor's filter.
 */
function definitionMet(
  definition: PresentationDefinition,
  matches: readonly DescriptorMatch[],
  chosen: ReadonlySet<string>,
): boolean {
  const requirements = definition.submission_requirements ?? [{ rule: 'all' as const }];
  return requirements.every((requirement) => requirementMet(requirement, matches, chosen));
}

/**
 * Evaluates a posting's presentation definition against the badges the wallet holds, with
 * `@sphereon/pex` (`selectFrom` over the credential JWTs), entirely inside the wallet: nothing is
 * sent anywhere to find out what matches. Each descriptor is evaluated alone to learn which
 * badges answer it; then the fewest badges are chosen (the newest per descriptor, only as many
 * descriptors of a `pick` group as it needs) and PEX checks that they satisfy the definition.
 *
 * @example
 * ```ts
 * const { satisfied, chosen } = await selectCredentials(request.presentation_definition, held);
 * ```
 */
export async function selectCredentials(
  definition: PresentationDefinition,
  held: readonly HeldCredential[],
  options: SelectCredentialsOptions = {},
): Promise<CredentialSelection> {
  const { PEX } = await import('@sphereon/pex');
  const pex = new PEX();
  type PexDefinition = Parameters<typeof pex.selectFrom>[0];
  const newestFirst = [...held].reverse();
  const byJwt = new Map(newestFirst.map((entry) => [entry.jwt, entry]));
  const jwts = newestFirst.map((entry) => entry.jwt);

  const matches = definition.input_descriptors.map((descriptor): DescriptorMatch => {
    if (jwts.length === 0) return { descriptor, matching: [] };
    const alone = {
      id: definition.id,
      ...(definition.format ? { format: definition.format } : {}),
      input_descriptors: [withoutGroups(descriptor)],
    } as unknown as PexDefinition;
    const result = pex.selectFrom(alone, jwts);
    const minScore = options.minScores?.get(descriptor.id);
    const matching =
      result.areRequiredCredentialsPresent === 'error'
        ? []
        : (result.verifiableCredential ?? [])
            .map((credential) =>
              typeof credential === 'string' ? byJwt.get(credential) : undefined,
            )
            .filter((entry): entry is HeldCredential => entry !== undefined)
            .filter((entry) => minScore === undefined || (entry.score ?? -1) >= minScore)
            .map((entry) => entry.id);
    // Keep the wallet's newest-first order whatever order PEX returns.
    const order = new Map(newestFirst.map((entry, index) => [entry.id, index]));
    return {
      descriptor,
      matching: matching.sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0)),
    };
  });

  // Two ways to choose: reuse a badge already chosen wherever it answers (fewest badges), or
  // one distinct badge per descriptor (for definitions that count credentials). PEX decides.
  const choose = (reuse: boolean): Set<string> => {
    const chosen = new Set<string>();
    const pickFirst = (descriptors: DescriptorMatch[], count: number) => {
      let taken = 0;
      for (const match of descriptors) {
        if (taken >= count) break;
        const first = reuse
          ? (match.matching.find((id) => chosen.has(id)) ?? match.matching[0])
          : (match.matching.find((id) => !chosen.has(id)) ?? match.matching[0]);
        if (first !== undefined) {
          chosen.add(first);
          taken += 1;
        }
      }
    };
    const requirements = definition.submission_requirements ?? [];
    if (requirements.length === 0) pickFirst(matches, Number.POSITIVE_INFINITY);
    for (const requirement of requirements) {
      const inGroup = matches.filter((match) =>
        requirement.from !== undefined
          ? (match.descriptor.group ?? []).includes(requirement.from)
          : true,
      );
      pickFirst(inGroup, needed(requirement));
    }
    return chosen;
  };
  const satisfies = (chosen: Set<string>) => {
    const chosenJwts = newestFirst
      .filter((entry) => chosen.has(entry.id))
      .map((entry) => entry.jwt);
    return (
      chosenJwts.length > 0 &&
      definitionMet(definition, matches, chosen) &&
      pex.selectFrom(definition as unknown as PexDefinition, chosenJwts)
        .areRequiredCredentialsPresent !== 'error'
    );
  };
  const fewest = choose(true);
  const distinct = choose(false);
  const satisfiedByFewest = satisfies(fewest);
  const satisfied = satisfiedByFewest || satisfies(distinct);
  const chosen = satisfiedByFewest || !satisfied ? fewest : distinct;
  return { satisfied, matches, chosen: [...chosen] };
}
