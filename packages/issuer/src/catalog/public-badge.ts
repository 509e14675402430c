import type { Badge, PublicBadge, PublicQuizTask, QuizTask } from './catalog-types.js';

/** A task without its answer: built field by field so that nothing else can slip through. */
export function publicTask(task: QuizTask): PublicQuizTask {
  return {
    id: task.id,
    kind: task.kind,
    prompt: task.prompt,
    choices: task.choices.map((choice) => ({ id: choice.id, text: choice.text })),
  };
}

/** The public URL of a badge's Open Badges `Achievement`. */
export function achievementUrl(baseUrl: string, slug: string): string {
  return `${baseUrl}/achievements/${encodeURIComponent(slug)}`;
}

/**
 * A badge as the catalogue shows it to learners: no answer key.
 *
 * @example
 * ```ts
 * publicBadge(badge, 'https://issuer.example'); // { id: 'git-basics', achievementId: …, tasks: […] }
 * ```
 */
export function publicBadge(badge: Badge, baseUrl: string): PublicBadge {
  return {
    id: badge.slug,
    achievementId: achievementUrl(baseUrl, badge.slug),
    name: badge.name,
    description: badge.description,
    criteria: { narrative: badge.criteria.narrative },
    passRule: { minScore: badge.passRule.minScore },
    tasks: badge.tasks.map(publicTask),
  };
}
