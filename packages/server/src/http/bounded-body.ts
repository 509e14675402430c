import type { IncomingMessage } from 'node:http';
import type { RequestHandler } from 'express';
import { SkillproofError } from '@skillproof/core';

/** What a route reads from a request body. */
export type BodyKind = 'json' | 'form';

/** Options of {@link boundedBody}. */
export interface BoundedBodyOptions {
  /** The body kind this route reads; another content type is refused. */
  kind: BodyKind;
  /** The most bytes read. Default 100 KiB. */
  maxBytes?: number;
  /** The deepest nesting of objects and arrays a JSON body may have. Default 32. */
  maxDepth?: number;
  /** The most object members and array elements (in all) a JSON body may have, or fields a form may have. Default 10,000 (JSON), 1,000 (form). */
  maxMembers?: number;
}

const mediaTypes: Record<BodyKind, { type: RegExp; name: string }> = {
  json: { type: /^application\/([a-z0-9.+-]+\+)?json$/, name: 'application/json' },
  form: { type: /^application\/x-www-form-urlencoded$/, name: 'application/x-www-form-urlencoded' },
};

function hasBody(req: IncomingMessage): boolean {
  const length = req.headers['content-length'];
  return req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

function mediaTypeOf(req: IncomingMessage): { type: string; charset: string | undefined } {
  const [type = '', ...parameters] = (req.headers['content-type'] ?? '').split(';');
  const charset = parameters
    .map((parameter) => parameter.trim().toLowerCase())
    .find((parameter) => parameter.startsWith('charset='))
    ?.slice('charset='.length)
    .replace(/^"|"$/g, '');
  return { type: type.trim().toLowerCase(), charset };
}

async function readBytes(req: IncomingMessage, maxBytes: number): Promise<Buffer> {
  const tooLarge = () =>
    new SkillproofError('PAYLOAD_TOO_LARGE', `the body is larger than ${maxBytes} bytes`);
  if (Number(req.headers['content-length'] ?? 0) > maxBytes) {
    req.resume();
    throw tooLarge();
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) {
      req.resume();
      throw tooLarge();
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, size);
}

/**
 * Scans JSON text once, before any parsing work, for nesting deeper than `maxDepth` or more than
 * `maxMembers` members and elements: a body nested a few thousand levels deep fits any size cap
 * and would overflow the stack of whatever walks it later (canonical JSON, a signer, a
 * comparison). Strings are skipped with their escapes; malformed JSON is left to `JSON.parse`.
 */
export function assertJsonShape(text: string, maxDepth: number, maxMembers: number): void {
  let depth = 0;
  let members = 0;
  let inString = false;
  for (let i = 0; i < text.length; i += 1) {
    const char = text.charCodeAt(i);
    if (inString) {
      if (char === 0x5c /* \ */) i += 1;
      else if (char === 0x22 /* " */) inString = false;
      continue;
    }
    if (char === 0x22) inString = true;
    else if (char === 0x7b /* { */ || char === 0x5b /* [ */) {
      depth += 1;
      members += 1;
      if (depth > maxDepth) {
        throw new SkillproofError(
          'BODY_TOO_COMPLEX',
          `the body nests deeper than ${maxDepth} levels`,
        );
      }
    } else if (char === 0x7d /* } */ || char === 0x5d /* ] */) depth -= 1;
    else if (char === 0x2c /* , */) members += 1;
    if (members > maxMembers) {
      throw new SkillproofError(
        'BODY_TOO_COMPLEX',
        `the body holds more than ${maxMembers} members`,
      );
    }
  }
}

function parseForm(text: string, maxMembers: number): Record<string, string | string[]> {
  const params = new URLSearchParams(text);
  const form: Record<string, string | string[]> = Object.create(null) as Record<
    string,
    string | string[]
  >;
  let count = 0;
  for (const [name, value] of params) {
    count += 1;
    if (count > maxMembers) {
      throw new SkillproofError('BODY_TOO_COMPLEX', `the form has more than ${maxMembers} fields`);
    }
    const earlier = form[name];
    // Repeated fields (checkboxes, multi-selects) become arrays, in order.
    form[name] =
      earlier === undefined ? value : [...(Array.isArray(earlier) ? earlier : [earlier]), value];
  }
  return form;
}

/**
 * The one bounded body reader: every route that reads a body reads it through this. It refuses
 * another media type than the route's (`UNSUPPORTED_MEDIA_TYPE`, 415) or a compressed body,
 * reads at most `maxBytes` (`PAYLOAD_TOO_LARGE`, 413), accepts UTF-8 only, checks a JSON body's
 * depth and member count before parsing it (`BODY_TOO_COMPLEX`, 400) and then parses it
 * (`MALFORMED_JSON`, 400). A form's fields come in an object without a prototype, repeated
 * fields as arrays. A request without a body leaves `req.body` undefined.
 *
 * @example
 * ```ts
 * app.use('/api', boundedBody({ kind: 'json', maxBytes: 256 * 1024 }));
 * router.use(boundedBody({ kind: 'form', maxBytes: 64 * 1024 }));
 * ```
 */
export function boundedBody(options: BoundedBodyOptions): RequestHandler {
  const { kind } = options;
  const maxBytes = options.maxBytes ?? 100 * 1024;
  const maxDepth = options.maxDepth ?? 32;
  const maxMembers = options.maxMembers ?? (kind === 'json' ? 10_000 : 1_000);
  const expected = mediaTypes[kind];
  return (req, _res, next) => {
    if (req.body !== undefined || !hasBody(req)) {
      next();
      return;
    }
    const { type, charset } = mediaTypeOf(req);
    if (!expected.type.test(type)) {
      // A JSON API's clients have always been told VALIDATION_FAILED for another body: kept.
      next(
        kind === 'json'
          ? new SkillproofError(
              'VALIDATION_FAILED',
              `the body must be JSON (Content-Type: ${expected.name})`,
            )
          : new SkillproofError(
              'UNSUPPORTED_MEDIA_TYPE',
              `the body must be a form (Content-Type: ${expected.name})`,
            ),
      );
      req.resume();
      return;
    }
    const encoding = (req.headers['content-encoding'] ?? 'identity').toLowerCase();
    if (encoding !== 'identity') {
      req.resume();
      next(
        new SkillproofError(
          'UNSUPPORTED_MEDIA_TYPE',
          `a ${encoding} body is not read; send it uncompressed`,
        ),
      );
      return;
    }
    if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') {
      req.resume();
      next(new SkillproofError('UNSUPPORTED_MEDIA_TYPE', `the body must be UTF-8, not ${charset}`));
      return;
    }
    readBytes(req, maxBytes)
      .then((bytes) => {
        let text: string;
        try {
          text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
        } catch {
          throw new SkillproofError('UNSUPPORTED_MEDIA_TYPE', 'the body is not valid UTF-8');
        }
        if (kind === 'form') {
          req.body = parseForm(text, maxMembers);
          return;
        }
        assertJsonShape(text, maxDepth, maxMembers);
        try {
          req.body = JSON.parse(text) as unknown;
        } catch {
          throw new SkillproofError('MALFORMED_JSON', 'the body is not valid JSON');
        }
      })
      .then(() => next(), next);
  };
}
