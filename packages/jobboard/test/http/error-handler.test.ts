import { describe, expect, it } from '@jest/globals';
import { httpStatusByErrorCode, SkillproofError } from '@skillproof/core';
import { jsonBody } from '@skillproof/server/http';
import express from 'express';
import request from 'supertest';
import { createErrorHandler } from '../../src/http/error-handler.js';

/** An app whose routes throw what they are told, under /api and on a page. */
function appThrowing(error: unknown) {
  const logged: Array<{ message: string; details?: object }> = [];
  const pages: Array<{ code: string; status: number; path: string }> = [];
  const app = express();
  app.use(jsonBody('1kb'));
  app.all(['/api/thing', '/page'], () => {
    throw error;
  });
  app.use(
    createErrorHandler({
      log: { error: (message, details) => logged.push({ message, details }) },
      sendErrorPage: (req, res, known, status) => {
        pages.push({ code: known.code, status, path: req.path });
        res.status(status).type('html').send(`<p>${known.message}</p>`);
      },
    }),
  );
  return { app, logged, pages };
}

describe('createErrorHandler', () => {
  it('answers the API with JSON and its status from the one table, pages through the page sender', async () => {
    const { app, pages } = appThrowing(new SkillproofError('FORBIDDEN', 'not yours'));
    const api = await request(app).get('/api/thing').expect(403);
    expect(api.body).toEqual({ error: { code: 'FORBIDDEN', message: 'not yours' } });
    const page = await request(app).get('/page').expect(403);
    expect(page.headers['content-type']).toMatch(/html/);
    expect(pages).toEqual([
      { code: 'FORBIDDEN', status: httpStatusByErrorCode.FORBIDDEN, path: '/page' },
    ]);
  });

  it("puts a rejected presentation's checks beside the error", async () => {
    const checks = [{ id: 'signature', ok: false, code: 'SIGNATURE_INVALID', message: 'bad' }];
    const { app } = appThrowing(new SkillproofError('PRESENTATION_REJECTED', 'bad', { checks }));
    const response = await request(app).post('/api/thing').expect(400);
    expect(response.body).toEqual({
      error: { code: 'PRESENTATION_REJECTED', message: 'bad' },
      checks,
    });
  });

  it('sets Retry-After on RATE_LIMITED, for the API and pages alike', async () => {
    const { app } = appThrowing(
      new SkillproofError('RATE_LIMITED', 'too many', { retryAfterSeconds: 12.2 }),
    );
    expect((await request(app).get('/api/thing').expect(429)).headers['retry-after']).toBe('13');
    expect((await request(app).get('/page').expect(429)).headers['retry-after']).toBe('13');
  });

  it('logs anything unforeseen and answers a bare INTERNAL, without its message or stack', async () => {
    const { app, logged, pages } = appThrowing(new Error('SELECT secret FROM keys'));
    const response = await request(app).get('/api/thing').expect(500);
    expect(response.body).toEqual({ error: { code: 'INTERNAL', message: 'internal error' } });
    expect(response.text).not.toContain('secret');
    await request(app).get('/page').expect(500);
    expect(pages.map((page) => page.code)).toEqual(['INTERNAL']);
    expect(logged).toHaveLength(2);
    expect(JSON.stringify(logged[0]?.details)).toContain('SELECT secret FROM keys');
  });

  it("answers the bounded body reader's refusals: bad JSON, too large", async () => {
    const { app } = appThrowing(new Error('never reached'));
    const malformed = await request(app)
      .post('/api/thing')
      .set('content-type', 'application/json')
      .send('{"a":')
      .expect(400);
    expect(malformed.body).toEqual({
      error: { code: 'MALFORMED_JSON', message: 'the body is not valid JSON' },
    });
    const large = await request(app)
      .post('/api/thing')
      .send({ text: 'x'.repeat(2048) })
      .expect(413);
    expect(large.body).toEqual({
      error: { code: 'PAYLOAD_TOO_LARGE', message: 'the body is larger than 1024 bytes' },
    });
  });
});
