import { randomUUID } from 'node:crypto';
import type { JobboardStore } from '../store/jobboard-store.js';
import { derivePresentationDefinition } from './derive-presentation-definition.js';
import type { Employer, Posting } from './jobboard-types.js';
import type { PostingInput } from './posting-input.js';

/**
 * Creates a posting for `employer`. Requirements get ids `r1`, `r2`, … and the presentation
 * definition is derived once, here, and stored with the posting, so every applicant answers the
 * same definition.
 *
 * @example
 * ```ts
 * const posting = await createPosting(store, employer, input, new Date());
 * ```
 */
export async function createPosting(
  store: JobboardStore,
  employer: Employer,
  input: PostingInput,
  now: Date,
): Promise<Posting> {
  const id = randomUUID();
  const requirements = input.requirements.map((requirement, index) => ({
    id: `r${index + 1}`,
    achievementId: requirement.achievementId,
    acceptedIssuers: [...requirement.acceptedIssuers],
  }));
  const posting: Posting = {
    id,
    title: input.title,
    description: input.description,
    employerId: employer.id,
    requirements,
    presentation_definition: derivePresentationDefinition({ id, title: input.title, requirements }),
    createdAt: now.toISOString(),
  };
  await store.insertPosting(posting);
  return posting;
}
