import { issuedFormats } from '@skillproof/core';
import { z } from 'zod';
import { normalizeAnswer } from './normalize-answer.js';
import { passRuleSchema } from './pass-rule.js';
import { puzzleGeneratorNames } from './puzzles/puzzle-generators.js';

const slugSchema = z
  .string()
  .max(64)
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, { error: 'expected lower-case words joined by hyphens' });
// Ids end up in URLs, answer maps and the puzzle seed message (`did|badge|task`): no `|`, and
// a first letter or digit keeps `__proto__` out of the answer maps.
const idSchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,31}$/, {
  error: 'expected 1 to 32 letters, digits, - or _, starting with a letter or digit',
});
const textSchema = z.string().trim().min(1, { error: 'must not be empty' });

function uniqueIds(
  items: ReadonlyArray<{ id: string }>,
  ctx: z.RefinementCtx,
  what: string,
  path: PropertyKey[] = [],
): void {
  const seen = new Set<string>();
  items.forEach((item, index) => {
    if (seen.has(item.id)) {
      ctx.addIssue({
        code: 'custom',
        path: [...path, index, 'id'],
        message: `duplicate ${what} id ${JSON.stringify(item.id)}`,
      });
    }
    seen.add(item.id);
  });
}

const quizTaskSchema = z
  .strictObject({
    id: idSchema,
    kind: z.literal('quiz'),
    prompt: textSchema,
    choices: z
      .array(z.strictObject({ id: idSchema, text: textSchema }))
      .min(2)
      .max(8),
    answer: z.string(),
  })
  .superRefine((task, ctx) => {
    uniqueIds(task.choices, ctx, 'choice', ['choices']);
    const texts = task.choices.map((choice) => normalizeAnswer(choice.text));
    texts.forEach((text, index) => {
      if (texts.indexOf(text) !== index) {
        ctx.addIssue({
          code: 'custom',
          path: ['choices', index, 'text'],
          message: 'duplicate choice text',
        });
      }
    });
    if (!task.choices.some((choice) => choice.id === task.answer)) {
      ctx.addIssue({
        code: 'custom',
        path: ['answer'],
        message: `${JSON.stringify(task.answer)} is not one of the choice ids`,
      });
    }
  });

const puzzleTaskSchema = z.strictObject({
  id: idSchema,
  kind: z.literal('puzzle'),
  prompt: textSchema,
  answerFormat: textSchema,
  generator: z.enum(puzzleGeneratorNames, {
    error: (issue) =>
      `unknown puzzle generator ${JSON.stringify(issue.input)}; known: ${puzzleGeneratorNames.join(', ')}`,
  }),
});

const shortAnswerTaskSchema = z.strictObject({
  id: idSchema,
  kind: z.literal('short-answer'),
  prompt: textSchema,
  answerFormat: textSchema.optional(),
  acceptedAnswers: z
    .array(
      textSchema.max(256).refine((answer) => normalizeAnswer(answer) !== '', {
        error: 'must not be blank once normalised',
      }),
    )
    .min(1),
});

const taskSchema = z.discriminatedUnion(
  'kind',
  [quizTaskSchema, puzzleTaskSchema, shortAnswerTaskSchema],
  {
    error: (issue) =>
      issue.code === 'invalid_union'
        ? 'expected kind "quiz", "puzzle" or "short-answer"'
        : undefined,
  },
);

/** The JSON file of one badge in the catalogue folder (`catalog/<id>.json`). */
export const badgeFileSchema = z
  .strictObject({
    id: slugSchema,
    name: textSchema.max(200),
    description: textSchema.max(2000),
    criteria: z.strictObject({ narrative: textSchema.max(4000) }),
    /** An SVG file next to the badge file. */
    image: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*\.svg$/, {
      error: 'expected the name of an .svg file in the catalogue folder',
    }),
    skills: z.array(slugSchema).max(20).default([]),
    passRule: passRuleSchema,
    maxAttempts: z.int().min(1).max(1000),
    cooldownSeconds: z
      .int()
      .min(0)
      .max(365 * 24 * 3600),
    validityDays: z
      .int()
      .min(1)
      .max(100 * 366)
      .nullable(),
    /** What a pass can be awarded as; every format unless the file narrows it. */
    formats: z
      .array(
        z.enum(issuedFormats, {
          error: (issue) =>
            `unknown credential format ${JSON.stringify(issue.input)}; known: ${issuedFormats.join(', ')}`,
        }),
      )
      .min(1, { error: 'offer at least one format (or leave formats out for all of them)' })
      .default([...issuedFormats]),
    tasks: z.array(taskSchema).min(1).max(100),
  })
  .superRefine((badge, ctx) => {
    uniqueIds(badge.tasks, ctx, 'task', ['tasks']);
    badge.skills.forEach((skill, index) => {
      if (badge.skills.indexOf(skill) !== index) {
        ctx.addIssue({
          code: 'custom',
          path: ['skills', index],
          message: `${skill} is listed twice`,
        });
      }
    });
    badge.formats.forEach((format, index) => {
      if (badge.formats.indexOf(format) !== index) {
        ctx.addIssue({
          code: 'custom',
          path: ['formats', index],
          message: `${format} is listed twice`,
        });
      }
    });
  });

/** A badge file as read, before its image is loaded. */
export type BadgeFile = z.infer<typeof badgeFileSchema>;

/** The JSON file of one skill (`catalog/skills/<id>.json`). */
export const skillFileSchema = z.strictObject({
  id: slugSchema,
  name: textSchema.max(200),
  description: textSchema.max(2000),
});
