// bench/verify: how fast the verifier is, against did-jwt-vc, Veramo, Digital Bazaar's vc and
// raw Ed25519, measured in one run on one core: VCDM 1.1 JWTs, Data Integrity credentials,
// VC-JOSE vc+jwt beside VCDM 1.1 JWTs, and presentations. Run: `pnpm bench:verify` from the
// repository root.
import { verify } from 'node:crypto';
import { cpus } from 'node:os';
import { getDidKeyResolver } from '@veramo/did-provider-key';
import { Resolver } from 'did-resolver';
import { SignJWT } from 'jose';
import { verifyCredential as didJwtVcVerifyCredential } from 'did-jwt-vc';
import {
  jwtPayloadFromCredential,
  openBadgesContextV3,
  signEd25519Jwt,
  vcContextV1,
} from '@skillproof/core';
import { createSkillproofAgent } from '@skillproof/server/agent';
import { openDatabase } from '@skillproof/server/sqlite';
import {
  createStatusListResolver,
  verifyCredential,
  verifyPresentation,
  type VerificationPolicy,
} from '@skillproof/verifier';
import {
  makeIdentity,
  signStatusList,
  startStatusListServer,
  pinToOneCore,
  raceInterleaved,
  type RaceFigure,
} from '@skillproof/testing';
import {
  issueDataIntegrityBadges,
  type DataIntegrityBadges,
  type DataIntegritySuite,
} from './issue-data-integrity-badges.js';

// Pin to one core (the targets are per core).
pinToOneCore();

const issuer = makeIdentity();
const holder = makeIdentity();
const domain = 'https://jobs.example';

// A real status list, served over loopback HTTP: every credential carries an entry.
const listServer = await startStatusListServer();
const listUrl = `${listServer.url}/status/1`;
listServer.lists.set('/status/1', {
  body: signStatusList(issuer, listUrl, {
    set: [131_000],
    issuedAt: Math.floor(Date.now() / 1000) - 60,
  }),
});

// The Open Badge both JWT formats carry; only the data model's own fields differ.
function badgeClaims(index: number) {
  return {
    id: `urn:uuid:00000000-0000-4000-8000-${String(index).padStart(12, '0')}`,
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    issuer: {
      id: issuer.did,
      type: 'Profile',
      name: 'Bench Academy',
      url: 'https://academy.example',
    },
    credentialSubject: {
      id: holder.did,
      type: 'AchievementSubject',
      achievement: {
        id: `https://academy.example/achievements/badge-${index % 6}`,
        type: 'Achievement',
        achievementType: 'Competency',
        name: 'Python Problem Solver I',
        description: 'Solved five programming puzzles with per-learner inputs.',
        criteria: { narrative: 'Submit the right answer to each of the five puzzles.' },
      },
      result: [{ type: 'Result', value: '100' }],
    },
    credentialStatus: {
      id: `${listUrl}#${index}`,
      type: 'BitstringStatusListEntry',
      statusPurpose: 'revocation',
      statusListIndex: String(index),
      statusListCredential: listUrl,
    },
  };
}
const validFrom = new Date(Date.now() - 86_400_000).toISOString();
const validUntil = new Date(Date.now() + 365 * 86_400_000).toISOString();

// VCDM 1.1 as a JWT (jwt_vc_json), signed by our encoder.
function signBadge(index: number): string {
  return signEd25519Jwt(
    { alg: 'EdDSA', typ: 'JWT', kid: issuer.kid },
    jwtPayloadFromCredential({
      '@context': [vcContextV1, openBadgesContextV3],
      ...badgeClaims(index),
      issuanceDate: validFrom,
      expirationDate: validUntil,
    }),
    issuer.privateKey,
  );
}

