import { describe, expect, it } from '@jest/globals';
import express from 'express';
import request from 'supertest';
import { boundedBody, createErrorHandler } from '@skillproof/server/http';

function echo(
  kind: 'json' | 'form',
  options: { maxBytes?: number; maxDepth?: number; maxMembers?: number } = {},
) {
  const app = express();
  app.use(boundedBody({ kind, ...options }));
  app.post('/echo', (req, res) => {
    res.json({
      body: req.body as unknown,
      prototype: req.body === undefined ? null : Object.getPrototypeOf(req.body) === null,
    });
  });
  app.use(createErrorHandler({ log: { error: () => undefined } }));
  return app;
}

const nested = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;

describe('boundedBody', () => {
  it('parses JSON of any value type, and leaves a request without a body alone', async () => {
    const app = echo('json');
    expect(
      (
        await request(app)
          .post('/echo')
          .send({ a: [1, { b: 'c' }] })
      ).body.body,
    ).toEqual({ a: [1, { b: 'c' }] });
    expect(
      (await request(app).post('/echo').set('content-type', 'application/json').send('"text"')).body
        .body,
    ).toBe('text');
    expect(
      (await request(app).post('/echo').set('content-type', 'application/ld+json').send('{"x":1}'))
        .body.body,
    ).toEqual({ x: 1 });
    expect((await request(app).post('/echo')).body.body).toBeUndefined();
  });

  it('refuses a body nested deeper than the limit before parsing it, with its own code', async () => {
    const app = echo('json', { maxDepth: 32 });
    expect(
      (await request(app).post('/echo').set('content-type', 'application/json').send(nested(32)))
        .status,
    ).toBe(200);
    const deep = await request(app)
      .post('/echo')
      .set('content-type', 'application/json')
      .send(nested(5000));
    expect(deep.status).toBe(400);
    expect(deep.body).toEqual({
      error: { code: 'BODY_TOO_COMPLEX', message: 'the body nests deeper than 32 levels' },
    });
  });

  it('does not count brackets inside strings, escaped quotes included', async () => {
    const app = echo('json', { maxDepth: 2 });
    const text = JSON.stringify({ s: `\\"${'['.repeat(100)}"` });
    const res = await request(app).post('/echo').set('content-type', 'application/json').send(text);
    expect(res.status).toBe(200);
    expect(res.body.body).toEqual(JSON.parse(text));
  });

  it('refuses more members than the limit', async () => {
    const app = echo('json', { maxMembers: 100 });
    const res = await request(app)
      .post('/echo')
      .send(Array.from({ length: 200 }, (_, i) => i));
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('BODY_TOO_COMPLEX');
  });

  it('answers MALFORMED_JSON, PAYLOAD_TOO_LARGE and a wrong media type clearly', async () => {
    const app = echo('json', { maxBytes: 100 });
    const bad = await request(app)
      .post('/echo')
      .set('content-type', 'application/json')
      .send('{"a":');
    expect(bad.body.error.code).toBe('MALFORMED_JSON');
    const big = await request(app)
      .post('/echo')
      .send({ x: 'y'.repeat(200) });
    expect(big.status).toBe(413);
    expect(big.body.error.code).toBe('PAYLOAD_TOO_LARGE');
    const text = await request(app).post('/echo').set('content-type', 'text/plain').send('hi');
    expect(text.status).toBe(400);
    expect(text.body.error.code).toBe('VALIDATION_FAILED');
    const latin1 = await request(app)
      .post('/echo')
      .set('content-type', 'application/json; charset=latin1')
      .send('{}');
    expect(latin1.status).toBe(415);
    const gzip = await request(app)
      .post('/echo')
      .set('content-type', 'application/json')
      .set('content-encoding', 'gzip')
      .send('{}');
    expect(gzip.status).toBe(415);
    // supertest would re-encode a Buffer as JSON: send the raw bytes over a real socket.
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    try {
      const { port } = server.address() as { port: number };
      const invalidUtf8 = await fetch(`http://127.0.0.1:${port}/echo`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: new Uint8Array([0x22, 0xff, 0x22]),
      });
      expect(invalidUtf8.status).toBe(415);
      expect(((await invalidUtf8.json()) as { error: { code: string } }).error.code).toBe(
        'UNSUPPORTED_MEDIA_TYPE',
      );
    } finally {
      server.close();
    }
  });

  it('reads forms into an object without a prototype, repeated fields as arrays', async () => {
    const app = echo('form');
    const res = await request(app)
      .post('/echo')
      .type('form')
      .send('a=1&b=2&b=3&__proto__=x&constructor=y');
    expect(res.body.prototype).toBe(true);
    expect(Object.entries(res.body.body as object)).toEqual([
      ['a', '1'],
      ['b', ['2', '3']],
      ['__proto__', 'x'],
      ['constructor', 'y'],
    ]);
  });

  it('refuses a form route a body that is not a form with 415', async () => {
    const app = echo('form');
    for (const [type, body] of [
      ['application/json', '{"email":"a@b"}'],
      ['text/plain', 'email=a@b'],
    ] as const) {
      const res = await request(app).post('/echo').set('content-type', type).send(body);
      expect(res.status).toBe(415);
      expect(res.body.error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    }
    const fields = await request(echo('form', { maxMembers: 3 }))
      .post('/echo')
      .type('form')
      .send('a=1&b=2&c=3&d=4');
    expect(fields.body.error.code).toBe('BODY_TOO_COMPLEX');
  });
});
