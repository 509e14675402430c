import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { decodeJwt, type IssuedFormat } from '@skillproof/core';
import {
  awardBadge,
  completePendingCredentials,
  correctAnswers,
  findBadge,
  gradeAttempt,
  loadDefaultCatalog,
  type Catalog,
} from '../../src/index.js';
import { rightAnswers } from '../fixtures/answer-attempt.js';
import {
  adminToken,
  answerAttempt,
  retryAtWill,
  signIn,
  signInNewLearner,
  startedAttempt,
  startTestIssuer,
  type TestIssuer,
  type TestLearner,
} from '../fixtures/issuer-harness.js';
import { ob3SchemaErrors } from '@skillproof/testing';
import { verifyWithDigitalBazaar } from '../fixtures/ob3-signing.js';
import { verifyIssued } from '../fixtures/verify-issued.js';
import { selectRows } from '../fixtures/select-rows.js';

// Badges won through micro-tests in each format the catalogue offers, over HTTP, judged by our
// verifier (status lists read from the issuer), Digital Bazaar's vc (ldp_vc) and 1EdTech's OB 3.0
// JSON schema. git-basics offers every format (none named in its file); sql-basics is narrowed
// here to the VCDM 2.0 ones, so the default, jwt_vc_json, is not on offer for it.
const defaults = loadDefaultCatalog();
const narrowed: Catalog = {
  ...defaults,
  badges: defaults.badges.map((badge) =>
    badge.id === 'sql-basics' ? { ...badge, formats: ['ldp_vc', 'vc+jwt'] } : badge,
  ),
};
const atWill = retryAtWill(narrowed);
const dayMs = 24 * 60 * 60 * 1000;

let issuer: TestIssuer;
const learners: TestLearner[] = [];

beforeAll(async () => {
  issuer = await startTestIssuer(atWill);
});

afterAll(async () => {
  await issuer.close();
  for (const learner of learners) learner.close();
});

async function newLearner(): Promise<{ learner: TestLearner; did: string; token: string }> {
  const { learner, token } = await signInNewLearner(issuer);
  learners.push(learner);
  return { learner, did: learner.did, token };
}

/** Starts an attempt at `badgeId` and answers it right, asking for `format` when given. */
async function pass(token: string, badgeId: string, format?: string) {
  const attempt = await startedAttempt(issuer, token, badgeId);
  const answers = rightAnswers(findBadge(atWill.catalog, badgeId), attempt);
  const response = await answerAttempt(issuer, token, attempt.attemptId, answers, format);
  return { attempt, response };
}

/** The credential a `vc+jwt` envelope carries: the payload of its JWS. */
function envelopedPayload(envelope: { id: string }): Record<string, unknown> {
  return decodeJwt(envelope.id.slice(envelope.id.indexOf(',') + 1)).payload;
}

/** The signed credential of a response, whatever its format: what the schema and claims are read of. */
function signedCredential(format: IssuedFormat, vc: Record<string, unknown>) {
  return format === 'vc+jwt' ? envelopedPayload(vc as { id: string }) : vc;
}

async function statusEntriesByPurpose(): Promise<Record<string, number>> {
  const rows = await selectRows<{ purpose: string; count: number }>(
    issuer.db,
    `SELECT l.purpose AS purpose, COUNT(*) AS count FROM issuer_status_entries e
     JOIN issuer_status_lists l ON l.id = e.list_id GROUP BY l.purpose`,
  );
  return Object.fromEntries(rows.map((row) => [row.purpose, row.count]));
}

function updateStatus(credentialId: string, changes: Record<string, boolean>) {
  return issuer.http
    .post('/credentials/status')
    .set('Authorization', `Bearer ${adminToken}`)
    .send({
      credentialId,
      credentialStatus: Object.entries(changes).map(([statusPurpose, status]) => ({
        type: 'BitstringStatusListEntry',
        statusPurpose,
        status,
      })),
    });
}

