import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  consistencyProof,
  formatAddCheckpointRequest,
  formatCheckpoint,
  formatSignedNote,
  hashChildren,
  hashLeaf,
  noteSignatureLine,
  parseCheckpoint,
  parseCosignerKey,
  parseSignedNote,
  treeHash,
  verifyCheckpoint,
  verifyCosignatures,
  type ReadNodeHash,
} from '@skillproof/core';
import {
  correctAnswers,
  createWitnessClient,
  findBadge,
  loadDefaultCatalog,
} from '@skillproof/issuer';
import {
  attemptCommand,
  initCommand,
  startWitness,
  witnessAddLogCommand,
  witnessInitCommand,
  type RunningWitness,
} from '@skillproof/wallet-cli';
import {
  createTransparencyLogResolver,
  verifyCredential,
  type TransparencyLogResolver,
  type VerificationPolicy,
} from '@skillproof/verifier';
import { inProcessWalletContext } from './fixtures/in-process-wallet.js';
import { startLoggedIssuer } from './fixtures/logged-issuer.js';
import { postJson } from './fixtures/post-json.js';

// Issue 17, witnesses: `skillproof witness` (C2SP tlog-witness) serving on loopback, and a real
// issuer configured to ask it for a cosignature on each checkpoint. The witness cosigns only
// checkpoints consistent with the last one it cosigned, and keeps a forked one as evidence.

const dataDir = mkdtempSync(join(tmpdir(), 'skillproof-witness-'));
const witnessHome = join(dataDir, 'witness-home');
const gitBadge = findBadge(loadDefaultCatalog(), 'git-basics');
const errors: string[] = [];
let issuer: Awaited<ReturnType<typeof startLoggedIssuer>>;
let witness: RunningWitness;
let verifierKey: string;

const witnessContext = () => inProcessWalletContext({ home: witnessHome, issuerUrl: 'http://x' });

