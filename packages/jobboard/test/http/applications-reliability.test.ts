import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listen, type RunningServer } from '@skillproof/server/http';
import { openDatabase, type SqliteDatabase } from '@skillproof/server/sqlite';
import {
  createJobboardApp,
  createJobboardStore,
  decideApplication,
  type Posting,
} from '@skillproof/jobboard';
import { createStatusListResolver } from '@skillproof/verifier';
import {
  badgeCredential,
  fixedNow,
  makeIdentity,
  nowSeconds,
  signCredential,
  signPresentation,
  type TestIdentity,
} from '@skillproof/testing';
import request from 'supertest';
import {
  adminToken,
  boardDomain,
  boardUrl,
  createEmployerViaApi,
  createPostingViaApi,
  presentationForPosting,
} from '../fixtures/jobboard.js';
import { postingWithNonce } from '../fixtures/posting-in-store.js';

const achievementId = 'https://academy.test/achievements/git-basics';
const tempDir = mkdtempSync(join(tmpdir(), 'jobboard-reliability-'));

interface RunningBoard {
  url: string;
  db: SqliteDatabase;
  server: RunningServer;
}

const running: RunningBoard[] = [];

/** A job board over the SQLite file `name` in the temp dir, on a free loopback port. */
async function startBoard(name: string): Promise<RunningBoard> {
  const db = openDatabase(join(tempDir, name));
  const app = createJobboardApp({
    store: await createJobboardStore(db),
    config: { url: boardUrl, adminToken },
    // The testing package signs at a fixed time.
    now: () => fixedNow,
  });
  const server = await listen(app, 0, '127.0.0.1');
  const board = { url: server.url, db, server };
  running.push(board);
  return board;
}

async function stopBoard(board: RunningBoard): Promise<void> {
  await board.server.close();
  board.db.close();
  running.splice(running.indexOf(board), 1);
}

let issuer: TestIdentity;
let holder: TestIdentity;
let credentialJwt: string;

beforeAll(() => {
  issuer = makeIdentity();
  holder = makeIdentity();
  credentialJwt = signCredential(
    issuer,
    badgeCredential(issuer, holder.did, {
      credentialSubject: {
        id: holder.did,
        type: 'AchievementSubject',
        achievement: { id: achievementId, type: 'Achievement', name: 'Git Basics' },
      },
    }),
  ).proof.jwt;
});

afterAll(async () => {
  for (const board of [...running]) await stopBoard(board);
  rmSync(tempDir, { recursive: true, force: true });
});

async function postingOn(board: RunningBoard): Promise<Posting> {
  const employer = await createEmployerViaApi(board.url);
  return createPostingViaApi(board.url, employer.token, [
    { type: 'badge', achievementId, acceptedIssuers: [issuer.did] },
  ]);
}

async function presentationFor(board: RunningBoard, postingId: string): Promise<string> {
  return presentationForPosting(board.url, postingId, holder, [credentialJwt]);
}

function apply(url: string, postingId: string, body: unknown): request.Test {
  return request(url)
    .post(`/api/postings/${postingId}/applications`)
    .send(body as object);
}

function applicationCount(board: RunningBoard): number {
  return (board.db.prepare('SELECT COUNT(*) AS n FROM applications').get() as { n: number }).n;
}

describe('concurrent submissions of one presentation', () => {
  it('store exactly one application of 50, across two processes sharing the SQLite file', async () => {
    const first = await startBoard('shared.db');
    const second = await startBoard('shared.db');
    const posting = await postingOn(first);
    const presentation = await presentationFor(first, posting.id);

    const responses = await Promise.all(
      Array.from({ length: 50 }, (_, index) =>
        apply((index % 2 === 0 ? first : second).url, posting.id, { presentation }),
      ),
    );
    const statuses = responses.map((response) => response.status);
    expect(statuses.filter((status) => status === 201)).toHaveLength(1);
    // Refused on the nonce check (400 NONCE_REPLAYED) or on storing (409 CONFLICT), never a 500.
    expect(statuses.filter((status) => status === 400 || status === 409)).toHaveLength(49);
    for (const response of responses.filter((entry) => entry.status === 409)) {
      expect(response.body).toEqual({
        error: {
          code: 'CONFLICT',
          message: 'this presentation request was already answered by another submission',
        },
      });
    }
    expect(applicationCount(first)).toBe(1);
    const stored = first.db
      .prepare(
        'SELECT a.id, n.application_id FROM applications a JOIN presentation_nonces n ON n.nonce = a.nonce',
      )
      .all() as Array<{ id: string; application_id: string }>;
    expect(stored).toHaveLength(1);
    expect(stored[0]?.application_id).toBe(stored[0]?.id);
    await stopBoard(first);
    await stopBoard(second);
  });
});

