import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SkillproofError } from '@skillproof/core';
import type { z } from 'zod';
import { badgeFileSchema, skillFileSchema } from './catalog-schema.js';
import type { Badge, Catalog, Skill } from './catalog-types.js';

function refuse(file: string, message: string): never {
  throw new SkillproofError('CONFIGURATION_INVALID', `catalogue file ${file}: ${message}`);
}

/** `tasks[2].generator`: the path of a zod issue as a reader writes it. */
function pathText(path: readonly PropertyKey[]): string {
  let text = '';
  for (const part of path) {
    text += typeof part === 'number' ? `[${part}]` : `${text === '' ? '' : '.'}${String(part)}`;
  }
  return text === '' ? '(the file)' : text;
}

function readJsonFile<Schema extends z.ZodType>(file: string, schema: Schema): z.infer<Schema> {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    refuse(file, `not valid JSON (${(error as Error).message})`);
  }
  const result = schema.safeParse(json);
  if (!result.success) {
    const [first, ...more] = result.error.issues;
    const extra = more.length === 0 ? '' : ` (and ${more.length} more)`;
    refuse(file, `${pathText(first?.path ?? [])}: ${first?.message ?? 'invalid'}${extra}`);
  }
  return result.data;
}

function jsonFilesIn(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.json'))
    .map((entry) => entry.name)
    .sort();
}

// Our own files, but an image is served from our origin: refuse anything that could run script.
function readSvg(badgeFile: string, svgFile: string): string {
  let svg: string;
  try {
    svg = readFileSync(svgFile, 'utf8');
  } catch {
    refuse(badgeFile, `image: cannot read ${svgFile}`);
  }
  if (!/^\s*(<\?xml[^>]*>\s*)?<svg[\s>]/u.test(svg)) {
    refuse(badgeFile, `image: ${svgFile} is not an SVG document`);
  }
  if (/<script|javascript:|\son[a-z]+\s*=/iu.test(svg)) {
    refuse(badgeFile, `image: ${svgFile} must not contain scripts or event handlers`);
  }
  return svg;
}

function loadSkills(dir: string): Skill[] {
  const skillsDir = join(dir, 'skills');
  if (!existsSync(skillsDir)) return [];
  const skills: Skill[] = [];
  const files = new Map<string, string>();
  for (const name of jsonFilesIn(skillsDir)) {
    const file = join(skillsDir, name);
    const skill = readJsonFile(file, skillFileSchema);
    const earlier = files.get(skill.id);
    if (earlier !== undefined) {
      refuse(file, `id: duplicate skill id ${JSON.stringify(skill.id)} (also in ${earlier})`);
    }
    files.set(skill.id, file);
    skills.push(skill);
  }
  return skills;
}

function resolveSkills(file: string, ids: readonly string[], skills: readonly Skill[]): Skill[] {
  return ids.map((id, index) => {
    const skill = skills.find((candidate) => candidate.id === id);
    if (!skill) {
      refuse(file, `skills[${index}]: unknown skill ${JSON.stringify(id)} (no skills/${id}.json)`);
    }
    return skill;
  });
}

/**
 * Reads and validates a catalogue folder: one `<badge>.json` per badge, its `.svg` image beside
 * it, and the skills badges align to in `skills/<skill>.json`. Meant for start-up: a bad file
 * stops the service with a message naming the file and the field.
 *
 * @throws SkillproofError `CONFIGURATION_INVALID` naming the file and the field path, e.g.
 * `catalogue file …/python-problems-1.json: tasks[2].generator: unknown puzzle generator "x"`;
 * for a missing field, a wrong type, a duplicate task or badge id, an unknown puzzle generator,
 * a bad pass rule, a missing image or an unknown skill.
 * @example
 * ```ts
 * const catalog = loadCatalog(new URL('../../catalog/', import.meta.url));
 * ```
 */
export function loadCatalog(directory: string | URL): Catalog {
  const dir = typeof directory === 'string' ? directory : fileURLToPath(directory);
  const skills = loadSkills(dir);
  const names = existsSync(dir) ? jsonFilesIn(dir) : [];
  if (names.length === 0) {
    throw new SkillproofError(
      'CONFIGURATION_INVALID',
      `the catalogue folder ${dir} holds no badge files (*.json)`,
    );
  }
  const badges: Badge[] = [];
  const files = new Map<string, string>();
  for (const name of names) {
    const file = join(dir, name);
    const badge = readJsonFile(file, badgeFileSchema);
    const earlier = files.get(badge.id);
    if (earlier !== undefined) {
      refuse(file, `id: duplicate badge id ${JSON.stringify(badge.id)} (also in ${earlier})`);
    }
    files.set(badge.id, file);
    badges.push({
      ...badge,
      skills: resolveSkills(file, badge.skills, skills),
      image: { file: badge.image, svg: readSvg(file, join(dir, badge.image)) },
    });
  }
  return { badges, skills };
}
