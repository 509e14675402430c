import { describe, expect, it } from '@jest/globals';
import {
  encodeBase64url,
  jwtPayloadFromCredential,
  openBadgesContextV3,
  signEd25519Jwt,
  vcContextV1,
  type W3cCredential,
} from '@skillproof/core';
import {
  createSkillproofAgent,
  ensureIdentifier,
  signCredentialJwt,
  type SkillproofAgent,
} from '@skillproof/server/agent';
import { openDatabase } from '@skillproof/server/sqlite';
import { verifyCredential, type CheckCode } from '@skillproof/verifier';
import { getDidKeyResolver } from '@veramo/did-provider-key';
import { verifyCredential as didJwtVcVerifyCredential } from 'did-jwt-vc';
import { Resolver } from 'did-resolver';
import {
  fixedNow,
  makeIdentity,
  nowSeconds,
  payloadOf,
  signPayload,
  withPayload,
} from '@skillproof/testing';

// A corpus of credentials, signed by our fixtures and by Veramo, on which our verifier and
// did-jwt-vc (what Veramo verifies with) must reach the same verdict. Both run on the same
// fixed clock and the same clock skew.

const skew = 60;
const resolver = new Resolver(getDidKeyResolver());

async function oursAccepts(jwt: string): Promise<boolean> {
  return (await verifyCredential(jwt, { now: () => fixedNow, clockSkewSeconds: skew })).verified;
}

async function ourCodes(jwt: string): Promise<Array<CheckCode | undefined>> {
  const result = await verifyCredential(jwt, { now: () => fixedNow, clockSkewSeconds: skew });
  return result.errors.map((error) => error.code);
}

/** did-jwt-vc's verdict: it throws on anything it refuses. */
async function didJwtVcAccepts(jwt: string): Promise<boolean> {
  try {
    const verified = await didJwtVcVerifyCredential(jwt, resolver, {
      policies: { now: nowSeconds },
      skewTime: skew,
    });
    return verified.verified;
  } catch {
    return false;
  }
}

const day = 86_400;
const iso = (seconds: number): string => new Date(seconds * 1000).toISOString();

/** An Open Badges 3.0 credential, issued an hour ago, valid for a year. */
function openBadge(
  issuer: string,
  subject: string,
  overrides: Partial<W3cCredential> = {},
): W3cCredential {
  return {
    '@context': [vcContextV1, openBadgesContextV3],
    id: 'urn:uuid:1d0c8a52-7b1e-4c3f-9d1a-5a0e2f7c0001',
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    issuer: { id: issuer, type: 'Profile', name: 'Test Academy', url: 'https://issuer.example' },
    issuanceDate: iso(nowSeconds - 3600),
    expirationDate: iso(nowSeconds + 365 * day),
    credentialSubject: {
      id: subject,
      type: 'AchievementSubject',
      achievement: {
        id: 'https://issuer.example/achievements/git-basics',
        type: 'Achievement',
        name: 'Git Basics',
      },
    },
    ...overrides,
  };
}

function without(credential: W3cCredential, field: string): W3cCredential {
  const { [field]: _dropped, ...rest } = credential;
  return rest as W3cCredential;
}

interface Shape {
  name: string;
  make: (issuer: string, subject: string) => W3cCredential;
}

const longText = 'Demonstrates branching, merging and rebasing in a shared repository. '.repeat(
  300,
);