// VC-JOSE-COSE §3.1.1 (vc+jwt): the payload is the VCDM 2.0 credential itself, signed by jose.
function signVcJoseBadge(index: number): Promise<string> {
  return new SignJWT({
    '@context': ['https://www.w3.org/ns/credentials/v2', openBadgesContextV3],
    ...badgeClaims(index),
    validFrom,
    validUntil,
  })
    .setProtectedHeader({ alg: 'EdDSA', typ: 'vc+jwt', kid: issuer.kid })
    .sign(issuer.privateKey);
}

function signPresentation(credentials: string[], nonce: string): string {
  const now = Math.floor(Date.now() / 1000);
  return signEd25519Jwt(
    { alg: 'EdDSA', typ: 'JWT', kid: holder.kid },
    {
      vp: {
        '@context': [vcContextV1],
        type: ['VerifiablePresentation'],
        verifiableCredential: credentials,
      },
      iss: holder.did,
      nbf: now,
      iat: now,
      nonce,
      aud: domain,
    },
    holder.privateKey,
  );
}

function expectVerified(result: { verified: boolean; errors?: unknown }, what: string): void {
  if (!result.verified) throw new Error(`${what} did not verify: ${JSON.stringify(result.errors)}`);
}

const rounds = 7;
const credentialCount = 3_000;
process.stdout.write(`preparing ${credentialCount} credentials and presentations… `);
const credentials = Array.from({ length: credentialCount }, (_, index) => signBadge(index));
const vcJoseCredentials = await Promise.all(
  Array.from({ length: credentialCount }, (_, index) => signVcJoseBadge(index)),
);
// 64 distinct credentials per suite, as bench/data-integrity: signing canonicalizes RDF, so it is
// slow, and the verifiers cycle through them rather than meet one document again and again.
const dataIntegrityCount = 64;
const dataIntegritySuites: readonly DataIntegritySuite[] = [
  'eddsa-rdfc-2022',
  'Ed25519Signature2020',
];
const dataIntegrityBadges = new Map<DataIntegritySuite, DataIntegrityBadges>();
for (const suite of dataIntegritySuites) {
  dataIntegrityBadges.set(suite, await issueDataIntegrityBadges(suite, dataIntegrityCount));
}
const presentationCount = 16_000;
const presentations = Array.from({ length: presentationCount }, (_, index) =>
  signPresentation(
    [0, 1, 2].map((offset) => credentials[(index * 3 + offset) % credentialCount] as string),
    `nonce-${index}`,
  ),
);
console.log('done');

const statusLists = createStatusListResolver();
const usedNonces = new Set<string>();
const ourPolicy: VerificationPolicy = {
  trustedIssuers: [{ did: issuer.did }],
  statusLists,
  checkStatus: true,
};
const resolver = new Resolver(getDidKeyResolver(), { cache: true });
const agent = await createSkillproofAgent({
  db: openDatabase(':memory:'),
  keySecret: 'bench',
  scryptLogN: 10,
});
const veramoPolicies = { credentialStatus: false };

// Every path must really accept what it is timed on.
expectVerified(await verifyCredential(credentials[0], ourPolicy), 'our credential');
expectVerified(await didJwtVcVerifyCredential(credentials[0] as string, resolver), 'did-jwt-vc');
const vcJoseResult = await verifyCredential(vcJoseCredentials[0], ourPolicy);
expectVerified(vcJoseResult, 'our vc+jwt');
if (vcJoseResult.format !== 'vc+jwt') throw new Error(`vc+jwt read as ${vcJoseResult.format}`);

