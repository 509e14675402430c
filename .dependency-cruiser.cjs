// The layers of ARCHITECTURE.md, enforced by `pnpm check` (script `deps`). Paths are resolved
// through the workspace's `@skillproof/source` export condition, so `@skillproof/server/http`
// is `packages/server/src/http/index.ts` here.
// pnpm's real paths end in `…/node_modules/<name>/…` too.
const serverOnly = 'node_modules/(express|better-sqlite3|@veramo|helmet|nunjucks)/';
// Node modules that do I/O: the pure layers use none of them.
const ioBuiltins =
  '^(node:)?(fs|fs/promises|http|https|http2|net|tls|dgram|child_process|cluster|worker_threads|readline)$';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      severity: 'error',
      comment: 'No import cycles anywhere: every layer can be read (and tested) on its own.',
      from: { path: '^packages/[^/]+/src/' },
      to: { circular: true },
    },
    {
      name: 'core-is-pure',
      severity: 'error',
      comment:
        'core depends on nothing but Node built-ins that do no I/O: the verifier library installs with it alone.',
      from: { path: '^packages/core/src/' },
      to: { pathNot: '^packages/core/src/', dependencyTypesNot: ['core'] },
    },
    {
      name: 'core-does-no-io',
      severity: 'error',
      from: { path: '^packages/core/src/' },
      to: { dependencyTypes: ['core'], path: ioBuiltins },
    },
    {
      name: 'data-integrity-is-a-library',
      severity: 'error',
      comment:
        'data-integrity (pinned contexts, canonicalization) imports none of our packages and no server plumbing; it reads only its own contexts/ folder, never the network.',
      from: { path: '^packages/data-integrity/src/' },
      to: {
        path: [serverOnly, '^packages/(?!data-integrity/)[^/]+/'],
      },
    },
    {
      name: 'data-integrity-does-no-io',
      severity: 'error',
      from: {
        path: '^packages/data-integrity/src/',
        pathNot: '^packages/data-integrity/src/load-pinned-contexts\\.ts$',
      },
      to: { dependencyTypes: ['core'], path: ioBuiltins },
    },
    {
      name: 'verifier-library-is-pure',
      severity: 'error',
      comment:
        'The verifier library (its root export) imports core only: no express, SQLite, Veramo, server plumbing or file/HTTP-server modules. Its VC-API service lives in src/http, src/server and src/main.ts.',
      from: {
        path: '^packages/verifier/src/',
        pathNot: '^packages/verifier/src/(http/|server/|main\\.ts$)',
      },
      to: {
        path: [
          serverOnly,
          '^packages/(server|issuer|jobboard|wallet-cli|demo|testing)/',
          '^packages/verifier/src/(http|server)/',
        ],
      },
    },
    {
      name: 'verifier-library-does-no-server-io',
      severity: 'error',
      comment:
        'The library serves nothing and touches no files; its one client of the network is the hardened did:web fetch (http/https/net, to pin checked addresses).',
      from: {
        path: '^packages/verifier/src/',
        pathNot:
          '^packages/verifier/src/(http/|server/|main\\.ts$|did/fetch-did-document\\.ts$|did/is-public-address\\.ts$)',
      },
      to: { dependencyTypes: ['core'], path: ioBuiltins },
    },
    {
      name: 'dependencies-point-one-way',
      severity: 'error',
      comment:
        'core <- server; core <- verifier <- jobboard; core + server <- issuer; core + verifier <- wallet-cli. Services never import each other: they talk HTTP.',
      from: { path: '^packages/(core|server|verifier|issuer|jobboard|wallet-cli)/src/' },
      to: {
        path: '^packages/(issuer|jobboard|wallet-cli|demo|testing)/',
        pathNot: '^packages/$1/',
      },
    },
    {
      name: 'server-serves-no-service',
      severity: 'error',
      from: { path: '^packages/server/src/' },
      to: { path: '^packages/verifier/' },
    },
    {
      name: 'issuer-verifies-over-http-only',
      severity: 'error',
      from: { path: '^packages/issuer/src/' },
      to: { path: '^packages/verifier/' },
    },
    {
      name: 'wallet-is-no-server',
      severity: 'error',
      from: { path: '^packages/wallet-cli/src/' },
      to: { path: ['^packages/server/', serverOnly] },
    },
    {
      name: 'domain-is-pure',
      severity: 'error',
      comment:
        'Domain logic is plain functions over plain data: no HTTP, web, CLI, store or SQLite, no express.',
      from: {
        path: '^packages/(issuer|jobboard)/src/(domain|catalog|status|oid4vci|transparency)/',
      },
      to: {
        path: [
          '^packages/(issuer|jobboard)/src/(http|web|store|admin|signing|config)/',
          '^packages/(issuer|jobboard)/src/create-',
          '^packages/server/src/(http|sqlite)/',
          serverOnly,
        ],
      },
    },
    {
      name: 'ports-are-declarations',
      severity: 'error',
      comment:
        'src/ports declares what the domain needs of stores, signers and logs: types over core, nothing that runs.',
      from: { path: '^packages/(issuer|jobboard)/src/ports/' },
      to: {
        path: [
          '^packages/(issuer|jobboard)/src/(domain|catalog|status|oid4vci|transparency|store|http|web|admin|signing|config)/',
          '^packages/server/',
          serverOnly,
        ],
      },
    },
    {
      name: 'stores-import-no-domain',
      severity: 'error',
      comment:
        'A store keeps rows: it knows no domain, HTTP or web module; migrations own their row upgrades.',
      from: { path: '^packages/(issuer|jobboard)/src/store/' },
      to: {
        path: '^packages/(issuer|jobboard)/src/(domain|catalog|status|oid4vci|transparency|http|web|admin|signing)/',
      },
    },
    {
      name: 'http-and-web-apart',
      severity: 'error',
      comment: 'The API and the web pages are siblings: the composition root wires both.',
      from: { path: '^packages/(issuer|jobboard)/src/(http|web)/' },
      to: {
        path: '^packages/$1/src/(http|web)/',
        pathNot: '^packages/$1/src/$2/',
      },
    },
    {
      name: 'wallet-core-knows-no-terminal',
      severity: 'error',
      comment: "The wallet's own logic (src/wallet) is plain: no commands, no terminal.",
      from: { path: '^packages/wallet-cli/src/wallet/' },
      to: { path: '^packages/wallet-cli/src/(commands|terminal|cli\\.ts|bin\\.ts)' },
    },
    {
      name: 'commands-are-declared-by-the-cli',
      severity: 'error',
      from: { path: '^packages/wallet-cli/src/(wallet|net|terminal)/' },
      to: { path: '^packages/wallet-cli/src/(commands/|cli\\.ts|bin\\.ts)' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(dist|test|bench)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.base.json' },
    enhancedResolveOptions: {
      conditionNames: ['@skillproof/source', 'import', 'types', 'default'],
      exportsFields: ['exports'],
      extensions: ['.ts', '.js', '.json'],
    },
  },
};
