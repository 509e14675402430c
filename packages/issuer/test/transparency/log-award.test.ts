// Badges earned through micro-tests and the transparency log (issue 17): the award answer
// carries a receipt, the badge's evidence points to its definition's entry, a restart with the
// same catalogue logs no new definition, and the log page shows what the log holds.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  decodeJwt,
  hashIssuedCredential,
  type BadgeDefinitionLogEntry,
  type IssuanceLogEntry,
} from '@skillproof/core';
import { openDatabase } from '@skillproof/server/sqlite';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findBadge, loadDefaultCatalog, type Catalog } from '../../src/index.js';
import { rightAnswers } from '../fixtures/answer-attempt.js';
import {
  answerAttempt,
  retryAtWill,
  signInNewLearner,
  startedAttempt,
  startTestIssuer,
  type TestIssuer,
  type TestLearner,
} from '../fixtures/issuer-harness.js';
import { selectRows } from '../fixtures/select-rows.js';

const atWill = retryAtWill(loadDefaultCatalog());

describe('a badge earned through a micro-test, in the log', () => {
  let issuer: TestIssuer;
  let learner: TestLearner;
  let award: Record<string, unknown>;

  beforeAll(async () => {
    issuer = await startTestIssuer({ ...atWill, transparencyLog: { checkpointIntervalMs: 0 } });
    const signedIn = await signInNewLearner(issuer);
    learner = signedIn.learner;
    const attempt = await startedAttempt(issuer, signedIn.token, 'git-basics');
    const answers = rightAnswers(findBadge(atWill.catalog, 'git-basics'), attempt);
    award = (await answerAttempt(issuer, signedIn.token, attempt.attemptId, answers).expect(200))
      .body as Record<string, unknown>;
  });

  afterAll(async () => {
    await issuer.close();
    learner.close();
  });

  it('answers the award with a receipt, complete once a checkpoint covers it', async () => {
    const receipt = award['transparencyReceipt'] as { leafIndex: number; url: string };
    expect(receipt).toMatchObject({ checkpoint: null, inclusionProof: null });
    await issuer.context.transparency!.checkpoints.signNow();
    const full = await issuer.http.get(new URL(receipt.url).pathname).expect(200);
    expect(full.body.leafIndex).toBe(receipt.leafIndex);
    expect(full.body.inclusionProof.length).toBeGreaterThan(0);
    const entry = (await issuer.http.get(`/log/entries/${receipt.leafIndex}`).expect(200)).body
      .entry as IssuanceLogEntry;
    const vc = award['verifiableCredential'] as { proof: { jwt: string } };
    expect(entry.credentialHash).toBe(hashIssuedCredential(vc.proof.jwt));
    expect(entry.badge).toBe(`https://academy.test/achievements/git-basics`);
  });

  it("points the badge's evidence to its definition's entry, which the issuance entry names too", async () => {
    const vc = award['verifiableCredential'] as { proof: { jwt: string } };
    const payload = decodeJwt(vc.proof.jwt).payload as { vc: { evidence: { id?: string }[] } };
    const pointer = payload.vc.evidence.find((item) => item.id?.includes('/log/entries/'));
    expect(pointer).toMatchObject({ genre: 'Transparency log entry' });
    const leafIndex = Number(pointer!.id!.split('/').at(-1));
    const definition = (await issuer.http.get(`/log/entries/${leafIndex}`).expect(200)).body
      .entry as BadgeDefinitionLogEntry;
    expect(definition).toMatchObject({
      type: 'badge-definition',
      badge: 'https://academy.test/achievements/git-basics',
      criteria: findBadge(atWill.catalog, 'git-basics').criteria.narrative,
    });
    // The question bank is committed to, not given: no answer appears in the entry.
    for (const task of findBadge(atWill.catalog, 'git-basics').tasks) {
      if (task.kind === 'quiz') expect(JSON.stringify(definition)).not.toContain(task.prompt);
    }
    const receipt = award['transparencyReceipt'] as { leafIndex: number };
    const issuance = (await issuer.http.get(`/log/entries/${receipt.leafIndex}`).expect(200)).body
      .entry as IssuanceLogEntry;
    expect(issuance.definition).toBe(leafIndex);
  });

  it('shows the log on a public page', async () => {
    const page = await issuer.http.get('/log').expect(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.text).toContain('academy.test/log');
    expect(page.text).toMatch(/academy\.test\/log\+[0-9a-f]{8}\+/);
    expect(page.text).toContain('Badge definition');
    expect(page.text).toContain('Issued');
  });
});

describe('badge definitions across restarts', () => {
  it('logs a definition once, and again only when it changes', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'skillproof-log-definitions-'));
    const path = join(dataDir, 'issuer.db');
    const catalog = loadDefaultCatalog();
    const definitionsAfterStart = async (started: Catalog) => {
      const issuer = await startTestIssuer({
        db: openDatabase(path),
        catalog: started,
        transparencyLog: { checkpointIntervalMs: 0 },
      });
      const [{ n } = { n: -1 }] = await selectRows<{ n: number }>(
        issuer.db,
        'SELECT COUNT(*) AS n FROM issuer_log_definitions',
      );
      await issuer.close();
      return n;
    };
    try {
      expect(await definitionsAfterStart(catalog)).toBe(catalog.badges.length);
      expect(await definitionsAfterStart(catalog)).toBe(catalog.badges.length);
      const revised: Catalog = {
        ...catalog,
        badges: catalog.badges.map((badge, i) =>
          i === 0
            ? { ...badge, criteria: { narrative: `${badge.criteria.narrative} (revised)` } }
            : badge,
        ),
      };
      expect(await definitionsAfterStart(revised)).toBe(catalog.badges.length + 1);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
