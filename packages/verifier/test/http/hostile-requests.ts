import { request as httpRequest } from 'node:http';
import fc from 'fast-check';

/** One request as a hostile client might send it: raw bytes, any headers, any path. */
export interface HostileRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string | Buffer | undefined;
}

/** What came back: the status and the body as text. */
export interface HostileResponse {
  status: number;
  text: string;
}

/** The methods and paths of an OpenAPI document, as `{method, path, operation}`. */
export function operationsOf(document: {
  paths: Record<string, Record<string, unknown>>;
}): { method: string; path: string; operation: OpenApiOperation }[] {
  return Object.entries(document.paths).flatMap(([path, operations]) =>
    Object.entries(operations).map(([method, operation]) => ({
      method,
      path,
      operation: operation as OpenApiOperation,
    })),
  );
}

/** The part of an OpenAPI operation the generators read. */
export interface OpenApiOperation {
  requestBody?: {
    content: Record<string, { schema?: { properties?: Record<string, unknown> } }>;
  };
  responses: Record<string, unknown>;
}

/** Sends `hostile` to `baseUrl` byte for byte: no client adds or fixes a header. */
export function sendRaw(baseUrl: string, hostile: HostileRequest): Promise<HostileResponse> {
  const url = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: url.hostname,
        port: url.port,
        method: hostile.method.toUpperCase(),
        path: hostile.path,
        headers: {
          ...hostile.headers,
          ...(hostile.body === undefined
            ? {}
            : { 'Content-Length': String(Buffer.byteLength(hostile.body)) }),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(hostile.body);
  });
}

/**
 * Whether the operation's OpenAPI responses promise `status`. Node's own 431 (headers larger
 * than it reads) comes before any app, and 404 answers a path that names no route at all.
 */
export function documentsStatus(operation: OpenApiOperation, status: number): boolean {
  return status === 431 || status === 404 || String(status) in operation.responses;
}

/** What no answer may hold, whatever was asked: a stack trace or a trace of SQL. */
export const leakPattern = /\n {4}at |SELECT |INSERT |sqlite/i;

const printable = fc.string({
  unit: fc.integer({ min: 0x20, max: 0x7e }).map((code) => String.fromCharCode(code)),
  maxLength: 200,
});

/** A nesting of `depth` arrays or objects, as JSON text. */
export function deeplyNested(depth: number, kind: 'array' | 'object' = 'array'): string {
  return kind === 'array'
    ? '['.repeat(depth) + ']'.repeat(depth)
    : '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
}

const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom(null, [], {}, '', 0, -1, 1e308, true, '__proto__', 'constructor'),
  // Dates at and beyond what a Date or a JWT's NumericDate holds.
  fc.constantFrom(
    '0000-01-01T00:00:00Z',
    '9999-12-31T23:59:59.999+23:59',
    '1970-01-01T00:00:00-23:59',
    '2030-02-29T00:00:00Z',
    '+275760-09-13T00:00:00Z',
    '2030-01-15T10:00:00.123456789Z',
  ),
  fc.string({ unit: 'grapheme', maxLength: 50 }),
);

/** Every path to a value inside `value`, the root included. */
function pathsIn(value: unknown, prefix: string[] = []): string[][] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return [
    prefix,
    ...Object.entries(value).flatMap(([key, inner]) => pathsIn(inner, [...prefix, key])),
  ];
}

/** Keys a careless walker trips on, and the fields a credential's issuer decides. */
const poisonKeys = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  'id',
  'issuanceDate',
  'expirationDate',
  'credentialStatus',
  'type',
  '@context',
];

/**
 * `example` with the value at `path` replaced by `replacement`, or with `key` set beside it.
 * Own properties throughout, so that `__proto__` lands in the JSON text as a key.
 */
