#!/usr/bin/env node
// Runs one W3C conformance suite against our built verifier (and issuer) services.
//
//   node conformance/run-suite.mjs <suite-checkout> <suite-name> [--no-issuer] [--json <file>]
//
// suite-name: vc-api-verifier | vc-api-issuer | vc-data-model-2.0 | vc-di-eddsa
//
// It starts packages/verifier/dist/main.js (and packages/issuer/dist/main.js, behind a loopback
// proxy that adds the admin bearer token) on free 127.0.0.1 ports, writes the suite's
// localConfig.cjs (vc-test-suite-implementations reads it from the suite's root and then tests
// only what it lists), runs mocha with the JSON reporter, stops everything, restores any
// localConfig.cjs that was there, and prints pass/fail/pending per test file and every failing
// test with the first line of its error. Plain Node ESM, no dependencies. Exit code: 0 when the
// suite ran (failures included), 1 when it could not run.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const implementationName = 'Skillproof';

// What each suite selects implementations by (vc-test-suite-implementations tags), and whether
// it needs an issuer at all. The tags are the suites' own: see conformance/README.md.
const suites = {
  // tests/10-vc-di.js: verifiers tagged `vc-api`, a fixed Ed25519Signature2020 vector.
  // tests/11-vc-jwt.js: verifiers tagged `JWT`, VC from the issuer named by ISSUER_NAME_JWT.
  'vc-api-verifier': {
    issuers: [{ tags: ['JWT'] }],
    verifierTags: ['vc-api', 'JWT'],
    vpVerifierTags: [],
    env: { ISSUER_NAME_JWT: implementationName },
  },
  // tests/10-issuer.js ("Data Integrity"): the first issuer tagged `vc-api`: ours asked for an
  // eddsa-rdfc-2022 proof the VC-API way (`type`, `cryptosuite`), so this file runs against the
  // Data Integrity issuer. tests/11-issuer-jwt.js: the one tagged both `vc-api` and `JWT`.
  // Both post through vc-test-suite-implementations, which unwraps `{verifiableCredential}`, and
  // neither uses a verifier.
  'vc-api-issuer': {
    issuers: [
      {
        tags: ['vc-api', 'eddsa-rdfc-2022'],
        options: { type: 'DataIntegrityProof', cryptosuite: 'eddsa-rdfc-2022' },
      },
      { tags: ['vc-api', 'JWT'] },
    ],
    verifierTags: [],
    vpVerifierTags: [],
    env: {},
  },
  // Every test file filters on issuers tagged `vc2.0` (4.13.2-envelopes.js: `EnvelopingProof`):
  // without an issuer nothing runs.
  'vc-data-model-2.0': {
    // VCDM 2.0 credentials: Data Integrity by default; the enveloping tests ask for vc+jwt.
    issuers: [{ tags: ['vc2.0'] }, { tags: ['EnvelopingProof'], options: { format: 'vc+jwt' } }],
    verifierTags: ['vc2.0', 'EnvelopingProof'],
    vpVerifierTags: ['vc2.0', 'EnvelopingProof'],
    unwrapIssued: true,
    env: {},
  },
  // 15-di-rdfc-verify.js needs only a verifier; 05-create, 30-interop, 70-data-model and the
  // algorithm tests need an issuer that signs with eddsa-rdfc-2022.
  'vc-di-eddsa': {
    issuers: [{ tags: ['eddsa-rdfc-2022'], options: { format: 'ldp_vc' } }],
    verifierTags: ['eddsa-rdfc-2022'],
    vpVerifierTags: [],
    env: {},
  },
};

function usage(message) {
  if (message) console.error(message);
  console.error(
    `usage: node conformance/run-suite.mjs <suite-checkout> <${Object.keys(suites).join('|')}> [--no-issuer] [--json <file>]`,
  );
  process.exit(1);
}

function parseArgs(argv) {
  const positional = [];
  const flags = { issuer: true, json: undefined };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--no-issuer') flags.issuer = false;
    else if (arg === '--json') flags.json = argv[++i];
    else if (arg.startsWith('--')) usage(`unknown option ${arg}`);
    else positional.push(arg);
  }
  if (positional.length !== 2) usage();
  const [suiteDir, suiteName] = positional;
  if (!suites[suiteName]) usage(`unknown suite ${suiteName}`);
  if (!existsSync(join(suiteDir, 'node_modules', 'mocha'))) {
    usage(`${suiteDir} has no node_modules/mocha: run npm install there first (see README.md)`);
  }
  return { suiteDir: resolve(suiteDir), suiteName, ...flags };
}

function freePort() {
  return new Promise((resolvePort, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolvePort(port));
    });
  });
}

