import { SkillproofError } from '@skillproof/core';
import { formField, formFields, type FormBody } from '@skillproof/server/web';
import type { CatalogBadge, CatalogSkill, IssuerCatalog } from './issuer-catalogs.js';

/** A badge the posting form offers, with the issuer whose catalogue lists it. */
export interface BadgeOption extends CatalogBadge {
  issuer: { id: string; name: string };
}

/** A skill the posting form offers, with the issuers that have a badge aligned to it. */
export interface SkillOption extends CatalogSkill {
  issuers: Array<{ id: string; name: string }>;
}

/** The posting the form describes, in the shape of `POST /api/postings` (contract C). */
export interface PostingFromForm {
  title: string;
  description: string;
  requirements: Array<Record<string, unknown>>;
  labels: {
    achievements: Record<string, string>;
    issuers: Record<string, string>;
    skills: Record<string, string>;
  };
  requireTransparency: boolean;
}

/**
 * Every badge of every catalogue that could be read, in catalogue order.
 *
 * @example
 * ```ts
 * badgeOptions(await catalogs.load()).map((badge) => badge.name); // ['Git Basics', …]
 * ```
 */
export function badgeOptions(catalogs: readonly IssuerCatalog[]): BadgeOption[] {
  return catalogs.flatMap((catalog) =>
    catalog.available ? catalog.badges.map((badge) => ({ ...badge, issuer: catalog.issuer })) : [],
  );
}

/**
 * Every skill some offered badge is aligned to, once, with the issuers that align to it.
 *
 * @example
 * ```ts
 * skillOptions(catalogs)[0]; // { targetName: 'Version control', targetUrl: …, issuers: [{ id, name }] }
 * ```
 */
export function skillOptions(catalogs: readonly IssuerCatalog[]): SkillOption[] {
  const skills = new Map<string, SkillOption>();
  for (const badge of badgeOptions(catalogs)) {
    for (const alignment of badge.alignment) {
      const skill = skills.get(alignment.targetUrl) ?? { ...alignment, issuers: [] };
      if (!skill.issuers.some((issuer) => issuer.id === badge.issuer.id)) {
        skill.issuers.push(badge.issuer);
      }
      skills.set(alignment.targetUrl, skill);
    }
  }
  return [...skills.values()];
}

function invalid(message: string): never {
  throw new SkillproofError('VALIDATION_FAILED', message);
}

function wholeNumber(text: string, what: string, min: number, max: number): number {
  if (!/^\d{1,3}$/.test(text.trim()) || Number(text) < min || Number(text) > max) {
    invalid(`${what} must be a whole number from ${min} to ${max}`);
  }
  return Number(text);
}

/**
 * Turns the posting form into the clauses of contract C. Badges and skills are looked up in the
 * catalogues the board itself fetched, and each clause's accepted issuers are the issuers whose
 * catalogue lists the badge: the form can name a badge but never an issuer or a URL of its own.
 *
 * Badge rows are fields `badge-<n>` (`required`, `any-of` or empty), `badge-<n>-id` (its
 * achievement id) and `badge-<n>-min` (optional minimum score); `any-of-count` is N of the
 * any-of clause; `skill` lists skill URLs; `require-transparency`, ticked, requires each
 * credential's transparency-log proof.
 *
 * @throws SkillproofError `VALIDATION_FAILED` naming the field that is wrong.
 * @example
 * ```ts
 * const posting = postingFromForm(req.body, await catalogs.load());
 * const input = parseBody(postingInputSchema, posting);
 * ```
 */
export function postingFromForm(
  form: FormBody,
  catalogs: readonly IssuerCatalog[],
): PostingFromForm {
  const badges = badgeOptions(catalogs);
  const skills = skillOptions(catalogs);
  const labels: PostingFromForm['labels'] = { achievements: {}, issuers: {}, skills: {} };
  const issuersOf = (achievementId: string): string[] => {
    const offering = badges.filter((badge) => badge.achievementId === achievementId);
    if (offering.length === 0) {
      invalid(`the badge ${achievementId} is not in the catalogue of any issuer this board trusts`);
    }
    for (const badge of offering) {
      labels.achievements[badge.achievementId] = badge.name;
      labels.issuers[badge.issuer.id] = badge.issuer.name;
    }
    return [...new Set(offering.map((badge) => badge.issuer.id))];
  };

  const requirements: PostingFromForm['requirements'] = [];
  const anyOf: string[] = [];
  const rows = Object.keys(form)
    .map((name) => /^badge-(\d{1,4})-id$/.exec(name)?.[1])
    .filter((index): index is string => index !== undefined)
    .sort((a, b) => Number(a) - Number(b));
  for (const index of rows) {
    const use = formField(form, `badge-${index}`);
    const achievementId = formField(form, `badge-${index}-id`);
    if (use === '') continue;
    if (use === 'any-of') {
      issuersOf(achievementId);
      if (!anyOf.includes(achievementId)) anyOf.push(achievementId);
      continue;
    }
    if (use !== 'required') invalid(`badge ${achievementId}: choose required, one of, or neither`);
    const minScore = formField(form, `badge-${index}-min`).trim();
    requirements.push({
      type: 'badge',
      achievementId,
      acceptedIssuers: issuersOf(achievementId),
      ...(minScore === ''
        ? {}
        : { minScore: wholeNumber(minScore, `the minimum score for ${achievementId}`, 0, 100) }),
    });
  }
  if (anyOf.length > 0) {
    const countText = formField(form, 'any-of-count').trim();
    requirements.push({
      type: 'any-of',
      count: countText === '' ? 1 : wholeNumber(countText, 'the number of "one of" badges', 1, 20),
      achievementIds: anyOf,
      acceptedIssuers: [...new Set(anyOf.flatMap(issuersOf))],
    });
  }
  for (const skillUrl of formFields(form, 'skill')) {
    const skill = skills.find((candidate) => candidate.targetUrl === skillUrl);
    if (!skill) invalid(`the skill ${skillUrl} is not aligned to any badge this board offers`);
    labels.skills[skill.targetUrl] = skill.targetName;
    for (const issuer of skill.issuers) labels.issuers[issuer.id] = issuer.name;
    requirements.push({
      type: 'skill',
      skillUrl,
      acceptedIssuers: skill.issuers.map((issuer) => issuer.id),
    });
  }
  if (requirements.length === 0) invalid('choose at least one badge or skill the job needs');
  const withinText = formField(form, 'within-months').trim();
  if (withinText !== '') {
    const withinMonths = wholeNumber(
      withinText,
      'the months a badge must be earned within',
      1,
      120,
    );
    for (const requirement of requirements) requirement.withinMonths = withinMonths;
  }
  return {
    title: formField(form, 'title'),
    description: formField(form, 'description'),
    requirements,
    labels,
    // A checkbox: present (any value) when ticked.
    requireTransparency: formField(form, 'require-transparency') !== '',
  };
}