function mutated(example: unknown, path: string[], replacement: unknown, key?: string): unknown {
  const copy = structuredClone(example) as Record<string, unknown>;
  const define = (target: Record<string, unknown>, name: string) =>
    Object.defineProperty(target, name, {
      value: replacement,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  let parent = copy;
  for (const step of path.slice(0, key === undefined ? -1 : path.length)) {
    parent = parent[step] as Record<string, unknown>;
  }
  if (key !== undefined) {
    if (typeof parent === 'object' && parent !== null) define(parent, key);
    return copy;
  }
  if (path.length === 0) return replacement;
  define(parent, path[path.length - 1] as string);
  return copy;
}

/**
 * JSON text with the schema's own field names filled with anything, a valid `example` with one
 * value replaced by anything, or keys that poison.
 */
function bodyText(fields: string[], example: unknown, maxBytes: number): fc.Arbitrary<string> {
  const named = fields.length > 0 ? fields : ['value'];
  const nearlyValid =
    example === undefined
      ? []
      : [
          fc
            .tuple(fc.constantFrom(...pathsIn(example)), hostileValue)
            .map(([path, replacement]) => JSON.stringify(mutated(example, path, replacement))),
          fc
            .tuple(
              fc.constantFrom(...pathsIn(example)),
              hostileValue,
              fc.constantFrom(...poisonKeys),
            )
            .map(([path, replacement, key]) =>
              JSON.stringify(mutated(example, path, replacement, key)),
            ),
          fc.constant(JSON.stringify(example)),
        ];
  return fc.oneof(
    ...nearlyValid,
    ...nearlyValid,
    // Wrong types under the expected names.
    fc
      .dictionary(fc.constantFrom(...named), hostileValue, { maxKeys: named.length })
      .map((body) => JSON.stringify(body)),
    // Arrays where an object is expected.
    fc
      .array(fc.dictionary(fc.constantFrom(...named), hostileValue), { maxLength: 3 })
      .map((body) => JSON.stringify(body)),
    // Keys that reach the prototype when a walker is careless.
    fc
      .constantFrom(...named)
      .map(
        (field) =>
          `{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}},"${field}":{"__proto__":{"admin":true},"constructor":"x","toString":1}}`,
      ),
    // Deep nesting a few thousand levels down, under the size cap.
    fc
      .tuple(fc.constantFrom(...named), fc.integer({ min: 33, max: 6000 }), fc.boolean())
      .map(
        ([field, depth, asArray]) =>
          `{"${field}":${deeplyNested(depth, asArray ? 'array' : 'object')}}`,
      ),
    // A huge string near the cap (and just over it).
    fc
      .tuple(
        fc.constantFrom(...named),
        fc.integer({ min: Math.floor(maxBytes * 0.9), max: Math.ceil(maxBytes * 1.1) }),
      )
      .map(([field, length]) => `{"${field}":"${'a'.repeat(length)}"}`),
    // Not JSON at all, or nothing.
    fc.string({ unit: 'grapheme', maxLength: 300 }),
    fc.constantFrom('', '{', '{"a":1', 'null', '[]', '"text"', '1e999999', '{"a":1}{"b":2}'),
  );
}

/** Options of {@link hostileRequests}. */
export interface HostileRequestsOptions {
  /** Real bearer tokens to mix in, so that a hostile body reaches past authorization. */
  tokens?: readonly string[];
  /** A valid body to mutate, so that it reaches past validation too. */
  example?: unknown;
  /** Real ids to put in the path. */
  pathValues?: readonly string[];
  /** The service's body size cap; huge strings come near it and just over. Default 100 KiB. */
  maxBodyBytes?: number;
}

/**
 * Hostile requests for one operation of an OpenAPI document: path parameters (unicode, `..`,
 * very long, badly percent-encoded), content types (JSON, form, text, none, a foreign charset),
 * bodies (see {@link bodyText}, plus bytes that are not UTF-8) and headers (Authorization
 * garbage, huge values within Node's header limit).
 */
export function hostileRequests(
  method: string,
  path: string,
  operation: OpenApiOperation,
  options: HostileRequestsOptions = {},
): fc.Arbitrary<HostileRequest> {
  const { tokens = [], example, pathValues = [], maxBodyBytes = 100 * 1024 } = options;
  const fields = Object.keys(
    operation.requestBody?.content['application/json']?.schema?.properties ?? {},
  );
  const pathParameter = fc.oneof(
    fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }).map(encodeURIComponent),
    fc.constantFrom(
      '..',
      '%2E%2E',
      '..%2F..%2Fetc%2Fpasswd',
      '%',
      '%E0%A4%A',
      '%00',
      'revocation-1',
    ),
    fc.integer({ min: 1000, max: 6000 }).map((length) => 'x'.repeat(length)),
    ...(pathValues.length > 0 ? [fc.constantFrom(...pathValues)] : []),
  );
  const concretePath = fc.array(pathParameter, { minLength: 4, maxLength: 4 }).map((values) => {
    let next = 0;
    return path.replace(/\{[^}]+\}/g, () => values[next++] ?? 'x');
  });
  const contentType = fc.oneof(
    // Mostly JSON, so that most bodies reach the reader and the routes behind it.
    { weight: 4, arbitrary: fc.constant('application/json') },
    {
      weight: 3,
      arbitrary: fc.constantFrom(
        'application/json; charset=utf-8',
        'application/json; charset=latin1',
        'application/ld+json',
        'application/x-www-form-urlencoded',
        'text/plain',
        'multipart/form-data; boundary=x',
        undefined,
      ),
    },
  );
  const body = fc.oneof(
    { weight: 6, arbitrary: bodyText(fields, example, maxBodyBytes) },
    { weight: 1, arbitrary: fc.constant(undefined) },
    { weight: 1, arbitrary: fc.constant(Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d])) },
  );
  const authorization = fc.oneof(
    fc.constant(undefined),
    printable,
    printable.map((junk) => `Bearer ${junk}`),
    fc.constant(`Bearer ${'A'.repeat(513)}`),
    fc.constant(`Basic ${'x'.repeat(8000)}`),
    ...(tokens.length > 0
      ? [{ weight: 5, arbitrary: fc.constantFrom(...tokens).map((token) => `Bearer ${token}`) }]
      : []),
  );
  const extraHeaders = fc.dictionary(
    fc.constantFrom('accept', 'if-none-match', 'x-forwarded-for', 'content-encoding', 'cookie'),
    fc.oneof(printable, fc.constant('y'.repeat(8000))),
    { maxKeys: 2 },
  );
  return fc
    .record({
      path: concretePath,
      contentType,
      body,
      authorization,
      extraHeaders,
    })
    .map(
      ({
        path: concrete,
        contentType: type,
        body: payload,
        authorization: auth,
        extraHeaders: extra,
      }) => ({
        method,
        path: concrete,
        headers: {
          ...extra,
          ...(type === undefined ? {} : { 'Content-Type': type }),
          ...(auth === undefined ? {} : { Authorization: auth }),
        },
        body: payload,
      }),
    );
}