beforeAll(async () => {
  ({ verifierKey } = await witnessInitCommand(witnessContext().context, {
    name: 'witness.test/w1',
  }));
  witness = await startWitness(witnessContext().context, { port: '0' });
  issuer = await startLoggedIssuer(join(dataDir, 'issuer'), {
    witnesses: [{ url: witness.url, key: parseCosignerKey(verifierKey)! }],
    log: {
      info: () => undefined,
      error: (message, fields) => errors.push(`${message} ${JSON.stringify(fields)}`),
    },
  });
});
afterAll(async () => {
  await issuer?.close();
  await witness?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

let learners = 0;
async function earnBadge(): Promise<void> {
  const home = join(dataDir, `learner-${++learners}`);
  const { context } = inProcessWalletContext({ home, issuerUrl: issuer.url });
  const { did } = await initCommand(context);
  const answers = join(dataDir, `answers-${learners}.json`);
  writeFileSync(
    answers,
    JSON.stringify(
      correctAnswers(gitBadge, { learnerDid: did, puzzleSecret: issuer.puzzleSecret }),
    ),
  );
  await attemptCommand(context, 'git-basics', { answers });
}

async function servedCheckpoint(): Promise<string> {
  const response = await fetch(`${issuer.url}/log/checkpoint`);
  expect(response.status).toBe(200);
  return response.text();
}

function witnessState(): Record<string, { size: number }> {
  return (
    JSON.parse(readFileSync(join(witnessHome, 'witness', 'witness-state.json'), 'utf8')) as {
      logs: Record<string, { size: number }>;
    }
  ).logs;
}

const cosigned = (note: string) =>
  verifyCosignatures(note, { witnesses: [parseCosignerKey(verifierKey)!], required: 1 });

async function addCheckpoint(body: string) {
  const response = await fetch(`${witness.url}/add-checkpoint`, { method: 'POST', body });
  return {
    status: response.status,
    type: response.headers.get('content-type'),
    text: await response.text(),
  };
}

describe('skillproof witness with a real issuer', () => {
  it('answers 404 for a log it does not follow: the checkpoint goes out with the log signature only', async () => {
    await earnBadge();
    await issuer.signNow();
    const note = await servedCheckpoint();
    expect(
      verifyCheckpoint(note, {
        origin: issuer.built.context.transparency!.origin,
        keys: [
          {
            name: issuer.built.context.transparency!.origin,
            publicKey: await issuer.built.context.transparency!.key.publicKey(),
          },
        ],
      }).verified,
    ).toBe(true);
    expect(cosigned(note)).toMatchObject({ verified: false, code: 'COSIGNATURES_TOO_FEW' });
    expect(errors.join('\n')).toMatch(/did not cosign.*404: unknown log/);
  });

  it('once it follows the log, cosigns the next checkpoint, then one proven consistent with it', async () => {
    const added = await witnessAddLogCommand(witnessContext().context, issuer.url);
    expect(added).toMatchObject({
      origin: issuer.built.context.transparency!.origin,
      did: issuer.did,
      keys: 1,
    });

    await earnBadge();
    await issuer.signNow();
    const first = await servedCheckpoint();
    const firstSize = parseCheckpoint(parseSignedNote(first)!.text)!.size;
    expect(cosigned(first)).toMatchObject({
      verified: true,
      cosignatures: [{ name: 'witness.test/w1', timestamp: expect.any(Number) }],
    });
    expect(witnessState()[added.origin]?.size).toBe(firstSize);

    await earnBadge();
    await issuer.signNow();
    const second = await servedCheckpoint();
    expect(parseCheckpoint(parseSignedNote(second)!.text)!.size).toBeGreaterThan(firstSize);
    expect(cosigned(second).verified).toBe(true);
    // The receipts the issuer hands out carry the cosigned checkpoint too.
    expect(witnessState()[added.origin]?.size).toBe(
      parseCheckpoint(parseSignedNote(second)!.text)!.size,
    );
  });

  it('refuses a fork signed with the issuer key, keeps it as evidence, and its state does not move', async () => {
    const transparency = issuer.built.context.transparency!;
    const held = witnessState()[transparency.origin]!.size;
    // Another history of the same length plus one, signed with the issuer's own key.
    const leaves = Array.from({ length: held + 1 }, (_, i) => hashLeaf(Buffer.from(`fork ${i}`)));
    const read: ReadNodeHash = (level, index) =>
      level === 0
        ? leaves[index]!
        : hashChildren(read(level - 1, 2 * index), read(level - 1, 2 * index + 1));
    const text = formatCheckpoint({
      origin: transparency.origin,
      size: held + 1,
      rootHash: treeHash(held + 1, read),
    });
    const note = formatSignedNote(text, [
      noteSignatureLine(
        { name: transparency.origin, publicKey: await transparency.key.publicKey() },
        await transparency.key.sign(new Uint8Array(Buffer.from(text))),
      ),
    ]);
    const forked = await addCheckpoint(
      formatAddCheckpointRequest({
        oldSize: held,
        proof: consistencyProof(held, held + 1, read),
        checkpoint: note,
      }),
    );
    expect(forked.status).toBe(422);
    expect(witnessState()[transparency.origin]!.size).toBe(held);
    const evidence = readdirSync(join(witnessHome, 'witness', 'evidence'));
    expect(evidence).toHaveLength(1);
    expect(readFileSync(join(witnessHome, 'witness', 'evidence', evidence[0]!), 'utf8')).toContain(
      note,
    );

    // A stale old size gets 409 with the size it holds, as text/x.tlog.size.
    const stale = await addCheckpoint(
      formatAddCheckpointRequest({ oldSize: 0, proof: [], checkpoint: note }),
    );
    expect(stale).toEqual({ status: 409, type: 'text/x.tlog.size', text: `${held}\n` });
    // Not the endpoint, not a POST, too large.
    expect((await fetch(`${witness.url}/add-checkpoint`)).status).toBe(405);
    expect((await fetch(`${witness.url}/other`, { method: 'POST' })).status).toBe(404);
    expect((await addCheckpoint('x'.repeat(80 * 1024))).status).toBe(413);
  });

  it('keeps its state across a restart, and the issuer carries on after the witness was down', async () => {
    const origin = issuer.built.context.transparency!.origin;
    const held = witnessState()[origin]!.size;
    await witness.close();
    await earnBadge();
    await issuer.signNow();
    const uncosigned = await servedCheckpoint();
    expect(cosigned(uncosigned)).toMatchObject({ code: 'COSIGNATURES_TOO_FEW' });
    expect(errors.at(-1)).toMatch(/did not cosign/);

    // Back on the same port: the issuer's next checkpoint is cosigned, proven from `held`.
    witness = await startWitness(witnessContext().context, { port: new URL(witness.url).port });
    expect(witnessState()[origin]!.size).toBe(held);
    await earnBadge();
    await issuer.signNow();
    const next = await servedCheckpoint();
    expect(cosigned(next).verified).toBe(true);
    expect(witnessState()[origin]!.size).toBe(parseCheckpoint(parseSignedNote(next)!.text)!.size);
  });

  it('refuses a wrong passphrase, a second init, and an issuer-side witness key that is not its own', async () => {
    const wrong = inProcessWalletContext({ home: witnessHome, issuerUrl: 'http://x' }).context;
    wrong.env = { ...wrong.env, SKILLPROOF_PASSPHRASE: 'not the passphrase at all' };
    await expect(startWitness(wrong, { port: '0' })).rejects.toMatchObject({
      code: 'KEY_SECRET_INVALID',
    });
    await expect(
      witnessInitCommand(witnessContext().context, { name: 'witness.test/w2' }),
    ).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    await expect(
      witnessInitCommand(witnessContext().context, { name: 'bad name' }),
    ).rejects.toThrow(/--name/);

    // The issuer keeps only a cosignature that verifies under the key it was configured with.
    const transparency = issuer.built.context.transparency!;
    const impostor = await witnessInitCommand(
      inProcessWalletContext({ home: join(dataDir, 'impostor'), issuerUrl: 'http://x' }).context,
      { name: 'witness.test/w1' },
    );
    const refusals: string[] = [];
    const client = createWitnessClient(
      { url: witness.url, key: parseCosignerKey(impostor.verifierKey)! },
      {
        consistencyProof: (from, to) => transparency.log.consistencyProof(from, to),
        onRefused: (reason) => refusals.push(reason),
      },
    );
    const note = await servedCheckpoint();
    expect(
      await client.cosign(note, parseCheckpoint(parseSignedNote(note)!.text)!.size),
    ).toBeUndefined();
    expect(refusals).toEqual(['no cosignature by its key in the answer']);
  });

  it('a verifier requiring witness cosignatures counts a credential only when enough witnesses cosigned', async () => {
    const answer = await postJson<{ verifiableCredential: { proof: { jwt: string } } }>(
      `${issuer.url}/credentials/issue`,
      {
        credential: {
          '@context': ['https://www.w3.org/2018/credentials/v1'],
          type: ['VerifiableCredential'],
          issuer: { id: issuer.did, url: issuer.url },
          credentialSubject: { id: 'did:key:z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp' },
        },
      },
      issuer.adminToken,
    );
    expect(answer.status).toBe(201);
    await issuer.signNow();
    const jwt = answer.body.verifiableCredential.proof.jwt;
    const verify = async (policy: VerificationPolicy, logs?: TransparencyLogResolver) => {
      const result = await verifyCredential(jwt, {
        requireTransparency: true,
        transparencyLogs:
          logs ?? createTransparencyLogResolver({ allowHttpLoopback: true, ttlSeconds: 0 }),
        ...policy,
      });
      return { result, codes: result.errors.map((check) => check.code) };
    };
    const other = await witnessInitCommand(
      inProcessWalletContext({ home: join(dataDir, 'other-witness'), issuerUrl: 'http://x' })
        .context,
      { name: 'witness.test/w9' },
    );

    const one = await verify({ transparencyWitnesses: { keys: [verifierKey], required: 1 } });
    expect(one.codes).toEqual([]);
    expect(one.result.verified).toBe(true);
    const two = await verify({
      transparencyWitnesses: { keys: [verifierKey, other.verifierKey], required: 2 },
    });
    expect(two.codes).toEqual(['TRANSPARENCY_WITNESSES_MISSING']);
    const stranger = await verify({
      transparencyWitnesses: { keys: [other.verifierKey], required: 1 },
    });
    expect(stranger.codes).toEqual(['TRANSPARENCY_WITNESSES_MISSING']);

    // The log serves the checkpoint with the witness's line altered: refused, not ignored.
    const real = createTransparencyLogResolver({ allowHttpLoopback: true, ttlSeconds: 0 });
    const forged: TransparencyLogResolver = {
      async loadReceipt(issuerUrl, credentialId) {
        const loaded = await real.loadReceipt(issuerUrl, credentialId);
        if (!loaded.ok) return loaded;
        const lines = loaded.receipt.checkpoint.split('\n');
        const last = lines.length - 2;
        const [dash, name, encoded] = lines[last]!.split(' ');
        const bytes = Buffer.from(encoded!, 'base64');
        bytes[20] = bytes[20]! ^ 1;
        lines[last] = `${dash} ${name} ${bytes.toString('base64')}`;
        return { ok: true, receipt: { ...loaded.receipt, checkpoint: lines.join('\n') } };
      },
    };
    const tampered = await verify(
      { transparencyWitnesses: { keys: [verifierKey], required: 1 } },
      forged,
    );
    expect(tampered.codes).toEqual(['TRANSPARENCY_CHECKPOINT_INVALID']);
    // Without the witness requirement the same receipt still proves inclusion (the line is an
    // unknown key's to a verifier that trusts no witness).
    expect((await verify({}, forged)).codes).toEqual([]);
  });
});