console.log(`\nbench/verify — Node ${process.version}, ${cpus()[0]?.model ?? 'unknown CPU'}`);
console.log(`one credential = OpenBadgeCredential JWT with a status entry (list cached)\n`);
console.log(`${rounds} interleaved rounds each; medians\n`);
console.log('credentials');
const raw = credentials[0]?.split('.') as [string, string, string];
const rawInput = Buffer.from(`${raw[0]}.${raw[1]}`);
const rawSignature = Buffer.from(raw[2], 'base64url');
let credentialIndex = 0;
const nextCredential = (): string => credentials[credentialIndex++ % credentialCount] as string;
const [bound, ours, theirs] = (await raceInterleaved(
  [
    {
      name: 'raw crypto.verify Ed25519 (the bound)',
      operation: () => verify(null, rawInput, issuer.publicKey, rawSignature),
    },
    {
      name: 'ours: verifyCredential (every check, status cached)',
      operation: async () =>
        expectVerified(await verifyCredential(nextCredential(), ourPolicy), 'credential'),
    },
    {
      name: 'did-jwt-vc: verifyCredential (did:key resolver, cached)',
      operation: async () =>
        expectVerified(await didJwtVcVerifyCredential(nextCredential(), resolver), 'did-jwt-vc'),
    },
  ],
  { rounds, secondsPerRound: 0.6, warmupCalls: 100, nameWidth: 60 },
)) as [RaceFigure, RaceFigure, RaceFigure];

// Data Integrity: our whole verifyCredential (proof, contexts, content, validity, trust) against
// Digital Bazaar's vc.verifyCredential (proof, issuer, dates), same credentials, same contexts.
// Neither checks status: ours with checkStatus false, theirs with a checkStatus that says yes.
console.log(
  '\nData Integrity credentials (VCDM 2.0 + OB 3.0.3, signed by vc.issue; status not checked)',
);
const dataIntegrityFigures: Array<[DataIntegritySuite, RaceFigure, RaceFigure]> = [];
for (const [suite, badges] of dataIntegrityBadges) {
  const policy: VerificationPolicy = {
    trustedIssuers: [{ did: badges.issuer }],
    statusLists,
    checkStatus: false,
  };
  const verifyOurs = async (credential: Record<string, unknown>): Promise<void> =>
    expectVerified(await verifyCredential(credential, policy), `our ${suite}`);
  const first = badges.credentials[0] as Record<string, unknown>;
  await verifyOurs(first);
  await badges.verifyWithDigitalBazaar(first);
  let oursIndex = 0;
  let theirsIndex = 0;
  const nextOf = (index: number) =>
    badges.credentials[index % dataIntegrityCount] as Record<string, unknown>;
  console.log(suite);
  const [oursFigure, theirsFigure] = (await raceInterleaved(
    [
      {
        name: 'ours: verifyCredential (checkStatus: false)',
        operation: () => verifyOurs(nextOf(oursIndex++)),
      },
      {
        name: 'Digital Bazaar: vc.verifyCredential (no-op checkStatus)',
        operation: () => badges.verifyWithDigitalBazaar(nextOf(theirsIndex++)),
      },
    ],
    { rounds, secondsPerRound: 0.6, warmupCalls: 50, nameWidth: 60 },
  )) as [RaceFigure, RaceFigure];
  dataIntegrityFigures.push([suite, oursFigure, theirsFigure]);
}

// VC-JOSE vc+jwt beside VCDM 1.1 JWT: the same badge, issuer, key and status list, both through
// our verifyCredential under the same policy.
console.log('\nvc+jwt (VC-JOSE, VCDM 2.0, signed by jose) beside VCDM 1.1 JWT, both through ours');
let jwtIndex = 0;
let vcJoseIndex = 0;
const [oursJwt, oursVcJose] = (await raceInterleaved(
  [
    {
      name: 'ours: verifyCredential, VCDM 1.1 JWT (status cached)',
      operation: async () =>
        expectVerified(
          await verifyCredential(credentials[jwtIndex++ % credentialCount], ourPolicy),
          'VCDM 1.1 JWT',
        ),
    },
    {
      name: 'ours: verifyCredential, vc+jwt (status cached)',
      operation: async () =>
        expectVerified(
          await verifyCredential(vcJoseCredentials[vcJoseIndex++ % credentialCount], ourPolicy),
          'vc+jwt',
        ),
    },
  ],
  { rounds, secondsPerRound: 0.6, warmupCalls: 100, nameWidth: 60 },
)) as [RaceFigure, RaceFigure];