const shapes: Shape[] = [
  { name: 'an Open Badges 3.0 badge', make: (i, s) => openBadge(i, s) },
  { name: 'no id', make: (i, s) => without(openBadge(i, s), 'id') },
  {
    name: 'no expirationDate',
    make: (i, s) => without(openBadge(i, s), 'expirationDate'),
  },
  {
    name: 'issued five years ago, valid for thirty',
    make: (i, s) =>
      openBadge(i, s, {
        issuanceDate: iso(nowSeconds - 5 * 365 * day),
        expirationDate: iso(nowSeconds + 30 * 365 * day),
      }),
  },
  {
    name: 'nbf 30 s ahead, inside the clock skew',
    make: (i, s) => openBadge(i, s, { issuanceDate: iso(nowSeconds + 30) }),
  },
  {
    name: 'exp 30 s ago, inside the clock skew',
    make: (i, s) => openBadge(i, s, { expirationDate: iso(nowSeconds - 30) }),
  },
  {
    name: 'only the VCDM 1.1 context and type',
    make: (i, s) => ({
      '@context': [vcContextV1],
      type: ['VerifiableCredential'],
      issuer: i,
      issuanceDate: iso(nowSeconds - day),
      credentialSubject: { id: s, degree: { type: 'BachelorDegree', name: 'Computer Science' } },
    }),
  },
  {
    name: 'three types and three contexts',
    make: (i, s) =>
      openBadge(i, s, {
        '@context': [
          vcContextV1,
          openBadgesContextV3,
          'https://w3id.org/security/suites/ed25519-2020/v1',
        ],
        type: ['VerifiableCredential', 'OpenBadgeCredential', 'AchievementCredential'],
      }),
  },
  {
    name: 'unicode names',
    make: (i, s) =>
      openBadge(i, s, {
        issuer: {
          id: i,
          type: 'Profile',
          name: 'Académie des Compétences — 技能学院',
          url: 'https://é.example',
        },
        credentialSubject: {
          id: s,
          type: 'AchievementSubject',
          name: 'Zoë Ñúñez-Øster مهارات',
          achievement: {
            id: 'https://issuer.example/achievements/ünïcödé',
            type: 'Achievement',
            name: 'Git の基本 🎓 (e\u0301)',
          },
        },
      }),
  },
  {
    name: 'a 20,000-character description',
    make: (i, s) =>
      openBadge(i, s, {
        credentialSubject: {
          id: s,
          type: 'AchievementSubject',
          achievement: {
            id: 'https://issuer.example/achievements/long',
            type: 'Achievement',
            name: 'Long',
            description: longText,
          },
        },
      }),
  },
  {
    name: 'a subject identified by an https URL',
    make: (i) => openBadge(i, 'https://learner.example/profiles/42'),
  },
  {
    name: 'a subject with no id',
    make: (i) =>
      openBadge(i, '', {
        credentialSubject: { type: 'AchievementSubject', name: 'Anonymous learner' },
      }),
  },
  {
    name: 'an issuer given as a bare DID',
    make: (i, s) => openBadge(i, s, { issuer: i }),
  },
  {
    name: 'an OB 3.0 achievement with criteria, alignment, image and results',
    make: (i, s) =>
      openBadge(i, s, {
        type: ['VerifiableCredential', 'OpenBadgeCredential'],
        credentialSubject: {
          id: s,
          type: ['AchievementSubject'],
          achievement: {
            id: 'https://issuer.example/achievements/sql',
            type: ['Achievement'],
            name: 'SQL Joins',
            description: 'Writes inner, outer and self joins.',
            achievementType: 'Competency',
            criteria: { narrative: 'Pass the SQL joins quiz with 80% or more.' },
            image: { id: 'https://issuer.example/img/sql.png', type: 'Image', caption: 'SQL' },
            alignment: [
              {
                type: ['Alignment'],
                targetName: 'ESCO: SQL',
                targetUrl: 'http://data.europa.eu/esco/skill/598de5b0-5b58-4ea7-8058-a4bc4d18c742',
              },
            ],
          },
          result: [{ type: ['Result'], value: '92' }],
        },
      }),
  },
  {
    name: 'evidence, credentialSchema and termsOfUse',
    make: (i, s) =>
      openBadge(i, s, {
        evidence: [{ id: 'https://issuer.example/attempts/7', type: ['Evidence'], name: 'Quiz' }],
        credentialSchema: [
          {
            id: 'https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json',
            type: '1EdTechJsonSchemaValidator2019',
          },
        ],
        termsOfUse: [{ type: 'IssuerPolicy', id: 'https://issuer.example/policy' }],
      }),
  },
  {
    name: 'claims of every JSON type',
    make: (i, s) =>
      openBadge(i, s, {
        credentialSubject: {
          id: s,
          score: 97.5,
          passed: true,
          retries: 0,
          note: null,
          tags: ['git', 'sql', ''],
          nested: { deeper: { deepest: [1, [2, [3]]] } },
        },
      }),
  },
];

