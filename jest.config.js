// Jest runs the TypeScript sources as ESM through @swc/jest (no typecheck: `pnpm typecheck` does
// that). Workspace packages resolve to their sources, so tests never need a build first.
const packages = ['core', 'server', 'verifier', 'issuer', 'jobboard', 'wallet-cli', 'demo'];
// Resolved like the others, but with no tests of their own: testing is what tests are made with;
// data-integrity is tested through the verifier, which checks and makes proofs with it.
const modules = [...packages, 'testing', 'data-integrity'];

/** @type {import('jest').Config} */
const base = {
  testEnvironment: 'node',
  roots: [...packages.map((name) => `<rootDir>/packages/${name}/test`), '<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  extensionsToTreatAsEsm: ['.ts'],
  // @bitcoinerlab/secp256k1 (CommonJS) requires @noble/curves 2 and @noble/hashes 2, which are
  // ESM only. Node >= 20.19 loads them (require of ESM); Jest on Node < 24.9 does not, so Jest
  // compiles just those two packages to CommonJS.
  transformIgnorePatterns: [
    '^(?!.*/node_modules/\\.pnpm/@noble\\+(curves|hashes)@2\\.).*/node_modules/',
  ],
  transform: {
    '/node_modules/\\.pnpm/@noble\\+(curves|hashes)@2\\.[^/]+/.+\\.js$': [
      '@swc/jest',
      { jsc: { target: 'es2022' }, module: { type: 'commonjs' } },
    ],
    '^.+\\.ts$': [
      '@swc/jest',
      {
        jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
        module: { type: 'es6' },
      },
    ],
  },
  moduleNameMapper: {
    [`^@skillproof/(${modules.join('|')})$`]: '<rootDir>/packages/$1/src/index.ts',
    [`^@skillproof/(${modules.join('|')})/([a-z-]+)$`]: '<rootDir>/packages/$1/src/$2/index.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  testTimeout: 30_000,
};

// With a PostgreSQL server to test on (SKILLPROOF_TEST_DATABASE_URL, which `.ci/run` sets), the
// job board's and the issuer's HTTP tests run a second time with every board and issuer on a
// PostgreSQL database of its own; the stores' contract tests pick their engines themselves.
const postgresProjects = process.env.SKILLPROOF_TEST_DATABASE_URL?.trim()
  ? [
      {
        ...base,
        displayName: 'jobboard on postgres',
        roots: ['<rootDir>/packages/jobboard/test'],
        testMatch: ['**/test/http/*.test.ts', '**/test/openid4vp/openid4vp-abuse.test.ts'],
        setupFiles: ['<rootDir>/packages/jobboard/test/fixtures/on-postgres.setup.ts'],
      },
      {
        ...base,
        displayName: 'issuer on postgres',
        roots: ['<rootDir>/packages/issuer/test'],
        // The HTTP, OpenID4VCI, web and transparency tests whose issuers the harness opens
        // (fixtures/issuer-harness.ts); those on SQLite files of their own stay on SQLite.
        testMatch: [
          '**/test/http/*.test.ts',
          '**/test/oid4vci/oid4vci-*.test.ts',
          '**/test/web/learn-pages.test.ts',
          '**/test/web/credential-offer-page.test.ts',
          '**/test/transparency/log-http.test.ts',
          '**/test/status/status-list-http.test.ts',
        ],
        setupFiles: ['<rootDir>/packages/issuer/test/fixtures/on-postgres.setup.ts'],
      },
    ]
  : [];

// Test files run in a worker that is replaced once it holds more than this: on 2 cores Jest would
// otherwise run every file in its own process, whose heap grows with each ESM suite until a long
// run (both engines' suites, on a loaded machine) exhausts it.
const workerIdleMemoryLimit = '1GB';

export default postgresProjects.length === 0
  ? { ...base, workerIdleMemoryLimit }
  : {
      testTimeout: base.testTimeout,
      workerIdleMemoryLimit,
      projects: [{ ...base, displayName: 'default' }, ...postgresProjects],
    };
