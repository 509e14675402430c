import { issuedFormats } from '@skillproof/core';
import { z } from 'zod';
import { normalizeAnswer } from '@skillproof/core';
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

const quizShape = {
  id: idSchema,
  kind: z.literal('quiz'),
  prompt: textSchema,
  choices: z
    .array(z.strictObject({ id: idSchema, text: textSchema }))
    .min(2)
    .max(8),
  answer: z.string(),
};

/** Choice ids and texts distinct, and the answer one of the choices. */
function checkQuizChoices(
  task: { choices: Array<{ id: string; text: string }>; answer: string },
  ctx: z.RefinementCtx,
): void {
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
}

const quizTaskSchema = z.strictObject(quizShape).superRefine(checkQuizChoices);

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

const shortAnswerShape = {
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
};

const shortAnswerTaskSchema = z.strictObject(shortAnswerShape);

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

// Practice items take the shapes of the graded tasks a wallet can check on its own (no puzzles:
// their inputs and answers are made per learner on the server), plus an explanation.
const explanationSchema = textSchema.max(1000).optional();

const practiceItemSchema = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({ ...quizShape, explanation: explanationSchema }).superRefine(checkQuizChoices),
    z.strictObject({ ...shortAnswerShape, explanation: explanationSchema }),
  ],
  {
    error: (issue) =>
      issue.code === 'invalid_union'
        ? 'expected kind "quiz" or "short-answer" (practice has no puzzles)'
        : undefined,
  },
);

/**
 * Practice items are public with their answers, so none may give away the graded test: no
 * prompt of a graded task again, and no graded short answer as a practice answer or choice.
 */
function checkPracticeApart(
  badge: {
    tasks: ReadonlyArray<z.infer<typeof taskSchema>>;
    practice: ReadonlyArray<z.infer<typeof practiceItemSchema>>;
  },
  ctx: z.RefinementCtx,
): void {
  const gradedPrompts = new Map(badge.tasks.map((task) => [normalizeAnswer(task.prompt), task.id]));
  const secretAnswers = new Map(
    badge.tasks.flatMap((task) =>
      task.kind === 'short-answer'
        ? task.acceptedAnswers.map((answer) => [normalizeAnswer(answer), task.id] as const)
        : [],
    ),
  );
  badge.practice.forEach((item, index) => {
    const repeated = gradedPrompts.get(normalizeAnswer(item.prompt));
    if (repeated !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['practice', index, 'prompt'],
        message: `repeats graded task ${repeated}; practice must differ from the graded test`,
      });
    }
    const texts =
      item.kind === 'quiz' ? item.choices.map((choice) => choice.text) : [...item.acceptedAnswers];
    for (const text of texts) {
      const task = secretAnswers.get(normalizeAnswer(text));
      if (task === undefined) continue;
      ctx.addIssue({
        code: 'custom',
        path: ['practice', index, item.kind === 'quiz' ? 'choices' : 'acceptedAnswers'],
        message: `${JSON.stringify(text)} is the answer of graded task ${task}; practice is public and must not give it away`,
      });
    }
  });
}

/** A renewal rule needs a validity to renew, a window inside it, and tasks to ask. */
function checkRenewalRule(
  badge: {
    validityDays: number | null;
    renewalWindowDays?: number | undefined;
    renewalItems?: number | undefined;
    tasks: readonly unknown[];
  },
  ctx: z.RefinementCtx,
): void {
  const renewal = badge.renewalWindowDays !== undefined || badge.renewalItems !== undefined;
  if (renewal && badge.validityDays === null) {
    ctx.addIssue({
      code: 'custom',
      path: [badge.renewalWindowDays === undefined ? 'renewalItems' : 'renewalWindowDays'],
      message: 'a badge that never lapses (validityDays null) has no renewal',
    });
    return;
  }
  if (
    badge.renewalWindowDays !== undefined &&
    badge.validityDays !== null &&
    badge.renewalWindowDays > badge.validityDays
  ) {
    ctx.addIssue({
      code: 'custom',
      path: ['renewalWindowDays'],
      message: `at most the badge's validityDays (${badge.validityDays})`,
    });
  }
  if (badge.renewalItems !== undefined && badge.renewalItems > badge.tasks.length) {
    ctx.addIssue({
      code: 'custom',
      path: ['renewalItems'],
      message: `at most the badge's ${badge.tasks.length} tasks`,
    });
  }
}

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
    /** The renewal window: the last this many days of validity (default 60, at most the validity). */
    renewalWindowDays: z
      .int()
      .min(1)
      .max(100 * 366)
      .optional(),
    /** How many graded tasks a renewal test asks (default half, rounded up; at most all). */
    renewalItems: z.int().min(1).max(100).optional(),
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
    /** Ungraded items for spaced-repetition review, served with their answers. */
    practice: z.array(practiceItemSchema).max(500).default([]),
  })
  .superRefine((badge, ctx) => {
    uniqueIds(badge.tasks, ctx, 'task', ['tasks']);
    uniqueIds(badge.practice, ctx, 'practice item', ['practice']);
    checkPracticeApart(badge, ctx);
    checkRenewalRule(badge, ctx);
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