interface CorpusEntry {
  name: string;
  jwt: string;
}

/** A credential both must refuse, ours with this code. */
interface RefusedEntry extends CorpusEntry {
  refusedWith: CheckCode;
}

const ourIssuer = makeIdentity();
const otherIssuer = makeIdentity();
const mallory = makeIdentity();
const learner = makeIdentity();

const agent = await createSkillproofAgent({
  db: openDatabase(':memory:'),
  keySecret: 'test',
  scryptLogN: 10,
});
const veramoIssuer = await ensureIdentifier(agent, 'issuer');
const veramoLearner = await ensureIdentifier(agent, 'learner');

/** Veramo types `credentialStatus` more narrowly than our `unknown`; the corpus sets none. */
type VeramoCredentialInput = NonNullable<
  Parameters<SkillproofAgent['createVerifiableCredential']>[0]
>['credential'];

async function signedByVeramo(credential: W3cCredential): Promise<string> {
  const signed = await agent.createVerifiableCredential({
    credential: credential as VeramoCredentialInput,
    proofFormat: 'jwt',
  });
  return signed.proof['jwt'] as string;
}

const valid: CorpusEntry[] = [];
for (const shape of shapes) {
  // Our encoding (VCDM 1.1 §6.3.1), the one the issuer service signs with.
  valid.push({
    name: `ours: ${shape.name}`,
    jwt: signPayload(ourIssuer, jwtPayloadFromCredential(shape.make(ourIssuer.did, learner.did))),
  });
  // Veramo's own encoding (did-jwt-vc's createVerifiableCredentialJwt), as the wallet signs.
  valid.push({
    name: `Veramo: ${shape.name}`,
    jwt: await signedByVeramo(shape.make(veramoIssuer.did, veramoLearner.did)),
  });
}
for (const shape of shapes.slice(0, 3)) {
  const signed = await signCredentialJwt(
    agent,
    veramoIssuer,
    shape.make(veramoIssuer.did, veramoLearner.did),
  );
  valid.push({ name: `Veramo key, our encoding: ${shape.name}`, jwt: signed.proof.jwt });
}

function corpusJwt(name: string): string {
  const entry = valid.find((candidate) => candidate.name === name);
  if (!entry) throw new Error(`the corpus has no "${name}"`);
  return entry.jwt;
}
const ourBadge = corpusJwt('ours: an Open Badges 3.0 badge');
const ourUnicode = corpusJwt('ours: unicode names');
const veramoBadge = corpusJwt('Veramo: an Open Badges 3.0 badge');

const { nbf: _nbf, ...undatedPayload } = payloadOf(ourBadge);
valid.push({
  name: 'ours: iat and no nbf',
  jwt: signPayload(ourIssuer, { ...undatedPayload, iat: nowSeconds - 60 }),
});

/** Flips one bit in the middle of a JWT's signature. */
function flipSignatureByte(jwt: string): string {
  const [header, payload, signature] = jwt.split('.');
  const bytes = Buffer.from(signature ?? '', 'base64url');
  bytes.writeUInt8(bytes.readUInt8(20) ^ 0x01, 20);
  return `${header}.${payload}.${encodeBase64url(bytes)}`;
}

function headerOf(jwt: string): Record<string, unknown> {
  return JSON.parse(
    Buffer.from(jwt.split('.')[0] as string, 'base64url').toString('utf8'),
  ) as Record<string, unknown>;
}

const dated = (claims: Record<string, unknown>): string =>
  signPayload(ourIssuer, { ...payloadOf(ourBadge), ...claims });

