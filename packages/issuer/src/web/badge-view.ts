import type { Badge } from '../catalog/catalog-types.js';
import { renewalRule } from '../catalog/renewal-rule.js';
import type { IssuerWebContext } from './web-context.js';

/** A badge as the pages show it: sentences, not rules. */
export interface BadgeView {
  id: string;
  name: string;
  description: string;
  criteria: string;
  /** The badge's image, on this issuer. */
  imagePath: string;
  /** e.g. `4 questions and 1 short answer` */
  size: string;
  /** e.g. `75% of the tasks right` */
  passRule: string;
  /** e.g. `5 attempts; after one that does not pass, wait 5 minutes` */
  limits: string;
  /**
   * How long it stays valid and how it is renewed, e.g. `730 days; renew it in its last 60 days
   * with 2 of its tasks: skillproof renew git-basics`; `null` for a badge that never lapses.
   */
  validity: string | null;
  /** Where the "Take the test" form posts. */
  startAction: string;
}

const kindNames = {
  quiz: ['question', 'questions'],
  'short-answer': ['short answer', 'short answers'],
  puzzle: ['programming puzzle', 'programming puzzles'],
} as const;

function count(n: number, [one, many]: readonly [string, string]): string {
  return `${n} ${n === 1 ? one : many}`;
}

/**
 * A badge's pass rule in words.
 *
 * @example
 * ```ts
 * passRuleText(gitBasics); // 'at least 75% of the tasks right'
 * ```
 */
export function passRuleText(badge: Badge): string {
  return badge.passRule.kind === 'all'
    ? 'every task right'
    : `at least ${badge.passRule.minScore}% of the tasks right`;
}

function waitText(seconds: number): string {
  if (seconds % 3600 === 0) return count(seconds / 3600, ['hour', 'hours']);
  if (seconds % 60 === 0) return count(seconds / 60, ['minute', 'minutes']);
  return count(seconds, ['second', 'seconds']);
}

// A renewal is taken from the wallet, which holds the badge: a web learner holds none here.
function validityText(badge: Badge): string | null {
  const rule = renewalRule(badge);
  if (badge.validityDays === null || rule === null) return null;
  return `${count(badge.validityDays, ['day', 'days'])}; renew it in its last ${count(rule.windowDays, ['day', 'days'])} with ${count(rule.items, ['of its tasks', 'of its tasks'])}: skillproof renew ${badge.id}`;
}

/**
 * What the pages say of a badge: its size, pass rule and limits in words, its image and the
 * address of its start form.
 *
 * @example
 * ```ts
 * badgeView(web, gitBasics).size; // '4 questions'
 * ```
 */
export function badgeView(web: IssuerWebContext, badge: Badge): BadgeView {
  const kinds = (['quiz', 'short-answer', 'puzzle'] as const)
    .map((kind) => [kind, badge.tasks.filter((task) => task.kind === kind).length] as const)
    .filter(([, n]) => n > 0)
    .map(([kind, n]) => count(n, kindNames[kind]));
  const size =
    kinds.length <= 1
      ? (kinds[0] ?? 'no tasks')
      : `${kinds.slice(0, -1).join(', ')} and ${kinds.at(-1) as string}`;
  const id = encodeURIComponent(badge.id);
  return {
    id: badge.id,
    name: badge.name,
    description: badge.description,
    criteria: badge.criteria.narrative,
    imagePath: `${web.basePath}/badges/${id}/image.svg`,
    size,
    passRule: passRuleText(badge),
    limits:
      `${count(badge.maxAttempts, ['attempt', 'attempts'])}` +
      (badge.cooldownSeconds > 0
        ? `; after one that does not pass, wait ${waitText(badge.cooldownSeconds)}`
        : ''),
    validity: validityText(badge),
    startAction: `${web.basePath}/learn/badges/${id}/attempts`,
  };
}