describe('POST /attempts/:id/answers in each format', () => {
  it.each(['jwt_vc_json', 'ldp_vc', 'vc+jwt'] as const)(
    'awards %s: verified by our verifier, issued to the learner, stored with its attempt',
    async (format) => {
      const learner = await newLearner();
      const { attempt, response } = await pass(learner.token, 'git-basics', format);
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ passed: true, format, award: 'issued' });
      const vc = response.body.verifiableCredential as Record<string, unknown>;

      const ours = await verifyIssued(issuer, vc);
      expect(ours.errors).toEqual([]);
      expect(ours.verified).toBe(true);
      expect(ours.format).toBe(format);
      const credential = signedCredential(format, vc);
      expect(credential['credentialSubject']).toMatchObject({
        id: learner.did,
        achievement: { id: 'https://academy.test/achievements/git-basics', name: 'Git Basics' },
        result: [{ type: ['Result'], value: '100' }],
      });
      expect(credential['type']).toEqual(['VerifiableCredential', 'OpenBadgeCredential']);

      const stored = await issuer.store.findCredential(credential['id'] as string);
      expect(stored).toMatchObject({
        format,
        subjectDid: learner.did,
        attemptId: attempt.attemptId,
        credential: vc,
      });
      expect(await issuer.store.listPendingCredentials()).toEqual([]);
    },
  );

  it('signs jwt_vc_json as the VCDM 1.1 badge with a revocation and a suspension entry', async () => {
    const { response } = await pass((await newLearner()).token, 'git-basics', 'jwt_vc_json');
    const vc = response.body.verifiableCredential;
    expect(vc.proof.type).toBe('JwtProof2020');
    expect(vc['@context'][0]).toBe('https://www.w3.org/2018/credentials/v1');
    expect(
      vc.credentialStatus.map((entry: { statusPurpose: string }) => entry.statusPurpose),
    ).toEqual(['revocation', 'suspension']);
    const ours = await verifyIssued(issuer, vc);
    expect(ours.checks.map((check) => check.id)).toEqual(
      expect.arrayContaining(['status.revocation', 'status.suspension']),
    );
  });

  it('signs ldp_vc as the VCDM 2.0 Open Badge, eddsa-rdfc-2022, that Digital Bazaar verifies too', async () => {
    const { response } = await pass((await newLearner()).token, 'git-basics', 'ldp_vc');
    const vc = response.body.verifiableCredential;
    expect(vc['@context']).toEqual([
      'https://www.w3.org/ns/credentials/v2',
      'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
    ]);
    expect(vc.proof).toMatchObject({ type: 'DataIntegrityProof', cryptosuite: 'eddsa-rdfc-2022' });
    expect(vc.validFrom).toBe(issuer.clock.now().toISOString());
    expect(await verifyWithDigitalBazaar(vc, issuer.identifier.did)).toEqual({ verified: true });
  });

  it('signs vc+jwt as an EnvelopedVerifiableCredential around the VCDM 2.0 Open Badge', async () => {
    const { response } = await pass((await newLearner()).token, 'git-basics', 'vc+jwt');
    const vc = response.body.verifiableCredential;
    expect(vc).toMatchObject({
      '@context': ['https://www.w3.org/ns/credentials/v2'],
      type: 'EnvelopedVerifiableCredential',
    });
    expect(vc.id).toMatch(/^data:application\/vc\+jwt,ey/);
    expect(decodeJwt(vc.id.slice(vc.id.indexOf(',') + 1)).header).toMatchObject({
      alg: 'EdDSA',
      typ: 'vc+jwt',
    });
  });

  it('gives the VCDM 2.0 badges one credentialStatus, for revocation, spending no suspension index', async () => {
    const learner = await newLearner();
    for (const format of ['ldp_vc', 'vc+jwt'] as const) {
      const before = await statusEntriesByPurpose();
      const badgeId = format === 'ldp_vc' ? 'git-basics' : 'http-basics';
      const { response } = await pass(learner.token, badgeId, format);
      const credential = signedCredential(format, response.body.verifiableCredential);
      expect(credential['credentialStatus']).toEqual({
        id: expect.stringMatching(/^https:\/\/academy\.test\/status\/revocation-1#\d+$/),
        type: 'BitstringStatusListEntry',
        statusPurpose: 'revocation',
        statusListIndex: expect.stringMatching(/^\d+$/),
        statusListCredential: 'https://academy.test/status/revocation-1',
      });
      const after = await statusEntriesByPurpose();
      expect(after['revocation']).toBe((before['revocation'] ?? 0) + 1);
      expect(after['suspension'] ?? 0).toBe(before['suspension'] ?? 0);
      const ours = await verifyIssued(issuer, response.body.verifiableCredential);
      expect(ours.checks.filter((check) => check.id.startsWith('status.'))).toEqual([
        expect.objectContaining({ id: 'status.revocation', ok: true }),
      ]);
    }
  });

  it('awards jwt_vc_json when no format is asked, as before formats existed', async () => {
    const { response } = await pass((await newLearner()).token, 'git-basics');
    expect(response.status).toBe(200);
    expect(response.body.format).toBe('jwt_vc_json');
    expect(response.body.verifiableCredential.proof.type).toBe('JwtProof2020');
  });
});