const invalid: RefusedEntry[] = [
  {
    name: 'ours, flipped signature byte',
    jwt: flipSignatureByte(ourBadge),
    refusedWith: 'SIGNATURE_INVALID',
  },
  {
    name: 'Veramo, flipped signature byte',
    jwt: flipSignatureByte(veramoBadge),
    refusedWith: 'SIGNATURE_INVALID',
  },
  {
    name: 'ours, payload from another token of the same issuer',
    jwt: withPayload(ourBadge, payloadOf(ourUnicode)),
    refusedWith: 'SIGNATURE_INVALID',
  },
  {
    name: 'ours, subject swapped in the payload',
    jwt: withPayload(ourBadge, { ...payloadOf(ourBadge), sub: mallory.did }),
    refusedWith: 'SIGNATURE_INVALID',
  },
  {
    name: 'ours, signed by another key with iss and kid unchanged',
    jwt: signEd25519Jwt(headerOf(ourBadge), payloadOf(ourBadge), mallory.privateKey),
    refusedWith: 'SIGNATURE_INVALID',
  },
  {
    name: 'Veramo, signed by another key with iss and kid unchanged',
    jwt: signEd25519Jwt(headerOf(veramoBadge), payloadOf(veramoBadge), mallory.privateKey),
    refusedWith: 'SIGNATURE_INVALID',
  },
  {
    name: "ours, another issuer's DID as iss over our signature",
    jwt: withPayload(ourBadge, { ...payloadOf(ourBadge), iss: otherIssuer.did }),
    refusedWith: 'KID_MISMATCH',
  },
  { name: 'garbage string', jwt: 'this is not a credential', refusedWith: 'JWT_MALFORMED' },
  { name: 'empty string', jwt: '', refusedWith: 'JWT_MALFORMED' },
  {
    name: 'three parts of random base64url',
    jwt: 'q83vEjRWeJA.q83vEjRWeJA.q83vEjRWeJA',
    refusedWith: 'JWT_MALFORMED',
  },
  {
    name: 'alg none with the signature dropped',
    jwt: `${encodeBase64url(JSON.stringify({ alg: 'none', typ: 'JWT' }))}.${ourBadge.split('.')[1]}.`,
    refusedWith: 'ALG_NOT_ALLOWED',
  },
  {
    name: 'exp 120 s ago, past the clock skew',
    jwt: dated({ exp: nowSeconds - 120 }),
    refusedWith: 'EXPIRED',
  },
  {
    name: 'exp exactly at now - skew (RFC 7519: not on or after exp)',
    jwt: dated({ exp: nowSeconds - skew }),
    refusedWith: 'EXPIRED',
  },
  {
    name: 'nbf 120 s ahead, past the clock skew',
    jwt: dated({ nbf: nowSeconds + 120 }),
    refusedWith: 'NOT_YET_VALID',
  },
  {
    name: 'no VerifiableCredential type',
    jwt: dated({ vc: { ...(payloadOf(ourBadge)['vc'] as object), type: ['OpenBadgeCredential'] } }),
    refusedWith: 'PAYLOAD_INVALID',
  },
  {
    name: 'iss that is not a DID',
    jwt: dated({ iss: 'https://issuer.example' }),
    refusedWith: 'ISSUER_MISSING',
  },
];

describe('agreement with did-jwt-vc', () => {
  it('has a corpus of at least 30 valid credentials, from both signers', () => {
    expect(valid.length).toBeGreaterThanOrEqual(30);
    expect(valid.filter((entry) => entry.name.startsWith('ours')).length).toBeGreaterThan(10);
    expect(valid.filter((entry) => entry.name.startsWith('Veramo')).length).toBeGreaterThan(10);
    expect(new Set(valid.map((entry) => entry.name)).size).toBe(valid.length);
  });

  it.each(valid)('both accept $name', async ({ jwt }) => {
    expect(await ourCodes(jwt)).toEqual([]);
    expect(await didJwtVcAccepts(jwt)).toBe(true);
  });

  it.each(invalid)('both refuse $name', async ({ jwt, refusedWith }) => {
    expect(await ourCodes(jwt)).toEqual([refusedWith]);
    expect(await didJwtVcAccepts(jwt)).toBe(false);
  });
});