describe('two decisions racing on one nonce', () => {
  it('store one application; the other gets CONFLICT and stores nothing', async () => {
    const db = openDatabase(':memory:');
    const store = await createJobboardStore(db);
    const { posting, nonce } = await postingWithNonce(store, boardDomain, {
      title: 'Race',
      requirements: [{ achievementId, acceptedIssuers: [issuer.did] }],
    });
    const presentation = signPresentation(holder, [credentialJwt], {
      nonce,
      aud: boardDomain,
      nbf: nowSeconds - 5,
    });
    const deps = {
      store,
      domain: boardDomain,
      now: () => fixedNow,
      statusLists: createStatusListResolver(),
    };
    // Both pass the nonce lookup before either stores: only the transaction can tell them apart.
    const outcomes = await Promise.allSettled([
      decideApplication(deps, posting.id, { presentation }),
      decideApplication(deps, posting.id, { presentation }),
    ]);
    expect(outcomes.map((outcome) => outcome.status).sort()).toEqual(['fulfilled', 'rejected']);
    const refusal = outcomes.find((outcome) => outcome.status === 'rejected');
    expect((refusal as PromiseRejectedResult).reason).toMatchObject({ code: 'CONFLICT' });
    expect(await store.listApplications(posting.id)).toHaveLength(1);
    db.close();
  });
});

describe('a restart', () => {
  it('keeps used nonces used, and unused ones usable', async () => {
    const before = await startBoard('restart.db');
    const posting = await postingOn(before);
    const used = await presentationFor(before, posting.id);
    const unused = await presentationFor(before, posting.id);
    await apply(before.url, posting.id, { presentation: used }).expect(201);
    await stopBoard(before);

    const after = await startBoard('restart.db');
    const replay = await apply(after.url, posting.id, { presentation: used }).expect(400);
    expect((replay.body as { error: { code: string } }).error.code).toBe('PRESENTATION_REJECTED');
    expect(applicationCount(after)).toBe(1);
    await apply(after.url, posting.id, { presentation: unused }).expect(201);
    expect(applicationCount(after)).toBe(2);
    await stopBoard(after);
  });
});

describe('a bad submission stores nothing', () => {
  let board: RunningBoard;
  let posting: Posting;

  beforeAll(async () => {
    board = await startBoard('bad-input.db');
    posting = await postingOn(board);
  });

  async function expectNothingStoredAndNonceUsable(presentation: string): Promise<void> {
    expect(applicationCount(board)).toBe(0);
    await apply(board.url, posting.id, { presentation }).expect(201);
    board.db.prepare('DELETE FROM applications').run();
  }

  it('refuses an oversized body with 413', async () => {
    const presentation = await presentationFor(board, posting.id);
    const response = await apply(board.url, posting.id, {
      presentation,
      padding: 'x'.repeat(300 * 1024),
    }).expect(413);
    expect((response.body as { error: { code: string } }).error.code).toBe('PAYLOAD_TOO_LARGE');
    await expectNothingStoredAndNonceUsable(presentation);
  });

  it('refuses malformed JSON with 400', async () => {
    const presentation = await presentationFor(board, posting.id);
    const response = await request(board.url)
      .post(`/api/postings/${posting.id}/applications`)
      .set('Content-Type', 'application/json')
      .send(`{"presentation": "${presentation}"`)
      .expect(400);
    expect((response.body as { error: { code: string } }).error.code).toBe('MALFORMED_JSON');
    await expectNothingStoredAndNonceUsable(presentation);
  });

  it.each([
    ['a presentation that is not a JWT', 'not-a-jwt'],
    ['a number', 42],
    ['an array', ['a.b.c']],
  ])('refuses %s with 400', async (_label, value) => {
    const presentation = await presentationFor(board, posting.id);
    const response = await apply(board.url, posting.id, { presentation: value }).expect(400);
    expect(['VALIDATION_FAILED', 'PRESENTATION_REJECTED']).toContain(
      (response.body as { error: { code: string } }).error.code,
    );
    await expectNothingStoredAndNonceUsable(presentation);
  });

  it('refuses a presentation with a tampered signature with 400', async () => {
    const presentation = await presentationFor(board, posting.id);
    const forged = `${presentation.slice(0, -4)}AAAA`;
    await apply(board.url, posting.id, { presentation: forged }).expect(400);
    await expectNothingStoredAndNonceUsable(presentation);
  });
});
