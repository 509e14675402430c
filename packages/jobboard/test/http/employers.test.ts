import { afterAll, describe, expect, it } from '@jest/globals';
import { hashToken } from '@skillproof/core';
import request from 'supertest';
import { adminToken, startTestJobboard, stopTestJobboards } from '../fixtures/jobboard.js';

afterAll(stopTestJobboards);

describe('POST /api/employers', () => {
  it('creates an employer with a token that is shown once and stored only hashed', async () => {
    const { url, store } = await startTestJobboard();
    const response = await request(url)
      .post('/api/employers')
      .set('Authorization', `Bearer ${adminToken}`)
      .send({ name: '  Acme Analytics ' })
      .expect(201);
    const body = response.body as { id: string; name: string; token: string };
    expect(Object.keys(body).sort()).toEqual(['id', 'name', 'token']);
    expect(body.name).toBe('Acme Analytics');
    // 32 random bytes, base64url: 43 characters.
    expect(body.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await store.findEmployerByTokenHash(hashToken(body.token))).toMatchObject({
      id: body.id,
      name: 'Acme Analytics',
    });
    expect(await store.findEmployerByTokenHash(body.token)).toBeUndefined();
  });

  it('gives every employer its own token', async () => {
    const { url } = await startTestJobboard();
    const tokens = new Set<string>();
    for (const name of ['A', 'B', 'C']) {
      const response = await request(url)
        .post('/api/employers')
        .set('Authorization', `Bearer ${adminToken}`)
        .send({ name });
      tokens.add((response.body as { token: string }).token);
    }
    expect(tokens.size).toBe(3);
  });

  it.each([
    ['no token', undefined],
    ['a wrong token', 'Bearer not-the-admin-token'],
    ['a token differing in the last character', `Bearer ${adminToken.slice(0, -1)}X`],
    ['another scheme', `Basic ${adminToken}`],
  ])('refuses %s with 401', async (_label, authorization) => {
    const { url } = await startTestJobboard();
    const call = request(url).post('/api/employers');
    if (authorization) call.set('Authorization', authorization);
    const response = await call.send({ name: 'Mallory Inc' }).expect(401);
    expect(response.body).toEqual({
      error: { code: 'UNAUTHORIZED', message: 'an admin bearer token is required' },
    });
  });

  it('refuses every request when no admin token is configured', async () => {
    const { url } = await startTestJobboard({ withoutAdminToken: true });
    for (const authorization of ['Bearer ', 'Bearer undefined', `Bearer ${adminToken}`]) {
      await request(url)
        .post('/api/employers')
        .set('Authorization', authorization)
        .send({ name: 'Mallory Inc' })
        .expect(401);
    }
  });

  it.each([
    ['no name', {}, 'name: '],
    ['a blank name', { name: '   ' }, 'name: '],
    ['a name of 201 characters', { name: 'x'.repeat(201) }, 'name: '],
    ['a token chosen by the caller', { name: 'Acme', token: 'chosen' }, 'body: '],
  ])('refuses %s with 400', async (_label, body, prefix) => {
    const { url } = await startTestJobboard();
    const response = await request(url)
      .post('/api/employers')
      .set('Authorization', `Bearer ${adminToken}`)
      .send(body)
      .expect(400);
    expect((response.body as { error: { code: string; message: string } }).error).toMatchObject({
      code: 'VALIDATION_FAILED',
      message: expect.stringMatching(new RegExp(`^${prefix}`)) as unknown as string,
    });
  });

  it('refuses a body that is not JSON', async () => {
    const { url } = await startTestJobboard();
    const response = await request(url)
      .post('/api/employers')
      .set('Authorization', `Bearer ${adminToken}`)
      .set('Content-Type', 'application/json')
      .send('{"name": ')
      .expect(400);
    expect((response.body as { error: { code: string } }).error.code).toBe('MALFORMED_JSON');
  });
});