/** Starts a service and resolves with its first JSON log line whose message says "listening". */
function startService(name, script, env) {
  const child = spawn(process.execPath, [join(repoRoot, script)], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines = [];
  const ready = new Promise((resolveReady, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} did not start in 20s`)), 20_000);
    const onLine = (line) => {
      lines.push(line);
      let entry;
      try {
        entry = JSON.parse(line);
      } catch {
        return;
      }
      const message = String(entry.msg ?? entry.message ?? '');
      if (message.includes('listening')) {
        clearTimeout(timer);
        resolveReady(entry);
      }
    };
    for (const stream of [child.stdout, child.stderr]) {
      let buffered = '';
      stream.on('data', (chunk) => {
        buffered += chunk;
        let newline;
        while ((newline = buffered.indexOf('\n')) >= 0) {
          onLine(buffered.slice(0, newline));
          buffered = buffered.slice(newline + 1);
        }
      });
    }
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited with ${code}:\n${lines.join('\n')}`));
    });
  });
  return { name, child, ready, lines };
}

function stopService(service) {
  return new Promise((resolveStop) => {
    if (service.child.exitCode !== null) return resolveStop();
    service.child.once('exit', () => resolveStop());
    service.child.kill('SIGTERM');
    setTimeout(() => service.child.kill('SIGKILL'), 5_000).unref();
  });
}

// The data-model suite posts to plain-http endpoints with node:http and drops the endpoint's
// `headers` setting, so the issuer's admin token is added here instead of in localConfig.cjs.
// That same plain-http path also returns the issuer's body as is, where the https path
// (vc-test-suite-implementations) unwraps VC-API's `{verifiableCredential}`; with
// `unwrapIssued` the proxy does that unwrapping, so the suite sees the credential itself.
function startAuthProxy({ targetPort, adminToken, port, unwrapIssued }) {
  const server = http.createServer((req, res) => {
    const upstream = http.request(
      {
        host: '127.0.0.1',
        port: targetPort,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, authorization: `Bearer ${adminToken}` },
      },
      (upstreamRes) => {
        const status = upstreamRes.statusCode ?? 502;
        if (!unwrapIssued || status < 200 || status >= 300) {
          res.writeHead(status, upstreamRes.headers);
          upstreamRes.pipe(res);
          return;
        }
        const chunks = [];
        upstreamRes.on('data', (chunk) => chunks.push(chunk));
        upstreamRes.on('end', () => {
          let body = Buffer.concat(chunks);
          try {
            const parsed = JSON.parse(body.toString('utf8'));
            if (parsed && typeof parsed === 'object' && parsed.verifiableCredential) {
              body = Buffer.from(JSON.stringify(parsed.verifiableCredential));
            }
          } catch {
            // not JSON: pass it on unchanged
          }
          const headers = { ...upstreamRes.headers, 'content-length': String(body.length) };
          delete headers.etag;
          res.writeHead(status, headers);
          res.end(body);
        });
      },
    );
    upstream.on('error', (error) => {
      res.writeHead(502, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { code: 'PROXY', message: error.message } }));
    });
    req.pipe(upstream);
  });
  return new Promise((resolveProxy) =>
    server.listen(port, '127.0.0.1', () => resolveProxy(server)),
  );
}

function localConfigSource({ suite, verifierUrl, issuer }) {
  const implementation = {
    name: implementationName,
    implementation: 'Skillproof verifier (packages/verifier)',
    issuers: issuer
      ? suite.issuers.map((entry) => ({
          id: issuer.did,
          endpoint: `${issuer.url}/credentials/issue`,
          tags: entry.tags,
          ...(entry.options ? { options: entry.options } : {}),
        }))
      : [],
    verifiers: suite.verifierTags.length
      ? [
          {
            id: 'urn:skillproof:verifier',
            endpoint: `${verifierUrl}/credentials/verify`,
            tags: suite.verifierTags,
          },
        ]
      : [],
    vpVerifiers: suite.vpVerifierTags.length
      ? [
          {
            id: 'urn:skillproof:verifier',
            endpoint: `${verifierUrl}/presentations/verify`,
            tags: suite.vpVerifierTags,
          },
        ]
      : [],
  };
  return `// Written by skillproof conformance/run-suite.mjs for this run; removed afterwards.
module.exports = ${JSON.stringify(
    {
      settings: { enableInteropTests: false, testAllImplementations: false },
      implementations: [implementation],
    },
    null,
    2,
  )};
`;
}

