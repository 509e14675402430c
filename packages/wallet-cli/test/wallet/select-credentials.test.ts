import { describe, expect, it } from '@jest/globals';
import { makeIdentity } from '@skillproof/testing';
import {
  parsePostingUrl,
  selectCredentials,
  type HeldCredential,
  type InputDescriptor,
  type PresentationDefinition,
} from '@skillproof/wallet-cli';
import { obBadge } from '../fixtures/wallet-with-badges.js';

const issuer = makeIdentity();
const stranger = makeIdentity();
const learner = makeIdentity().did;
const listUrl = 'https://issuer.example/status';
const achievement = (slug: string) => `https://issuer.example/achievements/${slug}`;

function held(signer = issuer, slug = 'git-basics', score = 90, index = 1): HeldCredential {
  const credential = obBadge(signer, learner, { slug, name: slug, score, index, listUrl });
  return { id: credential.id as string, jwt: credential.proof.jwt, score };
}

// The shape the job board derives (packages/jobboard/src/domain/derive-presentation-definition.ts).
function descriptor(id: string, slug: string, group?: string): InputDescriptor {
  return {
    id,
    name: slug,
    ...(group ? { group: [group] } : {}),
    constraints: {
      fields: [
        {
          path: ['$.credentialSubject.achievement.id', '$.vc.credentialSubject.achievement.id'],
          filter: { type: 'string', const: achievement(slug) },
        },
        {
          path: ['$.issuer.id', '$.issuer', '$.iss', '$.vc.issuer'],
          filter: { type: 'string', enum: [issuer.did] },
        },
      ],
    },
  };
}

const bothBadges: PresentationDefinition = {
  id: 'posting-1',
  format: { jwt_vc: { alg: ['EdDSA'] }, jwt_vp: { alg: ['EdDSA'] } },
  input_descriptors: [descriptor('r1', 'git-basics'), descriptor('r2', 'sql-basics')],
};

describe('selectCredentials (PEX, in the wallet)', () => {
  it('picks one badge per requirement, the newest, and nothing else', async () => {
    const oldGit = held(issuer, 'git-basics', 85, 1);
    const sql = held(issuer, 'sql-basics', 70, 2);
    const newGit = held(issuer, 'git-basics', 95, 3);
    const unrelated = held(issuer, 'history', 100, 4);
    const selection = await selectCredentials(bothBadges, [oldGit, sql, newGit, unrelated]);
    expect(selection.satisfied).toBe(true);
    expect(selection.chosen.sort()).toEqual([newGit.id, sql.id].sort());
    expect(selection.matches.map((match) => match.matching)).toEqual([
      [newGit.id, oldGit.id],
      [sql.id],
    ]);
  });

  it('is not satisfied when a group under rule all has no badge (PEX only warns)', async () => {
    const byClause: PresentationDefinition = {
      ...bothBadges,
      submission_requirements: [
        { rule: 'all', from: 'r1' },
        { rule: 'all', from: 'r2' },
      ],
      input_descriptors: [
        descriptor('r1', 'git-basics', 'r1'),
        descriptor('r2', 'sql-basics', 'r2'),
      ],
    };
    const git = held(issuer, 'git-basics', 90, 1);
    const half = await selectCredentials(byClause, [git]);
    expect(half).toMatchObject({ satisfied: false, chosen: [git.id] });
    const sql = held(issuer, 'sql-basics', 90, 2);
    expect((await selectCredentials(byClause, [git, sql])).satisfied).toBe(true);
    // The same without submission requirements: every descriptor is required.
    expect((await selectCredentials(bothBadges, [git])).satisfied).toBe(false);
  });

  it('is not satisfied by fewer badges than a pick rule needs', async () => {
    const anyTwo: PresentationDefinition = {
      id: 'posting-3',
      submission_requirements: [{ rule: 'pick', min: 2, from: 'A' }],
      input_descriptors: [
        descriptor('r1.1', 'git-basics', 'A'),
        descriptor('r1.2', 'sql-basics', 'A'),
        descriptor('r1.3', 'history', 'A'),
      ],
    };
    const git = held(issuer, 'git-basics', 90, 1);
    expect((await selectCredentials(anyTwo, [git])).satisfied).toBe(false);
    const history = held(issuer, 'history', 90, 2);
    expect((await selectCredentials(anyTwo, [git, history])).satisfied).toBe(true);
  });

  it('skips a badge from an issuer the posting does not accept', async () => {
    const selection = await selectCredentials(bothBadges, [
      held(stranger, 'git-basics', 90, 1),
      held(issuer, 'sql-basics', 90, 2),
    ]);
    expect(selection.satisfied).toBe(false);
    expect(selection.matches[0]?.matching).toEqual([]);
    expect(selection.chosen).toHaveLength(1);
  });

  it('shares only as many badges as a pick rule needs', async () => {
    const anyOne: PresentationDefinition = {
      id: 'posting-2',
      submission_requirements: [{ rule: 'pick', count: 1, from: 'A' }],
      input_descriptors: [
        descriptor('r1-a', 'git-basics', 'A'),
        descriptor('r1-b', 'sql-basics', 'A'),
      ],
    };
    const selection = await selectCredentials(anyOne, [
      held(issuer, 'git-basics', 90, 1),
      held(issuer, 'sql-basics', 90, 2),
    ]);
    expect(selection.satisfied).toBe(true);
    expect(selection.chosen).toHaveLength(1);
    expect((await selectCredentials(anyOne, [])).satisfied).toBe(false);
  });

  it('shares one badge that answers two requirements (a badge and its skill) once', async () => {
    const skill: InputDescriptor = {
      id: 'r2',
      constraints: {
        fields: [
          {
            path: [
              '$.vc.credentialSubject.achievement.alignment[*].targetUrl',
              '$.credentialSubject.achievement.alignment[*].targetUrl',
            ],
            filter: { type: 'string', const: 'https://issuer.example/skills/git-basics' },
          },
        ],
      },
    };
    const git = held(issuer, 'git-basics', 90, 1);
    const other = held(issuer, 'git-basics', 80, 2);
    const selection = await selectCredentials(
      { id: 'p', input_descriptors: [descriptor('r1', 'git-basics'), skill] },
      [git, other],
    );
    expect(selection).toMatchObject({ satisfied: true, chosen: [other.id] });
  });

  it('leaves out a badge whose score is below the minimum', async () => {
    const low = held(issuer, 'git-basics', 70, 1);
    const selection = await selectCredentials(
      { id: 'p', input_descriptors: [descriptor('r1', 'git-basics')] },
      [low],
      { minScores: new Map([['r1', 80]]) },
    );
    expect(selection).toMatchObject({ satisfied: false, chosen: [] });
  });
});

describe('parsePostingUrl', () => {
  it.each([
    ['http://localhost:4300/postings/abc', 'http://localhost:4300', 'abc'],
    ['http://localhost:4300/api/postings/abc/', 'http://localhost:4300', 'abc'],
    ['https://jobs.example/board/postings/x%20y', 'https://jobs.example/board', 'x y'],
  ])('reads %s', (url, base, postingId) => {
    expect(parsePostingUrl(url)).toEqual({ base, postingId });
  });

  it.each(['not a url', 'ftp://jobs.example/postings/1', 'http://jobs.example/jobs/1'])(
    'refuses %s',
    (url) => {
      expect(() => parsePostingUrl(url)).toThrow(
        expect.objectContaining({ code: 'VALIDATION_FAILED' }) as unknown as Error,
      );
    },
  );
});
