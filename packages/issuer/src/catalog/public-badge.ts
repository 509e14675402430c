import { badgeAlignment } from './badge-alignment.js';
import type { Badge, PublicBadge, PublicTask, Task } from './catalog-types.js';
import { achievementUrl, badgeImageUrl } from './catalog-urls.js';
import { publicPassRule } from './pass-rule.js';
import { renewalRule } from './renewal-rule.js';

/**
 * A task without its answer, built field by field so that nothing else can slip through: no
 * quiz key, no accepted answers, no puzzle generator. A puzzle's `input` is added per attempt.
 *
 * @example
 * ```ts
 * publicTask(quiz); // { id: 'q1', kind: 'quiz', prompt: '…', choices: [{ id: 'a', text: '…' }, …] }
 * ```
 */
export function publicTask(task: Task): PublicTask {
  switch (task.kind) {
    case 'quiz':
      return {
        id: task.id,
        kind: task.kind,
        prompt: task.prompt,
        choices: task.choices.map((choice) => ({ id: choice.id, text: choice.text })),
      };
    case 'puzzle':
      return { id: task.id, kind: task.kind, prompt: task.prompt, answerFormat: task.answerFormat };
    case 'short-answer':
      return {
        id: task.id,
        kind: task.kind,
        prompt: task.prompt,
        ...(task.answerFormat === undefined ? {} : { answerFormat: task.answerFormat }),
      };
  }
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
    id: badge.id,
    achievementId: achievementUrl(baseUrl, badge.id),
    name: badge.name,
    description: badge.description,
    criteria: { narrative: badge.criteria.narrative },
    image: badgeImageUrl(baseUrl, badge.id),
    alignment: badgeAlignment(badge, baseUrl),
    passRule: publicPassRule(badge.passRule),
    maxAttempts: badge.maxAttempts,
    cooldownSeconds: badge.cooldownSeconds,
    validityDays: badge.validityDays,
    renewal: renewalRule(badge),
    formats: [...badge.formats],
    tasks: badge.tasks.map(publicTask),
  };
}