describe('where we are stricter than did-jwt-vc', () => {
  const base = payloadOf(ourBadge);
  const vc = base['vc'] as Record<string, unknown>;

  it('a payload issuer object naming another DID than iss: did-jwt-vc reports that DID', async () => {
    const jwt = signPayload(ourIssuer, {
      ...base,
      issuer: { id: otherIssuer.did, name: 'Someone Else' },
    });
    const theirs = await didJwtVcVerifyCredential(jwt, resolver, {
      policies: { now: nowSeconds },
      skewTime: skew,
    });
    // Signed by ourIssuer, yet presented as issued by otherIssuer.
    expect(theirs.verifiableCredential.issuer).toEqual(
      expect.objectContaining({ id: otherIssuer.did }),
    );
    expect(await ourCodes(jwt)).toEqual(['ISSUER_MISMATCH']);
  });

  it.each([
    ['vc.expirationDate in the past', { expirationDate: iso(nowSeconds - day) }, 'EXPIRED'],
    ['vc.validUntil in the past', { validUntil: iso(nowSeconds - day) }, 'EXPIRED'],
    ['vc.validFrom in the future', { validFrom: iso(nowSeconds + day) }, 'NOT_YET_VALID'],
  ] as const)('%s: did-jwt-vc reads only nbf and exp', async (_name, dates, code) => {
    const { exp: _exp, ...payload } = base;
    const jwt = signPayload(ourIssuer, { ...payload, vc: { ...vc, ...dates } });
    expect(await didJwtVcAccepts(jwt)).toBe(true);
    expect(await ourCodes(jwt)).toEqual([code]);
  });

  it('an unknown crit header (RFC 7515 §4.1.11)', async () => {
    const jwt = signPayload(ourIssuer, base, { crit: ['exp-extension'], 'exp-extension': 1 });
    expect(await didJwtVcAccepts(jwt)).toBe(true);
    expect(await ourCodes(jwt)).toEqual(['CRIT_UNSUPPORTED']);
  });
});

describe('where did-jwt-vc is stricter than we are', () => {
  const base = payloadOf(ourBadge);
  const vc = base['vc'] as Record<string, unknown>;

  it('a context list without the VCDM 1.1 context', async () => {
    const jwt = signPayload(ourIssuer, {
      ...base,
      vc: { ...vc, '@context': ['https://www.w3.org/ns/credentials/v2'] },
    });
    expect(await didJwtVcAccepts(jwt)).toBe(false);
    expect(await oursAccepts(jwt)).toBe(true);
  });

  it('an empty credentialSubject and no sub', async () => {
    const { sub: _sub, ...payload } = base;
    const jwt = signPayload(ourIssuer, { ...payload, vc: { ...vc, credentialSubject: {} } });
    expect(await didJwtVcAccepts(jwt)).toBe(false);
    expect(await oursAccepts(jwt)).toBe(true);
  });
});

describe('where we agree since VCDM 2.0 subjects may be lists', () => {
  const base = payloadOf(ourBadge);
  const vc = base['vc'] as Record<string, unknown>;

  it('a credentialSubject array (several subjects) verifies, as did-jwt-vc says', async () => {
    const subjects = [{ name: 'first' }, { name: 'second' }];
    const { sub: _sub, ...payload } = base;
    const jwt = signPayload(ourIssuer, { ...payload, vc: { ...vc, credentialSubject: subjects } });
    expect(await didJwtVcAccepts(jwt)).toBe(true);
    expect(await oursAccepts(jwt)).toBe(true);
  });

  it('a credentialSubject array holding a non-object is refused', async () => {
    const { sub: _sub, ...payload } = base;
    const jwt = signPayload(ourIssuer, {
      ...payload,
      vc: { ...vc, credentialSubject: [{ name: 'first' }, 'second'] },
    });
    expect(await ourCodes(jwt)).toEqual(['PAYLOAD_INVALID']);
  });
});