console.log('\npresentations of 3 credentials');
let presentationIndex = 0;
const nextPresentation = (): { jwt: string; nonce: string } => {
  const index = presentationIndex++;
  if (index >= presentationCount) throw new Error('bench ran out of fresh presentations');
  return { jwt: presentations[index] as string, nonce: `nonce-${index}` };
};
const [oursVp, veramoVp] = (await raceInterleaved(
  [
    {
      name: 'ours: verifyPresentation (+3 credentials, nonce store, status)',
      operation: async () => {
        const { jwt, nonce } = nextPresentation();
        usedNonces.add(nonce);
        const result = await verifyPresentation(jwt, {
          ...ourPolicy,
          challenge: nonce,
          domain,
          nonceStore: { consume: (value) => usedNonces.delete(value) },
        });
        expectVerified(result, 'presentation');
      },
    },
    {
      name: 'Veramo: verifyPresentation + verifyCredential x3',
      operation: async () => {
        const { jwt, nonce } = nextPresentation();
        const presentation = await agent.verifyPresentation({
          presentation: jwt,
          challenge: nonce,
          domain,
          policies: veramoPolicies,
        });
        expectVerified(presentation, 'Veramo presentation');
        const payload = jwt.split('.')[1] as string;
        const embedded = (
          JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as {
            vp: { verifiableCredential: string[] };
          }
        ).vp.verifiableCredential;
        for (const credential of embedded) {
          expectVerified(
            await agent.verifyCredential({ credential, policies: veramoPolicies }),
            'Veramo credential',
          );
        }
      },
    },
  ],
  { rounds, secondsPerRound: 0.6, warmupCalls: 100, nameWidth: 60 },
)) as [RaceFigure, RaceFigure];

await listServer.close();
const ratio = (a: RaceFigure, b: RaceFigure, digits = 1): string =>
  `${(a.perSecond / b.perSecond).toFixed(digits)}x`;
const percent = (a: number, b: number): string => `${((a / b) * 100).toFixed(0)}%`;
const verdict = (ok: boolean): string => (ok ? 'met' : 'NOT met');
const row = (label: string, value: string): void => console.log(`  ${label.padEnd(46)} ${value}`);
console.log('\nratios');
row('ours / did-jwt-vc (credentials)', ratio(ours, theirs));
row('ours / raw Ed25519 bound (credentials)', percent(ours.perSecond, bound.perSecond));
for (const [suite, oursFigure, theirsFigure] of dataIntegrityFigures) {
  row(`ours / Digital Bazaar (${suite})`, ratio(oursFigure, theirsFigure, 2));
}
row('vc+jwt / VCDM 1.1 JWT (ours, same race)', ratio(oursVcJose, oursJwt, 2));
row('ours / Veramo path (presentations)', ratio(oursVp, veramoVp));
row(
  'ours presentations / (raw bound / 4)',
  `${percent(oursVp.perSecond, bound.perSecond / 4)}  (a presentation of 3 is 4 signatures)`,
);
console.log('\ntargets');
row('credentials >= 10,000/s', verdict(ours.perSecond >= 10_000));
row('credentials >= 10x did-jwt-vc', verdict(ours.perSecond >= 10 * theirs.perSecond));
for (const [suite, oursFigure, theirsFigure] of dataIntegrityFigures) {
  row(`${suite} >= 2x Digital Bazaar`, verdict(oursFigure.perSecond >= 2 * theirsFigure.perSecond));
}
row('vc+jwt within 10% of VCDM 1.1 JWT', verdict(oursVcJose.perSecond >= 0.9 * oursJwt.perSecond));
row('presentations >= 3,000/s', verdict(oursVp.perSecond >= 3_000));
row('presentations >= 12x Veramo', verdict(oursVp.perSecond >= 12 * veramoVp.perSecond));
if (bound.perSecond < 10_000) {
  console.log(
    `\nnote: this CPU verifies ${Math.round(bound.perSecond).toLocaleString('en')} raw Ed25519 signatures/s, so no verifier that checks every signature can reach the absolute targets here; the ratios carry across machines.`,
  );
}
