import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { generateKeyPairSync, sign } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  decodeBase64,
  encodeBase64,
  formatCosignerKey,
  formatSignedNote,
  noteSignatureLine,
  type JwtVerifiableCredential,
} from '@skillproof/core';
import {
  createStatusListResolver,
  createTransparencyLogResolver,
  verifyCredential,
  type FetchedLogReceipt,
  type StatusListResolver,
  type TransparencyLogResolver,
  type VerificationPolicy,
} from '@skillproof/verifier';
import { serveOnLoopback, type LoopbackService } from '@skillproof/demo';
import { createVerifierApp } from '@skillproof/verifier/server';
import { startLoggedIssuer } from './fixtures/logged-issuer.js';
import { postJson } from './fixtures/post-json.js';

// Issue 17, item 5: the verifier's `requireTransparency`. A real issuer with its log on loopback
// issues and revokes; the verifier fetches each receipt over HTTP and checks it. The negative
// cases tamper with what the log sent, as a lying or broken log would.
const dataDir = mkdtempSync(join(tmpdir(), 'skillproof-require-transparency-'));
const learnerDid = 'did:key:z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp';
let issuer: Awaited<ReturnType<typeof startLoggedIssuer>>;
let unlogged: Awaited<ReturnType<typeof startLoggedIssuer>>;

beforeAll(async () => {
  issuer = await startLoggedIssuer(join(dataDir, 'issuer'));
  unlogged = await startLoggedIssuer(join(dataDir, 'unlogged'), { transparencyLog: false });
});