function runMocha(suiteDir, reportFile, env) {
  const mocha = join(suiteDir, 'node_modules', 'mocha', 'bin', 'mocha.js');
  // The suites' own `npm test` adds the W3C interop reporter, which writes HTML reports; the
  // JSON reporter gives the same tests with counts we can read.
  const args = [
    mocha,
    'tests/',
    '--reporter',
    'json',
    '--reporter-option',
    `output=${reportFile}`,
    '--timeout',
    '15000',
    '--preserve-symlinks',
  ];
  return new Promise((resolveRun) => {
    const child = spawn(process.execPath, args, {
      cwd: suiteDir,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.once('exit', (code) => resolveRun({ code, output }));
  });
}

function firstLine(text) {
  return (
    String(text ?? '')
      .split('\n')
      .find((line) => line.trim() !== '') ?? ''
  );
}

function summarize(report, suiteDir) {
  const files = new Map();
  const bucket = (test) => {
    const file = test.file ? relative(suiteDir, test.file) : '(unknown file)';
    if (!files.has(file)) files.set(file, { passes: 0, failures: 0, pending: 0 });
    return files.get(file);
  };
  for (const test of report.passes) bucket(test).passes++;
  for (const test of report.failures) bucket(test).failures++;
  for (const test of report.pending) bucket(test).pending++;
  return {
    stats: report.stats,
    files: Object.fromEntries([...files].sort(([a], [b]) => a.localeCompare(b))),
    passing: report.passes.map((test) => ({
      file: test.file ? relative(suiteDir, test.file) : '(unknown file)',
      title: test.fullTitle,
    })),
    pending: report.pending.map((test) => ({
      file: test.file ? relative(suiteDir, test.file) : '(unknown file)',
      title: test.fullTitle,
    })),
    failures: report.failures.map((test) => ({
      file: test.file ? relative(suiteDir, test.file) : '(unknown file)',
      title: test.fullTitle,
      error: firstLine(test.err?.message).slice(0, 300),
    })),
  };
}

async function main() {
  const { suiteDir, suiteName, issuer: wantIssuer, json } = parseArgs(process.argv.slice(2));
  const suite = suites[suiteName];
  for (const script of ['packages/verifier/dist/main.js', 'packages/issuer/dist/main.js']) {
    if (!existsSync(join(repoRoot, script))) usage(`${script} is missing: run the build first`);
  }
  const scratch = mkdtempSync(join(tmpdir(), 'skillproof-conformance-'));
  const services = [];
  let proxy;
  const configPath = join(suiteDir, 'localConfig.cjs');
  const backupPath = `${configPath}.skillproof-backup`;
  let wroteConfig = false;
  try {
    const verifierPort = await freePort();
    // The issuer's port is chosen first: the verifier fetches status lists only from hosts it is
    // told of, as `pnpm start` tells it of the issuer beside it.
    const issuerPort = await freePort();
    const verifier = startService('verifier', 'packages/verifier/dist/main.js', {
      PORT: String(verifierPort),
      HOST: '127.0.0.1',
      TRUSTED_ISSUERS: '',
      STATUS_LIST_HOSTS: `127.0.0.1:${issuerPort}`,
    });
    services.push(verifier);
    await verifier.ready;
    const verifierUrl = `http://127.0.0.1:${verifierPort}`;

    let issuer;
    if (wantIssuer) {
      const adminToken = randomBytes(24).toString('base64url');
      const service = startService('issuer', 'packages/issuer/dist/main.js', {
        PORT: String(issuerPort),
        HOST: '127.0.0.1',
        ISSUER_URL: `http://127.0.0.1:${issuerPort}`,
        DATA_DIR: join(scratch, 'issuer'),
        ISSUER_ADMIN_TOKEN: adminToken,
        ISSUER_KEY_SECRET: randomBytes(24).toString('base64url'),
      });
      services.push(service);
      const listening = await service.ready;
      const proxyPort = await freePort();
      proxy = await startAuthProxy({
        targetPort: issuerPort,
        adminToken,
        port: proxyPort,
        unwrapIssued: suite.unwrapIssued === true,
      });
      issuer = { did: listening.did, url: `http://127.0.0.1:${proxyPort}` };
    }

    if (existsSync(configPath)) renameSync(configPath, backupPath);
    writeFileSync(configPath, localConfigSource({ suite, verifierUrl, issuer }));
    wroteConfig = true;

    console.log(`suite ${suiteName} at ${suiteDir}`);
    console.log(
      `verifier ${verifierUrl}${issuer ? `; issuer ${issuer.url} (${issuer.did})` : '; no issuer'}`,
    );
    const reportFile = join(scratch, 'mocha-report.json');
    const { code, output } = await runMocha(suiteDir, reportFile, suite.env);
    if (!existsSync(reportFile)) {
      console.error(output);
      throw new Error(`mocha exited with ${code} and wrote no report`);
    }
    const summary = summarize(JSON.parse(readFileSync(reportFile, 'utf8')), suiteDir);
    if (json) writeFileSync(json, `${JSON.stringify({ suite: suiteName, ...summary }, null, 2)}\n`);

    const { stats } = summary;
    console.log('\nper file (passing / failing / pending):');
    for (const [file, counts] of Object.entries(summary.files)) {
      console.log(`  ${file}: ${counts.passes} / ${counts.failures} / ${counts.pending}`);
    }
    if (summary.failures.length) {
      console.log('\nfailing:');
      for (const failure of summary.failures) {
        console.log(`  [${failure.file}] ${failure.title}\n      ${failure.error}`);
      }
    }
    console.log(
      `\n${suiteName}: ${stats.passes} passing, ${stats.failures} failing, ${stats.pending} pending`,
    );
  } finally {
    if (wroteConfig) {
      rmSync(configPath, { force: true });
      if (existsSync(backupPath)) renameSync(backupPath, configPath);
    }
    if (proxy) await new Promise((resolveClose) => proxy.close(() => resolveClose()));
    await Promise.all(services.map(stopService));
    rmSync(scratch, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
