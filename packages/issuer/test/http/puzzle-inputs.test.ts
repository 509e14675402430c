import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '@skillproof/server/sqlite';
import request from 'supertest';
import { createIssuer, loadDefaultCatalog, type CreateIssuerOptions } from '../../src/index.js';
import type { AttemptBody } from '../fixtures/answer-attempt.js';
import { createTestLearner, issuerUrl, type TestLearner } from '../fixtures/issuer-harness.js';

// A learner's puzzle inputs depend only on their DID and the issuer's puzzle secret, which is
// derived from the key secret unless one is configured: a restart keeps every input.
const defaults = loadDefaultCatalog();
// No cooldown, so that the same learner can start again on the same database at once.
const catalog = {
  ...defaults,
  badges: defaults.badges.map((badge) => ({ ...badge, cooldownSeconds: 0 })),
};

describe('puzzle inputs across restarts', () => {
  let dataDir: string;
  let learner: TestLearner;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'skillproof-puzzle-inputs-'));
    learner = await createTestLearner();
  });

  afterAll(() => {
    learner.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function inputsFrom(
    dbFile: string,
    options: Partial<CreateIssuerOptions> = {},
  ): Promise<Array<string | undefined>> {
    const db = openDatabase(join(dataDir, dbFile));
    try {
      const { app } = await createIssuer({
        db,
        keySecret: 'the same key secret',
        scryptLogN: 10,
        config: { name: 'Academy', url: issuerUrl },
        log: { info() {}, error() {} },
        catalog,
        ...options,
      });
      const http = request(app);
      const challenge = await http.post('/auth/challenge').send({ did: learner.did }).expect(201);
      const presentation = await learner.presentation(challenge.body.challenge);
      const session = await http.post('/auth/token').send({ presentation }).expect(201);
      const started = await http
        .post('/attempts')
        .set('Authorization', `Bearer ${session.body.token}`)
        .send({ badge: 'python-problems-1' })
        .expect(201);
      return (started.body as AttemptBody).tasks.map((task) =>
        task.kind === 'puzzle' ? task.input : undefined,
      );
    } finally {
      db.close();
    }
  }

  it('keeps them when the issuer restarts with the same key secret', async () => {
    const first = await inputsFrom('issuer.db');
    const afterRestart = await inputsFrom('issuer.db');
    expect(first.every((input) => typeof input === 'string')).toBe(true);
    expect(afterRestart).toEqual(first);
    // Another database, same secret: the same inputs (nothing about them is stored).
    expect(await inputsFrom('other.db')).toEqual(first);
  });

  it('uses a configured puzzle secret instead', async () => {
    const derived = await inputsFrom('derived.db');
    const configured = await inputsFrom('configured.db', {
      puzzleSecret: 'a configured puzzle secret',
    });
    expect(configured).not.toEqual(derived);
    expect(
      await inputsFrom('configured-again.db', { puzzleSecret: 'a configured puzzle secret' }),
    ).toEqual(configured);
  });
});
