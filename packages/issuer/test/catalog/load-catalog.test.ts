import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadCatalog, renewalRule, type Badge } from '../../src/index.js';

const svg =
  '<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8"><rect width="8" height="8"/></svg>\n';

function badgeFile(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: 'tiny',
    name: 'Tiny',
    description: 'A tiny badge for tests.',
    criteria: { narrative: 'Answer everything.' },
    image: 'tiny.svg',
    skills: ['testing'],
    passRule: { kind: 'all' },
    maxAttempts: 3,
    cooldownSeconds: 60,
    validityDays: 365,
    tasks: [
      {
        id: 'q1',
        kind: 'quiz',
        prompt: 'Pick a',
        choices: [
          { id: 'a', text: 'A' },
          { id: 'b', text: 'B' },
        ],
        answer: 'a',
      },
      {
        id: 'p1',
        kind: 'puzzle',
        prompt: 'Sum',
        answerFormat: 'an integer',
        generator: 'sum-divisible',
      },
      { id: 's1', kind: 'short-answer', prompt: 'Say yes', acceptedAnswers: ['yes'] },
    ],
    ...overrides,
  };
}

describe('loadCatalog', () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'skillproof-catalog-'));
    mkdirSync(join(dir, 'skills'));
    writeFileSync(
      join(dir, 'skills', 'testing.json'),
      JSON.stringify({ id: 'testing', name: 'Testing', description: 'Writing tests.' }),
    );
    writeFileSync(join(dir, 'tiny.svg'), svg);
  });

  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  function write(name: string, content: unknown): void {
    writeFileSync(join(dir, name), typeof content === 'string' ? content : JSON.stringify(content));
  }

  function expectRefusal(message: string | RegExp): void {
    let thrown: unknown;
    try {
      loadCatalog(dir);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toMatchObject({ code: 'CONFIGURATION_INVALID' });
    expect((thrown as Error).message).toMatch(message);
  }

  it('reads badges, their images and the skills they align to', () => {
    write('tiny.json', badgeFile());
    const catalog = loadCatalog(dir);
    expect(catalog.skills).toEqual([
      { id: 'testing', name: 'Testing', description: 'Writing tests.' },
    ]);
    expect(catalog.badges).toHaveLength(1);
    expect(catalog.badges[0]).toMatchObject({
      id: 'tiny',
      image: { file: 'tiny.svg', svg },
      skills: [{ id: 'testing', name: 'Testing' }],
      passRule: { kind: 'all' },
    });
  });

  it('offers every format when the file names none, and only those it names otherwise', () => {
    write('tiny.json', badgeFile());
    expect(loadCatalog(dir).badges[0]?.formats).toEqual(['jwt_vc_json', 'ldp_vc', 'vc+jwt']);
    write('tiny.json', badgeFile({ formats: ['vc+jwt', 'ldp_vc'] }));
    expect(loadCatalog(dir).badges[0]?.formats).toEqual(['vc+jwt', 'ldp_vc']);
  });

  it('reads practice items apart from the graded tasks, and none when the file has none', () => {
    const practice = [
      {
        id: 'x1',
        kind: 'quiz',
        prompt: 'Pick two',
        choices: [
          { id: 'a', text: 'One' },
          { id: 'b', text: 'Two' },
        ],
        answer: 'b',
        explanation: 'Two is two.',
      },
      { id: 'x2', kind: 'short-answer', prompt: 'Say no', acceptedAnswers: ['no'] },
    ];
    write('tiny.json', badgeFile({ practice }));
    write('plain.json', badgeFile({ id: 'plain' }));
    const [plain, tiny] = loadCatalog(dir).badges;
    expect(tiny?.practice).toEqual(practice);
    expect(tiny?.tasks).toHaveLength(3);
    expect(plain?.practice).toEqual([]);
  });

  it('accepts a URL to the folder', () => {
    write('tiny.json', badgeFile());
    expect(loadCatalog(new URL(`file://${dir}/`)).badges[0]?.id).toBe('tiny');
  });

  it.each([
    ['a missing field', badgeFile({ name: undefined }), /tiny\.json: name: .*/],
    ['a wrong type', badgeFile({ maxAttempts: 'three' }), /tiny\.json: maxAttempts: .*number/],
    [
      'a duplicate task id',
      badgeFile({
        tasks: [
          { id: 's1', kind: 'short-answer', prompt: 'One', acceptedAnswers: ['1'] },
          { id: 's1', kind: 'short-answer', prompt: 'Two', acceptedAnswers: ['2'] },
        ],
      }),
      /tiny\.json: tasks\[1\]\.id: duplicate task id "s1"/,
    ],
    [
      'an unknown puzzle generator',
      badgeFile({
        tasks: [
          {
            id: 'p1',
            kind: 'puzzle',
            prompt: 'Do',
            answerFormat: 'a number',
            generator: 'fizzbuzz',
          },
        ],
      }),
      /tiny\.json: tasks\[0\]\.generator: unknown puzzle generator "fizzbuzz"/,
    ],
    [
      'a pass rule of unknown kind',
      badgeFile({ passRule: { kind: 'most' } }),
      /tiny\.json: passRule\.kind: expected kind "all" or "min-score"/,
    ],
    [
      'a minimum score above 100',
      badgeFile({ passRule: { kind: 'min-score', minScore: 120 } }),
      /tiny\.json: passRule\.minScore: .*100/,
    ],
    [
      'a pass rule without its minimum score',
      badgeFile({ passRule: { kind: 'min-score' } }),
      /tiny\.json: passRule\.minScore: /,
    ],
    [
      'a quiz whose answer is not a choice',
      badgeFile({
        tasks: [
          {
            id: 'q1',
            kind: 'quiz',
            prompt: 'Pick',
            choices: [
              { id: 'a', text: 'A' },
              { id: 'b', text: 'B' },
            ],
            answer: 'c',
          },
        ],
      }),
      /tiny\.json: tasks\[0\]\.answer: "c" is not one of the choice ids/,
    ],
    [
      'a task of unknown kind',
      badgeFile({ tasks: [{ id: 'x1', kind: 'essay', prompt: 'Write' }] }),
      /tiny\.json: tasks\[0\]\.kind: expected kind "quiz", "puzzle" or "short-answer"/,
    ],
    ['an unknown field', badgeFile({ colour: 'red' }), /tiny\.json: .*colour/],
    [
      'an unknown credential format',
      badgeFile({ formats: ['jwt_vc_json', 'mso_mdoc'] }),
      /tiny\.json: formats\[1\]: unknown credential format "mso_mdoc"; known: jwt_vc_json, ldp_vc, vc\+jwt$/,
    ],
    [
      'an empty list of formats',
      badgeFile({ formats: [] }),
      /tiny\.json: formats: offer at least one format/,
    ],
    [
      'a format listed twice',
      badgeFile({ formats: ['ldp_vc', 'ldp_vc'] }),
      /tiny\.json: formats\[1\]: ldp_vc is listed twice/,
    ],
    [
      'an unknown skill',
      badgeFile({ skills: ['cooking'] }),
      /tiny\.json: skills\[0\]: unknown skill "cooking"/,
    ],
    [
      'a missing image',
      badgeFile({ image: 'nope.svg' }),
      /tiny\.json: image: cannot read .*nope\.svg/,
    ],
    [
      'an image that is not an .svg file',
      badgeFile({ image: '../secret.txt' }),
      /tiny\.json: image: /,
    ],
    [
      'an empty prompt',
      badgeFile({
        tasks: [{ id: 's1', kind: 'short-answer', prompt: ' ', acceptedAnswers: ['x'] }],
      }),
      /tiny\.json: tasks\[0\]\.prompt: must not be empty/,
    ],
    [
      'a task id that could reach a prototype',
      badgeFile({
        tasks: [{ id: '__proto__', kind: 'short-answer', prompt: 'P', acceptedAnswers: ['x'] }],
      }),
      /tiny\.json: tasks\[0\]\.id: expected 1 to 32 letters/,
    ],
    ['a malformed JSON file', '{"id": "tiny",', /tiny\.json: not valid JSON/],
    [
      'a practice item of kind puzzle',
      badgeFile({
        practice: [
          {
            id: 'x1',
            kind: 'puzzle',
            prompt: 'P',
            answerFormat: 'a number',
            generator: 'sum-divisible',
          },
        ],
      }),
      /tiny\.json: practice\[0\]\.kind: expected kind "quiz" or "short-answer" \(practice has no puzzles\)/,
    ],
    [
      'a practice quiz whose answer is not a choice',
      badgeFile({
        practice: [
          {
            id: 'x1',
            kind: 'quiz',
            prompt: 'Pick one',
            choices: [
              { id: 'a', text: 'One' },
              { id: 'b', text: 'Two' },
            ],
            answer: 'z',
          },
        ],
      }),
      /tiny\.json: practice\[0\]\.answer: "z" is not one of the choice ids/,
    ],
    [
      'a practice short answer without accepted answers',
      badgeFile({
        practice: [{ id: 'x1', kind: 'short-answer', prompt: 'Say', acceptedAnswers: [] }],
      }),
      /tiny\.json: practice\[0\]\.acceptedAnswers: /,
    ],
    [
      'a practice item id used twice',
      badgeFile({
        practice: [
          { id: 'x1', kind: 'short-answer', prompt: 'One?', acceptedAnswers: ['1'] },
          { id: 'x1', kind: 'short-answer', prompt: 'Two?', acceptedAnswers: ['2'] },
        ],
      }),
      /tiny\.json: practice\[1\]\.id: duplicate practice item id "x1"/,
    ],
    [
      'a practice item repeating a graded prompt',
      badgeFile({
        practice: [
          { id: 'x1', kind: 'short-answer', prompt: '  PICK  a ', acceptedAnswers: ['a'] },
        ],
      }),
      /tiny\.json: practice\[0\]\.prompt: repeats graded task q1/,
    ],
    [
      'a practice item giving away a graded short answer',
      badgeFile({
        practice: [
          { id: 'x1', kind: 'short-answer', prompt: 'Agree?', acceptedAnswers: ['sure', 'YES'] },
        ],
      }),
      /tiny\.json: practice\[0\]\.acceptedAnswers: "YES" is the answer of graded task s1/,
    ],
    [
      'a practice choice giving away a graded short answer',
      badgeFile({
        practice: [
          {
            id: 'x1',
            kind: 'quiz',
            prompt: 'Agree?',
            choices: [
              { id: 'a', text: 'yes' },
              { id: 'b', text: 'no' },
            ],
            answer: 'b',
          },
        ],
      }),
      /tiny\.json: practice\[0\]\.choices: "yes" is the answer of graded task s1/,
    ],
    [
      'a practice item with an unknown field',
      badgeFile({
        practice: [
          { id: 'x1', kind: 'short-answer', prompt: 'Say', acceptedAnswers: ['x'], hint: 'h' },
        ],
      }),
      /tiny\.json: practice\[0\]: .*hint/,
    ],
  ])('refuses %s, naming the file and the field', (_name, content, message) => {
    write('tiny.json', content);
    expectRefusal(message);
  });

  it('refuses a badge id used by two files, naming both', () => {
    write('tiny.json', badgeFile());
    write('tiny-again.json', badgeFile());
    expectRefusal(/tiny\.json: id: duplicate badge id "tiny" \(also in .*tiny-again\.json\)/);
  });

  it('refuses an SVG that could run script', () => {
    write('tiny.json', badgeFile());
    writeFileSync(join(dir, 'tiny.svg'), '<svg onload="alert(1)"></svg>');
    expectRefusal(/tiny\.json: image: .* must not contain scripts/);
  });

  it('refuses a bad skill file', () => {
    write('tiny.json', badgeFile());
    writeFileSync(join(dir, 'skills', 'testing.json'), JSON.stringify({ id: 'testing' }));
    expectRefusal(/skills\/testing\.json: name: /);
  });

  it('refuses a folder without badges', () => {
    expectRefusal(/holds no badge files/);
  });

  it('reads a badge’s renewal rule, with defaults (the last 60 days, half the tasks)', () => {
    write('tiny.json', badgeFile());
    expect(renewalRule(loadCatalog(dir).badges[0] as Badge)).toEqual({ windowDays: 60, items: 2 });
    write('tiny.json', badgeFile({ renewalWindowDays: 30, renewalItems: 1 }));
    expect(renewalRule(loadCatalog(dir).badges[0] as Badge)).toEqual({ windowDays: 30, items: 1 });
    write('tiny.json', badgeFile({ validityDays: 20 }));
    expect(renewalRule(loadCatalog(dir).badges[0] as Badge)).toEqual({ windowDays: 20, items: 2 });
    write('tiny.json', badgeFile({ validityDays: null }));
    expect(renewalRule(loadCatalog(dir).badges[0] as Badge)).toBeNull();
  });

  it('refuses a renewal rule that cannot hold', () => {
    write('tiny.json', badgeFile({ validityDays: null, renewalItems: 1 }));
    expectRefusal(/renewalItems: a badge that never lapses/);
    write('tiny.json', badgeFile({ renewalWindowDays: 400 }));
    expectRefusal(/renewalWindowDays: at most the badge's validityDays \(365\)/);
    write('tiny.json', badgeFile({ renewalItems: 4 }));
    expectRefusal(/renewalItems: at most the badge's 3 tasks/);
    write('tiny.json', badgeFile({ renewalItems: 0 }));
    expectRefusal(/renewalItems/);
  });
});
