import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Application, Posting } from '@skillproof/jobboard';
import {
  fixedNow,
  makeIdentity,
  signStatusList,
  statusEntry,
  type TestIdentity,
} from '@skillproof/testing';
import request from 'supertest';
import {
  createEmployerViaApi,
  createPostingViaApi,
  presentationForPosting,
  startTestJobboard,
  stopTestJobboards,
  type TestJobboard,
} from '../fixtures/jobboard.js';
import { signedBadge } from '../fixtures/signed-badge.js';

// An issuer's status list server that can go down and come back on the same address.
const python = 'https://academy.test/achievements/python-problems-1';
let academy: TestIdentity;
let board: TestJobboard;
let posting: Posting;
let listServer: Server;
let port = 0;
let listJwt = '';

function listUrl(): string {
  return `http://127.0.0.1:${port}/status/revocation`;
}

async function startLists(): Promise<void> {
  listServer = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/vc+jwt' }).end(listJwt);
  });
  await new Promise<void>((resolve) => listServer.listen(port, '127.0.0.1', resolve));
  port = (listServer.address() as AddressInfo).port;
}

async function stopLists(): Promise<void> {
  await new Promise<void>((resolve) => {
    listServer.close(() => resolve());
    listServer.closeAllConnections();
  });
}

beforeAll(async () => {
  academy = makeIdentity();
  await startLists();
  listJwt = signStatusList(academy, listUrl());
  board = await startTestJobboard();
  board.clock.set(fixedNow);
  const employer = await createEmployerViaApi(board.url);
  posting = await createPostingViaApi(board.url, employer.token, [
    { type: 'badge', achievementId: python, acceptedIssuers: [academy.did] },
  ]);
});

afterAll(async () => {
  await stopTestJobboards();
  if (listServer.listening) await stopLists();
});

describe("an issuer's status list that can't be fetched", () => {
  it('is no verdict: 503 with Retry-After and nothing stored; once it is back, the same application decides', async () => {
    const holder = makeIdentity();
    const badge = signedBadge(academy, holder, python, {
      credentialStatus: statusEntry(listUrl(), 7),
    });
    const presentation = await presentationForPosting(board.url, posting.id, holder, [badge]);
    const apply = () =>
      request(board.url).post(`/api/postings/${posting.id}/applications`).send({ presentation });

    await stopLists();
    const refused = await apply().expect(503);
    expect(refused.headers['retry-after']).toBe('30');
    const body = refused.body as { error: { code: string; message: string } };
    expect(body.error.code).toBe('UPSTREAM_UNAVAILABLE');
    expect(body.error.message).toMatch(/could not be checked just now.*nothing was decided/);
    expect(body.error.message).toContain('30 seconds');
    expect(await board.store.listApplications(posting.id)).toEqual([]);

    await startLists();
    const decided = (await apply().expect(201)).body as Application;
    expect(decided).toMatchObject({ qualified: true, holder: holder.did });
    expect(await board.store.listApplications(posting.id)).toHaveLength(1);
  });
});