afterAll(async () => {
  await issuer?.close();
  await unlogged?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

interface Issued {
  id: string;
  jwt: string;
}

/** A credential issued through the VC-API, its issuer profile naming the issuer's URL. */
async function issue(from: { url: string; did: string; adminToken: string }): Promise<Issued> {
  const answer = await postJson<{ verifiableCredential: JwtVerifiableCredential }>(
    `${from.url}/credentials/issue`,
    {
      credential: {
        '@context': ['https://www.w3.org/2018/credentials/v1'],
        type: ['VerifiableCredential'],
        issuer: { id: from.did, url: from.url },
        credentialSubject: { id: learnerDid },
      },
    },
    from.adminToken,
  );
  expect(answer.status).toBe(201);
  return {
    id: answer.body.verifiableCredential.id as string,
    jwt: answer.body.verifiableCredential.proof.jwt,
  };
}

async function revoke(credential: Issued): Promise<void> {
  const answer = await postJson(
    `${issuer.url}/credentials/status`,
    {
      credentialId: credential.id,
      credentialStatus: [
        { type: 'BitstringStatusListEntry', statusPurpose: 'revocation', status: true },
      ],
    },
    issuer.adminToken,
  );
  expect(answer.status).toBe(200);
}

const realLogs = () => createTransparencyLogResolver({ allowHttpLoopback: true, ttlSeconds: 0 });

/** The issuer's log as a liar would serve it: each real receipt changed by `change`. */
function tamperedLogs(
  change: (receipt: FetchedLogReceipt) => FetchedLogReceipt | Promise<FetchedLogReceipt>,
): TransparencyLogResolver {
  const real = realLogs();
  return {
    async loadReceipt(issuerUrl, credentialId) {
      const loaded = await real.loadReceipt(issuerUrl, credentialId);
      return loaded.ok
        ? { ok: true, receipt: await change(structuredClone(loaded.receipt)) }
        : loaded;
    },
  };
}

async function verify(credential: Issued, policy: VerificationPolicy = {}) {
  const result = await verifyCredential(credential.jwt, {
    requireTransparency: true,
    transparencyLogs: realLogs(),
    ...policy,
  });
  return {
    result,
    codes: result.errors.map((check) => check.code),
    transparency: result.checks.filter((check) => check.id.startsWith('transparency')),
  };
}

/** Flips one bit of a base64 hash. */
function altered(hash: string): string {
  const bytes = decodeBase64(hash) as Uint8Array;
  bytes[0] = (bytes[0] as number) ^ 1;
  return encodeBase64(bytes);
}

describe('requireTransparency', () => {
  it('counts a logged credential: its issuance entry is proven to a checkpoint signed by its issuer', async () => {
    const credential = await issue(issuer);
    await issuer.signNow();
    const { result, transparency } = await verify(credential);
    expect(result.errors).toEqual([]);
    expect(result.verified).toBe(true);
    expect(transparency).toEqual([
      { id: 'transparency', ok: true },
      { id: 'transparency.status', ok: true },
    ]);
    // Off by default: the same credential verifies without any request to the log.
    const plain = await verifyCredential(credential.jwt, {});
    expect(plain.checks.some((check) => check.id.startsWith('transparency'))).toBe(false);
  });

  it('refuses a credential no signed checkpoint covers yet, then counts it once one does', async () => {
    const credential = await issue(issuer);
    const pending = await verify(credential);
    expect(pending.codes).toEqual(['TRANSPARENCY_NOT_LOGGED']);
    expect(pending.transparency[0]?.message).toMatch(/no signed checkpoint covers it yet/);
    await issuer.signNow();
    expect((await verify(credential)).result.verified).toBe(true);
  });

  it("refuses a credential that is not in its issuer's log (an issuer with the log off)", async () => {
    const credential = await issue(unlogged);
    const { result, codes, transparency } = await verify(credential);
    expect(result.verified).toBe(false);
    expect(codes).toEqual(['TRANSPARENCY_NOT_LOGGED']);
    expect(transparency[0]?.message).toMatch(/has no entry for this credential/);
  });

  it('refuses an altered inclusion proof', async () => {
    const credential = await issue(issuer);
    await issuer.signNow();
    const { codes } = await verify(credential, {
      transparencyLogs: tamperedLogs((receipt) => ({
        ...receipt,
        inclusionProof: receipt.inclusionProof.map((hash, i) => (i === 0 ? altered(hash) : hash)),
      })),
    });
    expect(codes).toEqual(['TRANSPARENCY_PROOF_INVALID']);
  });

  it('refuses a proof to an unsigned checkpoint, or to one whose signature is altered', async () => {
    const credential = await issue(issuer);
    await issuer.signNow();
    const unsigned = await verify(credential, {
      transparencyLogs: tamperedLogs((receipt) => ({
        ...receipt,
        checkpoint: receipt.checkpoint.slice(0, receipt.checkpoint.indexOf('\n\n') + 2),
      })),
    });
    expect(unsigned.codes).toEqual(['TRANSPARENCY_CHECKPOINT_INVALID']);
    const forged = await verify(credential, {
      transparencyLogs: tamperedLogs((receipt) => {
        const [text, signature] = receipt.checkpoint.split('\n\n') as [string, string];
        const [dash, name, value] = signature.trim().split(' ') as [string, string, string];
        const bytes = decodeBase64(value) as Uint8Array;
        bytes[10] = (bytes[10] as number) ^ 1;
        return { ...receipt, checkpoint: `${text}\n\n${dash} ${name} ${encodeBase64(bytes)}\n` };
      }),
    });
    expect(forged.codes).toEqual(['TRANSPARENCY_CHECKPOINT_INVALID']);
  });

  it("refuses a checkpoint signed by a key its issuer's DID document does not list", async () => {
    const credential = await issue(issuer);
    await issuer.signNow();
    const stranger = generateKeyPairSync('ed25519');
    const publicKey = new Uint8Array(
      Buffer.from(stranger.publicKey.export({ format: 'jwk' }).x as string, 'base64url'),
    );
    const { codes, transparency } = await verify(credential, {
      transparencyLogs: tamperedLogs((receipt) => {
        const text = receipt.checkpoint.slice(0, receipt.checkpoint.indexOf('\n\n') + 1);
        const name = text.split('\n', 1)[0] as string;
        const signature = sign(null, Buffer.from(text, 'utf8'), stranger.privateKey);
        return {
          ...receipt,
          checkpoint: formatSignedNote(text, [
            noteSignatureLine({ name, publicKey }, new Uint8Array(signature)),
          ]),
        };
      }),
    });
    expect(codes).toEqual(['TRANSPARENCY_CHECKPOINT_INVALID']);
    expect(transparency[0]?.message).toContain(issuer.did);
  });

  it("refuses another credential's genuine receipt", async () => {
    const credential = await issue(issuer);
    const other = await issue(issuer);
    await issuer.signNow();
    const { codes } = await verify(credential, {
      transparencyLogs: tamperedLogs(async () => {
        const loaded = await realLogs().loadReceipt(issuer.url, other.id);
        if (!loaded.ok) throw new Error(loaded.message);
        return loaded.receipt;
      }),
    });
    expect(codes).toEqual(['TRANSPARENCY_ENTRY_MISMATCH']);
  });

  it('passes a revoked credential whose log agrees (the status list decides it revoked)', async () => {
    const credential = await issue(issuer);
    await revoke(credential);
    await issuer.signNow();
    const { codes, transparency } = await verify(credential);
    expect(codes).toEqual(['STATUS_REVOKED']);
    expect(transparency).toEqual([
      { id: 'transparency', ok: true },
      { id: 'transparency.status', ok: true },
    ]);
  });

  it('fails when the status list says valid but the log says revoked', async () => {
    const credential = await issue(issuer);
    await issuer.signNow();
    // A status list read before the revocation, kept: a split view, or a stale mirror.
    const statusLists: StatusListResolver = createStatusListResolver({ ttlSeconds: 3600 });
    expect((await verify(credential, { statusLists })).result.verified).toBe(true);
    await revoke(credential);
    await issuer.signNow();
    const { codes, transparency } = await verify(credential, { statusLists });
    expect(codes).toEqual(['TRANSPARENCY_STATUS_MISMATCH']);
    expect(transparency[1]?.message).toMatch(
      /status list says valid, but the issuer's log says revoked/,
    );
  });

  it('fails when the status list says revoked but the log says valid (a status entry withheld)', async () => {
    const credential = await issue(issuer);
    await revoke(credential);
    await issuer.signNow();
    const { codes } = await verify(credential, {
      transparencyLogs: tamperedLogs((receipt) => ({ ...receipt, status: null })),
    });
    expect(codes).toEqual(['STATUS_REVOKED', 'TRANSPARENCY_STATUS_MISMATCH']);
  });

  it("refuses a status entry that is another credential's", async () => {
    const credential = await issue(issuer);
    const other = await issue(issuer);
    await revoke(other);
    await issuer.signNow();
    const { codes } = await verify(credential, {
      transparencyLogs: tamperedLogs(async (receipt) => {
        const loaded = await realLogs().loadReceipt(issuer.url, other.id);
        if (!loaded.ok) throw new Error(loaded.message);
        return { ...receipt, checkpoint: loaded.receipt.checkpoint, status: loaded.receipt.status };
      }),
    });
    expect(codes).toEqual(['TRANSPARENCY_ENTRY_MISMATCH']);
  });

  it("fetches a did:key issuer's log only from a host transparencyLogHosts allows", async () => {
    const credential = await issue(issuer);
    await issuer.signNow();
    const { codes } = await verify(credential, { transparencyLogHosts: ['logs.example.com'] });
    expect(codes).toEqual(['TRANSPARENCY_HOST_NOT_ALLOWED']);
    const allowed = await verify(credential, {
      transparencyLogHosts: [new URL(issuer.url).host],
    });
    expect(allowed.result.verified).toBe(true);
  });

  it('refuses plain HTTP to the log unless loopback is allowed (the default resolver)', async () => {
    const credential = await issue(issuer);
    await issuer.signNow();
    const { codes, transparency } = await verify(credential, {
      transparencyLogs: createTransparencyLogResolver(),
    });
    expect(codes).toEqual(['TRANSPARENCY_UNAVAILABLE']);
    expect(transparency[0]?.message).toMatch(/plain HTTP/);
  });
});

describe('requireTransparency through the verifier service (VC-API options)', () => {
  let verifier: LoopbackService;
  beforeAll(async () => {
    const hosts = [new URL(issuer.url).host, new URL(unlogged.url).host];
    verifier = await serveOnLoopback(() =>
      createVerifierApp({
        statusListHosts: hosts,
        transparencyLogHosts: hosts,
        transparencyLogs: realLogs(),
        log: { error: () => undefined },
      }),
    );
  });
  afterAll(() => verifier?.close());

  const verifyOver = (credential: Issued, options?: unknown) =>
    postJson<{ verified: boolean; errors: Array<{ code: string }> } & { error?: { code: string } }>(
      `${verifier.url}/credentials/verify`,
      { verifiableCredential: credential.jwt, ...(options === undefined ? {} : { options }) },
    );

  it('verifies a logged credential with options.requireTransparency, and refuses an unlogged one', async () => {
    const logged = await issue(issuer);
    await issuer.signNow();
    expect(await verifyOver(logged, { requireTransparency: true })).toMatchObject({
      status: 200,
      body: { verified: true, errors: [] },
    });
    const notLogged = await issue(unlogged);
    const refused = await verifyOver(notLogged, { requireTransparency: true });
    expect(refused.status).toBe(400);
    expect(refused.body.errors.map((check) => check.code)).toEqual(['TRANSPARENCY_NOT_LOGGED']);
    // Without the option the service reads no log.
    expect(await verifyOver(notLogged)).toMatchObject({
      status: 200,
      body: { verified: true, errors: [] },
    });
  });

  it('refuses witness options that are not usable: a 400 with the error shape', async () => {
    const logged = await issue(issuer);
    const noFlag = await verifyOver(logged, {
      transparencyWitnesses: { keys: ['w+00000000+AAAA'], required: 1 },
    });
    expect(noFlag.status).toBe(400);
    expect(noFlag.body.error?.code).toBe('VALIDATION_FAILED');
    const badKey = await verifyOver(logged, {
      requireTransparency: true,
      transparencyWitnesses: { keys: ['not a key'], required: 1 },
    });
    expect(badKey.status).toBe(400);
    expect(badKey.body.error?.code).toBe('VALIDATION_FAILED');
    const tooMany = await verifyOver(logged, {
      requireTransparency: true,
      transparencyWitnesses: { keys: [formatCosignerKey(newWitnessKey())], required: 2 },
    });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error?.code).toBe('VALIDATION_FAILED');
  });
});

function newWitnessKey() {
  const { publicKey } = generateKeyPairSync('ed25519');
  const raw = Buffer.from(publicKey.export({ format: 'jwk' }).x as string, 'base64url');
  return { name: 'witness.test/w1', publicKey: new Uint8Array(raw) };
}