describe('the OB 3.0 JSON schema of 1EdTech, on micro-test awards', () => {
  it('accepts the vc+jwt badge, its payload as it is', async () => {
    const { response } = await pass((await newLearner()).token, 'git-basics', 'vc+jwt');
    expect(ob3SchemaErrors(envelopedPayload(response.body.verifiableCredential))).toEqual([]);
  });

  it('accepts the ldp_vc badge, its proof read as a set of one as the schema types it', async () => {
    const { response } = await pass((await newLearner()).token, 'git-basics', 'ldp_vc');
    const vc = response.body.verifiableCredential;
    // The schema types `proof` as an array only; a single proof object (what Digital Bazaar's vc
    // and 1EdTech's own signed eddsa-rdfc-2022 test vector carry) fails it there and nowhere else.
    expect(ob3SchemaErrors(vc)).toEqual(['/proof must be array']);
    expect(ob3SchemaErrors({ ...vc, proof: [vc.proof] })).toEqual([]);
  });

  it('refuses the jwt_vc_json badge (VCDM 1.1: issuanceDate, two status entries)', async () => {
    const { response } = await pass((await newLearner()).token, 'git-basics', 'jwt_vc_json');
    const { proof: _proof, ...vc } = response.body.verifiableCredential;
    expect(ob3SchemaErrors(vc)).toEqual(
      expect.arrayContaining([" must have required property 'validFrom'"]),
    );
  });
});

describe('a format the badge does not offer', () => {
  it('is refused (400) before grading: the attempt stays ungraded, nothing is allocated', async () => {
    const learner = await newLearner();
    const attempt = await startedAttempt(issuer, learner.token, 'sql-basics');
    const answers = rightAnswers(findBadge(atWill.catalog, 'sql-basics'), attempt);
    const before = await statusEntriesByPurpose();
    for (const format of [undefined, 'jwt_vc_json']) {
      const refused = await answerAttempt(
        issuer,
        learner.token,
        attempt.attemptId,
        answers,
        format,
      );
      expect(refused.status).toBe(400);
      expect(refused.body.error).toEqual({
        code: 'VALIDATION_FAILED',
        message: 'format: SQL Basics is awarded as ldp_vc, vc+jwt, not jwt_vc_json',
      });
    }
    expect(await issuer.store.findAttempt(attempt.attemptId)).toMatchObject({
      gradedAt: null,
      score: null,
      passed: null,
      credentialId: null,
    });
    expect(await statusEntriesByPurpose()).toEqual(before);

    // The same attempt is graded once a format on offer is asked for.
    const accepted = await answerAttempt(
      issuer,
      learner.token,
      attempt.attemptId,
      answers,
      'ldp_vc',
    );
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ passed: true, format: 'ldp_vc', award: 'issued' });
  });

  it('refuses a format nobody issues (400 naming the field), grading nothing', async () => {
    const learner = await newLearner();
    const attempt = await startedAttempt(issuer, learner.token, 'git-basics');
    const answers = rightAnswers(findBadge(atWill.catalog, 'git-basics'), attempt);
    for (const format of ['mso_mdoc', 'LDP_VC', 7]) {
      const refused = await issuer.http
        .post(`/attempts/${attempt.attemptId}/answers`)
        .set('Authorization', `Bearer ${learner.token}`)
        .send({ answers, format });
      expect(refused.status).toBe(400);
      expect(refused.body.error.code).toBe('VALIDATION_FAILED');
      expect(refused.body.error.message).toMatch(/^format: /);
    }
    expect((await issuer.store.findAttempt(attempt.attemptId))?.gradedAt).toBeNull();
  });
});

describe('one badge per achievement per learner, across formats', () => {
  it('keeps the badge a learner holds, in its own format, whatever format a new pass asks', async () => {
    const learner = await newLearner();
    const first = await pass(learner.token, 'git-basics', 'ldp_vc');
    const again = await pass(learner.token, 'git-basics', 'vc+jwt');
    expect(again.response.status).toBe(200);
    expect(again.response.body).toMatchObject({ passed: true, format: 'ldp_vc', award: 'kept' });
    expect(again.response.body.verifiableCredential).toEqual(
      first.response.body.verifiableCredential,
    );
    const [count] = await selectRows<{ n: number }>(
      issuer.db,
      'SELECT COUNT(*) AS n FROM issuer_credentials WHERE subject_did = ?',
      learner.did,
    );
    expect(count?.n).toBe(1);
  });

  it.each(['ldp_vc', 'vc+jwt'] as const)(
    'holds a %s badge until its validUntil, then a pass earns a new one',
    async (format) => {
      const learner = await newLearner();
      const first = await pass(learner.token, 'git-basics', format);
      const validUntil = signedCredential(format, first.response.body.verifiableCredential)[
        'validUntil'
      ] as string;
      expect(Date.parse(validUntil)).toBe(issuer.clock.nowMs() + 730 * dayMs);
      try {
        // A day before its renewal window opens (its last 60 days: a pass there renews it, see
        // renewals.test.ts) the badge is held and kept; from the second it expires, it is not.
        issuer.clock.advance(669 * dayMs);
        const held = await pass(await signIn(issuer, learner.learner), 'git-basics', format);
        expect(held.response.body).toMatchObject({ award: 'kept', format });
        issuer.clock.set(validUntil);
        const later = await signIn(issuer, learner.learner);
        const progress = await issuer.http
          .get('/learners/me/progress')
          .set('Authorization', `Bearer ${later}`)
          .expect(200);
        expect(
          (progress.body.badges as { badge: string }[]).find(
            (badge) => badge.badge === 'git-basics',
          ),
        ).toMatchObject({ earned: false, credentialId: null });
        const renewed = await pass(later, 'git-basics', 'jwt_vc_json');
        expect(renewed.response.body).toMatchObject({ award: 'issued', format: 'jwt_vc_json' });
      } finally {
        issuer.clock.set('2030-01-15T10:00:00.000Z');
      }
    },
  );
});

