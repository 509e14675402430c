import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { findBadge, loadDefaultCatalog } from '../../src/index.js';
import { issuerUrl, startTestIssuer, type TestIssuer } from '../fixtures/issuer-harness.js';

const catalog = loadDefaultCatalog();

describe('GET /issuer, /catalog, /achievements/:id, /badges/:id/image.svg, /skills', () => {
  let issuer: TestIssuer;

  beforeAll(async () => {
    issuer = await startTestIssuer();
  });

  afterAll(async () => {
    await issuer.close();
  });

  it('serves the issuer profile with its DID', async () => {
    const response = await issuer.http.get('/issuer').expect(200);
    expect(response.body).toEqual({
      id: issuer.identifier.did,
      type: 'Profile',
      name: 'Skillproof Academy',
      url: issuerUrl,
    });
    expect(issuer.identifier.did).toMatch(/^did:key:z6Mk/);
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['x-powered-by']).toBeUndefined();
  });

  it('lists every badge with its tasks, rules and limits (contract A)', async () => {
    const response = await issuer.http.get('/catalog').expect(200);
    expect(response.body.issuer.id).toBe(issuer.identifier.did);
    expect(response.body.badges.map((badge: { id: string }) => badge.id)).toEqual(
      catalog.badges.map((badge) => badge.id),
    );
    const git = response.body.badges.find((badge: { id: string }) => badge.id === 'git-basics');
    expect(git).toEqual({
      id: 'git-basics',
      achievementId: `${issuerUrl}/achievements/git-basics`,
      name: 'Git Basics',
      description: findBadge(catalog, 'git-basics').description,
      criteria: { narrative: expect.stringContaining('75%') },
      image: `${issuerUrl}/badges/git-basics/image.svg`,
      alignment: [
        {
          type: ['Alignment'],
          targetName: 'Version control with Git',
          targetUrl: `${issuerUrl}/skills/version-control`,
          targetDescription: expect.any(String),
          targetCode: 'version-control',
        },
      ],
      passRule: { kind: 'min-score', minScore: 75 },
      maxAttempts: 5,
      cooldownSeconds: 300,
      validityDays: 730,
      renewal: { windowDays: 60, items: 2 },
      formats: ['jwt_vc_json', 'ldp_vc', 'vc+jwt'],
      tasks: expect.any(Array),
    });
    expect(git.tasks[0]).toEqual({
      id: 'q1',
      kind: 'quiz',
      prompt: 'Which command records the staged changes as a new commit?',
      choices: [
        { id: 'a', text: 'git push' },
        { id: 'b', text: 'git stash' },
        { id: 'c', text: 'git commit' },
        { id: 'd', text: 'git add' },
      ],
    });
  });

  it('lists puzzles without an input and short answers with their format', async () => {
    const response = await issuer.http.get('/catalog').expect(200);
    const byId = (id: string) =>
      response.body.badges.find((badge: { id: string }) => badge.id === id);
    const python = byId('python-problems-1');
    expect(python.passRule).toEqual({ kind: 'min-score', minScore: 80 });
    for (const task of python.tasks) {
      expect(Object.keys(task).sort()).toEqual(['answerFormat', 'id', 'kind', 'prompt']);
      expect(task.kind).toBe('puzzle');
    }
    expect(byId('http-basics').passRule).toEqual({ kind: 'all' });
    expect(byId('russian-history-1').validityDays).toBeNull();
    expect(byId('sql-basics').tasks[0]).toEqual({
      id: 'q1',
      kind: 'short-answer',
      prompt: expect.stringContaining('removes duplicate rows'),
      answerFormat: 'one SQL keyword',
    });
  });

  it('serves each badge’s practice items with their answers, apart from the graded tasks', async () => {
    for (const badge of catalog.badges) {
      const response = await issuer.http.get(`/catalog/${badge.id}/practice`).expect(200);
      expect(response.headers['content-type']).toMatch(/^application\/json/);
      expect(response.body).toEqual({
        badge: badge.id,
        achievementId: `${issuerUrl}/achievements/${badge.id}`,
        name: badge.name,
        items: badge.practice,
      });
      expect(response.body.items.length).toBeGreaterThanOrEqual(8);
    }
    const git = await issuer.http.get('/catalog/git-basics/practice').expect(200);
    expect(git.body.items[0]).toEqual({
      id: 'p1',
      kind: 'quiz',
      prompt: 'Which command creates a new branch and switches to it in one step?',
      choices: expect.arrayContaining([{ id: 'a', text: 'git switch -c feature' }]),
      answer: 'a',
      explanation: expect.stringContaining('git switch -c'),
    });
    // The catalogue itself stays as it was: tasks without answers, no practice.
    const listed = await issuer.http.get('/catalog').expect(200);
    expect(JSON.stringify(listed.body)).not.toContain('git switch -c feature');
  });

  it('answers 404 NOT_FOUND for the practice of a badge it does not offer', async () => {
    for (const path of ['/catalog/nope/practice', '/catalog/Git-Basics/practice']) {
      const response = await issuer.http.get(path).expect(404);
      expect(response.body).toEqual({
        error: { code: 'NOT_FOUND', message: expect.stringContaining('no badge') },
      });
    }
  });

  it('publishes each achievement at its id, with image, alignment and score description', async () => {
    const response = await issuer.http.get('/achievements/russian-history-1').expect(200);
    const id = `${issuerUrl}/achievements/russian-history-1`;
    expect(response.body).toEqual({
      '@context': ['https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'],
      id,
      type: 'Achievement',
      achievementType: 'Badge',
      name: 'Russian History I',
      description: expect.any(String),
      criteria: { narrative: expect.any(String) },
      image: { id: `${issuerUrl}/badges/russian-history-1/image.svg`, type: 'Image' },
      alignment: [expect.objectContaining({ targetUrl: `${issuerUrl}/skills/russian-history` })],
      resultDescription: [
        {
          id: `${id}#score`,
          type: ['ResultDescription'],
          name: 'Score',
          resultType: 'Percent',
          valueMin: '0',
          valueMax: '100',
        },
      ],
      creator: expect.objectContaining({ id: issuer.identifier.did }),
    });
  });

  it('serves each badge image as SVG where the achievement points', async () => {
    for (const badge of catalog.badges) {
      const achievement = await issuer.http.get(`/achievements/${badge.id}`).expect(200);
      const path = new URL(achievement.body.image.id as string).pathname;
      const image = await issuer.http.get(path).buffer(true).expect(200);
      expect(image.headers['content-type']).toMatch(/^image\/svg\+xml/);
      expect(image.headers['cache-control']).toBe('public, max-age=86400');
      expect(image.headers['content-security-policy']).toContain('sandbox');
      expect(String(image.body)).toBe(badge.image.svg);
    }
    const missing = await issuer.http.get('/badges/nope/image.svg');
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('NOT_FOUND');
  });

  it('publishes the skills badges align to, at their URLs', async () => {
    const list = await issuer.http.get('/skills').expect(200);
    expect(list.body.skills.map((skill: { id: string }) => skill.id).sort()).toEqual(
      catalog.skills.map((skill) => `${issuerUrl}/skills/${skill.id}`).sort(),
    );
    const targets = new Set<string>(
      (await issuer.http.get('/catalog')).body.badges.flatMap(
        (badge: { alignment: Array<{ targetUrl: string }> }) =>
          badge.alignment.map((alignment) => alignment.targetUrl),
      ),
    );
    for (const target of targets) {
      const skill = await issuer.http.get(new URL(target).pathname).expect(200);
      expect(skill.body.id).toBe(target);
    }
    const python = await issuer.http.get('/skills/python-programming').expect(200);
    expect(python.body).toEqual({
      id: `${issuerUrl}/skills/python-programming`,
      name: 'Python programming',
      description: expect.any(String),
      creator: expect.objectContaining({ id: issuer.identifier.did }),
      achievements: [`${issuerUrl}/achievements/python-problems-1`],
    });
    expect((await issuer.http.get('/skills/nope')).status).toBe(404);
  });

  it('answers 404 for an unknown achievement or route', async () => {
    const achievement = await issuer.http.get('/achievements/nope');
    expect(achievement.status).toBe(404);
    expect(achievement.body.error.code).toBe('NOT_FOUND');
    const route = await issuer.http.get('/nope');
    expect(route.status).toBe(404);
    expect(route.body).toEqual({ error: { code: 'NOT_FOUND', message: 'no route for GET /nope' } });
  });
});

describe('GET /catalog: the formats each badge offers', () => {
  let issuer: TestIssuer;

  beforeAll(async () => {
    issuer = await startTestIssuer({
      catalog: {
        ...catalog,
        badges: catalog.badges.map((badge) =>
          badge.id === 'git-basics' ? { ...badge, formats: ['ldp_vc', 'vc+jwt'] } : badge,
        ),
      },
    });
  });

  afterAll(async () => {
    await issuer.close();
  });

  it('lists the formats the catalogue gives a badge, every format for the others', async () => {
    const response = await issuer.http.get('/catalog').expect(200);
    const formats = Object.fromEntries(
      response.body.badges.map((badge: { id: string; formats: string[] }) => [
        badge.id,
        badge.formats,
      ]),
    );
    expect(formats['git-basics']).toEqual(['ldp_vc', 'vc+jwt']);
    expect(formats['sql-basics']).toEqual(['jwt_vc_json', 'ldp_vc', 'vc+jwt']);
  });
});
