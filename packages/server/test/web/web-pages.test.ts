// The shared page plumbing: an autoescaping renderer over a service's views and the shared page,
// the cookie header, and the Origin + CSRF check of a form post.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Request } from 'express';
import {
  checkFormPost,
  createViewRenderer,
  formField,
  readCookie,
  setCookie,
} from '@skillproof/server/web';

let views: string;

beforeAll(() => {
  views = mkdtempSync(join(tmpdir(), 'views-'));
  writeFileSync(
    join(views, 'hello.njk'),
    '{% extends "page.njk" %}{% block content %}<h1>{{ name }}</h1><p>{{ at | time }}</p>{% endblock %}',
  );
});

afterAll(() => {
  rmSync(views, { recursive: true, force: true });
});

function formPost(headers: Record<string, string>, body: Record<string, unknown>): Request {
  return { headers, body } as unknown as Request;
}

describe('createViewRenderer', () => {
  it('escapes every value, extends the shared page (lang, skip link, main) and prints times in UTC', () => {
    const html = createViewRenderer(views)('hello.njk', {
      title: 'Hi',
      name: '<script>alert("x")</script>',
      at: '2030-01-15T10:05:00.000Z',
    });
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('<a class="skip-link" href="#content">');
    expect(html).toContain('<main id="content"');
    expect(html).toContain('<h1>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;</h1>');
    expect(html).not.toContain('<script>');
    expect(html).toContain('<p>2030-01-15 10:05 UTC</p>');
  });
});

describe('cookies', () => {
  it('sets HttpOnly, SameSite=Lax cookies, Secure only on https, and reads them back', () => {
    expect(setCookie('a', 'b', { basePath: '', secure: true, maxAgeSeconds: 60 })).toBe(
      'a=b; Path=/; Max-Age=60; HttpOnly; SameSite=Lax; Secure',
    );
    expect(setCookie('a', '', { basePath: '/x', secure: false, maxAgeSeconds: 0 })).toBe(
      'a=; Path=/x; Max-Age=0; HttpOnly; SameSite=Lax',
    );
    expect(readCookie('x=1; a=b; c=d', 'a')).toBe('b');
    expect(readCookie('xa=1', 'a')).toBeUndefined();
    expect(readCookie(undefined, 'a')).toBeUndefined();
  });
});

describe('checkFormPost', () => {
  const origin = 'https://site.example';

  it('lets a post from the site with the session’s token through', () => {
    expect(() =>
      checkFormPost(formPost({ origin }, { csrf: 'token' }), { origin, csrfToken: 'token' }),
    ).not.toThrow();
    expect(() =>
      checkFormPost(formPost({ referer: `${origin}/page` }, {}), { origin }),
    ).not.toThrow();
  });

  it.each([
    ['another origin', { origin: 'https://evil.example' }, { csrf: 'token' }],
    ['no origin nor referer', {}, { csrf: 'token' }],
    ['no token', { origin }, {}],
    ['another token', { origin }, { csrf: 'other' }],
    ['a token twice', { origin }, { csrf: ['token', 'token'] }],
  ])('refuses %s with FORBIDDEN', (_case, headers, body) => {
    expect(() =>
      checkFormPost(formPost(headers as Record<string, string>, body), {
        origin,
        csrfToken: 'token',
      }),
    ).toThrow(expect.objectContaining({ code: 'FORBIDDEN' }) as unknown as Error);
  });

  it('reads the first value of a repeated field', () => {
    expect(formField({ a: ['1', '2'] }, 'a')).toBe('1');
    expect(formField({}, 'a')).toBe('');
  });
});
