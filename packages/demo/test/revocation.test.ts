import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { JwtVerifiableCredential } from '@skillproof/core';
import { openDatabase, type SqliteDatabase } from '@skillproof/server/sqlite';
import {
  serveOnLoopback,
  startDemoServices,
  type DemoServices,
  type LoopbackService,
} from '@skillproof/demo';
import { createIssuer } from '@skillproof/issuer';
import { createStatusListResolver, verifyCredential } from '@skillproof/verifier';
import {
  createHttpLearner,
  earnGitBasicsOverHttp,
  type HttpLearner,
} from './fixtures/http-learner.js';
import { postJson } from './fixtures/post-json.js';

// Issue 4, "done when": a revoked badge is refused by the verifier and by the job board. The
// badge is earned through a real issuer's micro-test, revoked through its VC-API, and presented
// to a real job board; every hop is HTTP on loopback.
const adminToken = randomBytes(24).toString('base64url');
const quiet = { info: () => undefined, error: () => undefined };

describe('a revoked badge', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'skillproof-revocation-'));
  let services: DemoServices;
  let issuerDb: SqliteDatabase;
  let issuer: LoopbackService;
  let issuerDid = '';
  const puzzleSecret = 'revocation test puzzle secret';
  const learners: HttpLearner[] = [];

  beforeAll(async () => {
    services = await startDemoServices(join(dataDir, 'services'), { scryptLogN: 10 });
    issuerDb = openDatabase(join(dataDir, 'issuer.db'));
    issuer = await serveOnLoopback(async (url) => {
      const built = await createIssuer({
        db: issuerDb,
        keySecret: 'revocation test issuer secret',
        puzzleSecret,
        scryptLogN: 10,
        config: { name: 'Skillproof Academy', url, adminToken },
        log: quiet,
      });
      issuerDid = built.identifier.did;
      return built.app;
    });
  });

  afterAll(async () => {
    await issuer.close();
    issuerDb.close();
    await services.close();
    for (const learner of learners) learner.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** Signs in and passes the Git Basics micro-test; returns the badge the issuer awards. */
  async function earnGitBasics(): Promise<{
    learner: HttpLearner;
    badge: JwtVerifiableCredential;
  }> {
    const learner = await createHttpLearner();
    learners.push(learner);
    return {
      learner,
      badge: await earnGitBasicsOverHttp(learner, { url: issuer.url, puzzleSecret }),
    };
  }

  async function applyAtJobBoard(learner: HttpLearner, badge: JwtVerifiableCredential) {
    const board = services.jobboard.url;
    const employer = await postJson<{ token: string }>(
      `${board}/api/employers`,
      { name: 'Revocation Test Employer' },
      services.jobboard.adminToken,
    );
    const posting = await postJson<{ id: string }>(
      `${board}/api/postings`,
      {
        title: 'Git person',
        description: 'Needs Git Basics',
        requirements: [
          {
            type: 'badge',
            achievementId: `${issuer.url}/achievements/git-basics`,
            acceptedIssuers: [issuerDid],
          },
        ],
      },
      employer.body.token,
    );
    expect(posting.status).toBe(201);
    const request = await postJson<{ nonce: string; domain: string }>(
      `${board}/api/postings/${posting.body.id}/presentation-request`,
      {},
    );
    expect(request.status).toBe(201);
    const application = await postJson<{
      qualified: boolean;
      requirements: { met: boolean; reason: string }[];
    }>(`${board}/api/postings/${posting.body.id}/applications`, {
      presentation: await learner.presentation(request.body.nonce, request.body.domain, [
        badge.proof.jwt,
      ]),
    });
    expect(application.status).toBe(201);
    return application.body;
  }

  it('is refused by the verifier and by the job board, and a badge left alone still qualifies', async () => {
    const revoked = await earnGitBasics();
    const kept = await earnGitBasics();
    const policy = () => ({
      trustedIssuers: [{ did: issuerDid }],
      statusLists: createStatusListResolver(),
    });
    expect((await verifyCredential(revoked.badge, policy())).verified).toBe(true);

    const revocation = await postJson<{ revoked: boolean }>(
      `${issuer.url}/credentials/status`,
      {
        credentialId: revoked.badge.id,
        credentialStatus: [
          { type: 'BitstringStatusListEntry', statusPurpose: 'revocation', status: true },
        ],
      },
      adminToken,
    );
    expect(revocation).toEqual({
      status: 200,
      body: { credentialId: revoked.badge.id, revoked: true, suspended: false },
    });

    const verified = await verifyCredential(revoked.badge, policy());
    expect(verified.verified).toBe(false);
    expect(verified.errors.map((check) => check.code)).toEqual(['STATUS_REVOKED']);

    const refused = await applyAtJobBoard(revoked.learner, revoked.badge);
    expect(refused.qualified).toBe(false);
    expect(refused.requirements[0]?.met).toBe(false);
    expect(refused.requirements[0]?.reason).toMatch(/revoked/);

    const accepted = await applyAtJobBoard(kept.learner, kept.badge);
    expect(accepted.qualified).toBe(true);
  });
});
