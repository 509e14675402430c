import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { correctAnswers, defaultCatalog } from '../../src/index.js';
import { issuerUrl, startTestIssuer, type TestIssuer } from '../fixtures/issuer-harness.js';

describe('GET /issuer, GET /catalog, GET /achievements/:slug', () => {
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

  it('lists the badges with their quizzes', async () => {
    const response = await issuer.http.get('/catalog').expect(200);
    expect(response.body.issuer.id).toBe(issuer.identifier.did);
    expect(response.body.badges).toHaveLength(2);
    const [git] = response.body.badges;
    expect(git).toMatchObject({
      id: 'git-basics',
      achievementId: `${issuerUrl}/achievements/git-basics`,
      name: 'Git Basics',
      passRule: { minScore: 75 },
    });
    expect(git.criteria.narrative).toEqual(expect.any(String));
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
    // Sanity: the key exists server-side but is absent from the JSON.
    expect(correctAnswers(defaultCatalog.badges[0]!)['q1']).toBe('c');
    expect(JSON.stringify(response.body)).not.toMatch(/"answer"/);
  });

  it('publishes each achievement at its id', async () => {
    const response = await issuer.http.get('/achievements/russian-history-1').expect(200);
    expect(response.body).toMatchObject({
      '@context': ['https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'],
      id: `${issuerUrl}/achievements/russian-history-1`,
      type: 'Achievement',
      achievementType: 'Badge',
      name: 'Russian History I',
      creator: { id: issuer.identifier.did },
    });
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
