import { describe, expect, it } from '@jest/globals';
import express from 'express';
import request from 'supertest';
import { SkillproofError } from '@skillproof/core';
import { createErrorHandler, jsonBody, notFoundHandler } from '@skillproof/server/http';

function appThatThrows(error: unknown, logged: string[]) {
  const app = express();
  app.use(jsonBody('1kb'));
  app.post('/boom', () => {
    throw error;
  });
  app.use(notFoundHandler);
  app.use(
    createErrorHandler({
      log: { error: (message, details) => logged.push(`${message} ${JSON.stringify(details)}`) },
    }),
  );
  return app;
}

describe('the shared error handler', () => {
  it('answers an unknown error as a bare INTERNAL, logging it but never leaking it', async () => {
    const logged: string[] = [];
    const res = await request(appThatThrows(new Error('SELECT * FROM secrets failed'), logged))
      .post('/boom')
      .send({});
    expect(res.status).toBe(500);
    expect(res.body).toEqual({ error: { code: 'INTERNAL', message: 'internal error' } });
    expect(logged.join()).toContain('SELECT * FROM secrets');
  });

  it('maps a SkillproofError to its status', async () => {
    const res = await request(appThatThrows(new SkillproofError('FORBIDDEN', 'not yours'), []))
      .post('/boom')
      .send({});
    expect(res.status).toBe(403);
    expect(res.body).toEqual({ error: { code: 'FORBIDDEN', message: 'not yours' } });
  });

  it('refuses a non-JSON content type', async () => {
    const res = await request(appThatThrows(new Error('unreached'), []))
      .post('/boom')
      .set('Content-Type', 'text/plain')
      .send('hi');
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
  });

  it('answers malformed JSON with MALFORMED_JSON and an oversized body with PAYLOAD_TOO_LARGE', async () => {
    const app = appThatThrows(new Error('unreached'), []);
    const bad = await request(app).post('/boom').set('Content-Type', 'application/json').send('{');
    expect(bad.body.error.code).toBe('MALFORMED_JSON');
    const big = await request(app)
      .post('/boom')
      .send({ x: 'y'.repeat(2000) });
    expect(big.status).toBe(413);
  });

  it('answers RATE_LIMITED with 429 and a Retry-After in whole seconds', async () => {
    const error = new SkillproofError('RATE_LIMITED', 'slow down', { retryAfterSeconds: 41.2 });
    const res = await request(appThatThrows(error, [])).post('/boom').send({});
    expect(res.status).toBe(429);
    expect(res.headers['retry-after']).toBe('42');
    expect(res.body).toEqual({ error: { code: 'RATE_LIMITED', message: 'slow down' } });
  });
});
