import { describe, expect, it } from '@jest/globals';
import type { IssuerCatalog } from '../../src/web/issuer-catalogs.js';
import { postingFromForm, skillOptions } from '../../src/web/posting-from-form.js';
import {
  academyAchievements,
  issuerDidA as academy,
  issuerDidB as guild,
} from '@skillproof/testing';

const { git, sql } = academyAchievements;

const shell = 'https://guild.test/achievements/shell';
const versionControl = 'https://skills.example/version-control';

const catalogs: IssuerCatalog[] = [
  {
    url: 'https://academy.test',
    available: true,
    issuer: { id: academy, name: 'Academy' },
    badges: [
      {
        id: 'git-basics',
        achievementId: git,
        name: 'Git Basics',
        description: '',
        alignment: [{ targetName: 'Version control', targetUrl: versionControl }],
      },
      { id: 'sql-basics', achievementId: sql, name: 'SQL Basics', description: '', alignment: [] },
    ],
  },
  { url: 'https://down.test', available: false, problem: 'it could not be reached' },
  {
    url: 'https://guild.test',
    available: true,
    issuer: { id: guild, name: 'Guild' },
    badges: [
      {
        id: 'shell',
        achievementId: shell,
        name: 'Shell',
        description: '',
        alignment: [{ targetName: 'Version control', targetUrl: versionControl }],
      },
    ],
  },
];

describe('postingFromForm', () => {
  it('turns badge rows, the any-of count and skills into contract C clauses with labels', () => {
    const posting = postingFromForm(
      {
        title: 'Analyst',
        description: 'Data.',
        'badge-0': 'required',
        'badge-0-id': git,
        'badge-0-min': ' 80 ',
        'badge-1': 'any-of',
        'badge-1-id': sql,
        'badge-2': 'any-of',
        'badge-2-id': shell,
        'badge-2-min': '99',
        'any-of-count': '2',
        skill: [versionControl],
      },
      catalogs,
    );
    expect(posting).toEqual({
      title: 'Analyst',
      description: 'Data.',
      requirements: [
        { type: 'badge', achievementId: git, acceptedIssuers: [academy], minScore: 80 },
        {
          type: 'any-of',
          count: 2,
          achievementIds: [sql, shell],
          acceptedIssuers: [academy, guild],
        },
        { type: 'skill', skillUrl: versionControl, acceptedIssuers: [academy, guild] },
      ],
      labels: {
        achievements: { [git]: 'Git Basics', [sql]: 'SQL Basics', [shell]: 'Shell' },
        issuers: { [academy]: 'Academy', [guild]: 'Guild' },
        skills: { [versionControl]: 'Version control' },
      },
      requireTransparency: false,
    });
  });

  it('requires transparency when its checkbox is ticked', () => {
    const form = { title: 'T', 'badge-0': 'required', 'badge-0-id': git };
    expect(postingFromForm(form, catalogs).requireTransparency).toBe(false);
    expect(
      postingFromForm({ ...form, 'require-transparency': 'yes' }, catalogs).requireTransparency,
    ).toBe(true);
  });

  it('leaves out badges marked "not needed" and a minimum score left empty', () => {
    const posting = postingFromForm(
      {
        title: 'T',
        'badge-0': '',
        'badge-0-id': git,
        'badge-1': 'required',
        'badge-1-id': sql,
        'badge-1-min': '',
      },
      catalogs,
    );
    expect(posting.requirements).toEqual([
      { type: 'badge', achievementId: sql, acceptedIssuers: [academy] },
    ]);
  });

  it('applies "earned or renewed within N months" to every clause', () => {
    const posting = postingFromForm(
      {
        title: 'T',
        'badge-0': 'required',
        'badge-0-id': git,
        'badge-1': 'any-of',
        'badge-1-id': sql,
        skill: [versionControl],
        'within-months': ' 18 ',
      },
      catalogs,
    );
    expect(posting.requirements.map((requirement) => requirement.withinMonths)).toEqual([
      18, 18, 18,
    ]);
  });

  it('takes the first value of a repeated single field', () => {
    const posting = postingFromForm(
      { title: ['First', 'Second'], 'badge-0': 'required', 'badge-0-id': git },
      catalogs,
    );
    expect(posting.title).toBe('First');
  });

  it.each([
    [
      { 'badge-0': 'required', 'badge-0-id': 'https://down.test/achievements/x' },
      'is not in the catalogue of any issuer this board trusts',
    ],
    [
      { 'badge-0': 'required', 'badge-0-id': git, 'badge-0-min': '12.5' },
      'must be a whole number from 0 to 100',
    ],
    [
      { 'badge-0': 'required', 'badge-0-id': git, 'badge-0-min': '-1' },
      'must be a whole number from 0 to 100',
    ],
    [
      { 'badge-0': 'any-of', 'badge-0-id': git, 'any-of-count': '0' },
      'the number of "one of" badges must be a whole number from 1 to 20',
    ],
    [
      { 'badge-0': 'required', 'badge-0-id': git, 'within-months': '0' },
      'the months a badge must be earned within must be a whole number from 1 to 120',
    ],
    [{ skill: 'https://skills.example/unknown' }, 'is not aligned to any badge this board offers'],
    [{ skill: { nested: 'object' } }, 'choose at least one badge or skill the job needs'],
  ])('refuses %j', (form, message) => {
    expect(() => postingFromForm({ title: 'T', ...form }, catalogs)).toThrow(
      expect.objectContaining({
        code: 'VALIDATION_FAILED',
        message: expect.stringContaining(message),
      }) as unknown as Error,
    );
  });

  it('reads a repeated radio field by its first value', () => {
    const posting = postingFromForm(
      { title: 'T', 'badge-0': ['required', 'any-of'], 'badge-0-id': git },
      catalogs,
    );
    expect(posting.requirements).toEqual([
      { type: 'badge', achievementId: git, acceptedIssuers: [academy] },
    ]);
  });
});

describe('skillOptions', () => {
  it('lists each skill once with every issuer that has a badge aligned to it', () => {
    expect(skillOptions(catalogs)).toEqual([
      {
        targetName: 'Version control',
        targetUrl: versionControl,
        issuers: [
          { id: academy, name: 'Academy' },
          { id: guild, name: 'Guild' },
        ],
      },
    ]);
  });
});