describe('status of a VCDM 2.0 badge: revocable, not suspendable', () => {
  it('refuses to suspend it (409, nothing changed), revokes it, and the verifier then says revoked', async () => {
    const learner = await newLearner();
    const { response } = await pass(learner.token, 'git-basics', 'vc+jwt');
    const vc = response.body.verifiableCredential;
    const credentialId = envelopedPayload(vc)['id'] as string;
    const listVersion = () =>
      issuer.statusLists.findList('revocation-1').then((list) => list?.version);
    const version = await listVersion();

    const requests: Record<string, boolean>[] = [
      { suspension: true },
      { revocation: true, suspension: true },
    ];
    for (const changes of requests) {
      const refused = await updateStatus(credentialId, changes);
      expect(refused.status).toBe(409);
      expect(refused.body.error.code).toBe('CONFLICT');
      expect(refused.body.error.message).toMatch(
        /has no suspension status entry .*it can only be revoked$/,
      );
    }
    // Nothing changed: not revoked by the half of the second request that could be applied.
    expect(await issuer.statusLists.listCredentialStatus({ credentialId })).toEqual([
      expect.objectContaining({ revoked: false, suspended: null }),
    ]);
    expect(await listVersion()).toBe(version);
    expect((await verifyIssued(issuer, vc)).errors).toEqual([]);

    const revoked = await updateStatus(credentialId, { revocation: true });
    expect(revoked.status).toBe(200);
    expect(revoked.body).toEqual({ credentialId, revoked: true, suspended: null });
    const verdict = await verifyIssued(issuer, vc);
    expect(verdict.verified).toBe(false);
    expect(verdict.errors.map((check) => check.code)).toEqual(['STATUS_REVOKED']);

    // Revoked, it no longer stands: a pass earns a new badge.
    const again = await pass(learner.token, 'git-basics', 'ldp_vc');
    expect(again.response.body).toMatchObject({ award: 'issued', format: 'ldp_vc' });
    expect((await verifyIssued(issuer, again.response.body.verifiableCredential)).errors).toEqual(
      [],
    );
  });
});

describe('an award left pending by a crash', () => {
  it('is signed at the next start in the format it was reserved in, keeping its attempt', async () => {
    const learner = await newLearner();
    const attempt = await startedAttempt(issuer, learner.token, 'git-basics');
    const badge = findBadge(atWill.catalog, 'git-basics');
    const grade = gradeAttempt(badge, correctAnswers(badge), {});
    // The process dies between the reservation (grade, status entry, pending credential) and
    // the signature: here, the signature fails.
    const crashing = {
      ...issuer.context,
      signer: {
        ...issuer.context.signer,
        signVcJose: () => Promise.reject(new Error('killed before signing')),
      },
    };
    await expect(
      awardBadge(crashing, {
        attempt: { id: attempt.attemptId, did: learner.did, attemptNumber: 1 },
        badge,
        grade,
        format: 'vc+jwt',
      }),
    ).rejects.toThrow('killed before signing');
    const [pending, ...others] = await issuer.store.listPendingCredentials();
    expect(others).toEqual([]);
    expect(pending).toMatchObject({ format: 'vc+jwt', attemptId: attempt.attemptId });

    expect(await completePendingCredentials(issuer.context)).toBe(1);
    const award = await issuer.store.findAwardedCredential(
      learner.did,
      'https://academy.test/achievements/git-basics',
    );
    expect(award).toMatchObject({
      id: pending?.id,
      format: 'vc+jwt',
      attemptId: attempt.attemptId,
      revoked: false,
      suspended: false,
    });
    const verdict = await verifyIssued(issuer, award?.credential);
    expect(verdict.errors).toEqual([]);
    expect(verdict.format).toBe('vc+jwt');
  });
});
