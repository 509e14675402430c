import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { vcContextV2 } from '@skillproof/core';
import { openBadgeV2Credential } from '@skillproof/testing';
import { completePendingCredentials } from '../../src/domain/complete-pending-credentials.js';
import { adminToken, startTestIssuer, type TestIssuer } from '../fixtures/issuer-harness.js';
import { verifyWithDigitalBazaar } from '../fixtures/ob3-signing.js';
import { verifyIssued } from '../fixtures/verify-issued.js';
import { selectRows } from '../fixtures/select-rows.js';

// VC-API issuance in the three formats: what the issuer signs as ldp_vc and vc+jwt is judged by
// Digital Bazaar's vc (ldp_vc) and by our verifier, status lists fetched from the issuer itself.
const learnerDid = 'did:key:z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp';
let issuer: TestIssuer;

beforeAll(async () => {
  issuer = await startTestIssuer();
});

afterAll(async () => {
  await issuer.close();
});

function badge(changes: Record<string, unknown> = {}): Record<string, unknown> {
  const {
    credentialStatus: _status,
    validFrom: _from,
    validUntil: _until,
    // Each one its own id: the issuer gives it a urn:uuid.
    id: _id,
    ...credential
  } = openBadgeV2Credential(issuer.identifier.did, learnerDid);
  return { ...credential, ...changes };
}

function issue(body: object) {
  return issuer.http
    .post('/credentials/issue')
    .set('Authorization', `Bearer ${adminToken}`)
    .send(body);
}

const verify = (credential: unknown) => verifyIssued(issuer, credential);

describe('VC-API issuance in the field formats', () => {
  it('signs a VCDM 2.0 Open Badge as ldp_vc by default: eddsa-rdfc-2022, one revocation entry (OB 3.0 allows one)', async () => {
    const response = await issue({ credential: badge() });
    expect(response.status).toBe(201);
    const vc = response.body.verifiableCredential;
    expect(vc.proof).toMatchObject({
      type: 'DataIntegrityProof',
      cryptosuite: 'eddsa-rdfc-2022',
      proofPurpose: 'assertionMethod',
    });
    expect(vc.validFrom).toBe('2030-01-15T10:00:00.000Z');
    expect(vc.credentialStatus).toMatchObject({
      type: 'BitstringStatusListEntry',
      statusPurpose: 'revocation',
    });
    expect(await verifyWithDigitalBazaar(vc, issuer.identifier.did)).toEqual({ verified: true });
    const ours = await verify(vc);
    expect(ours.errors).toEqual([]);
    expect(ours.format).toBe('ldp_vc');
    const statusChecks = ours.checks.filter((check) => check.id.startsWith('status.'));
    expect(statusChecks.map((check) => check.id)).toEqual(['status.revocation']);
    expect(await issuer.store.findCredential(vc.id)).toMatchObject({ format: 'ldp_vc', jwt: null });
    const [status] = await issuer.statusLists.listCredentialStatus({ credentialId: vc.id });
    expect(status).toMatchObject({ revoked: false, suspended: null });
  });

  it('gives a VCDM 2.0 credential that is no Open Badge a revocation and a suspension entry', async () => {
    const response = await issue({
      credential: {
        '@context': [vcContextV2],
        type: ['VerifiableCredential'],
        issuer: issuer.identifier.did,
        credentialSubject: { id: learnerDid },
      },
    });
    expect(response.status).toBe(201);
    const vc = response.body.verifiableCredential;
    expect(
      vc.credentialStatus.map((entry: { statusPurpose: string }) => entry.statusPurpose),
    ).toEqual(['revocation', 'suspension']);
    const ours = await verify(vc);
    expect(ours.errors).toEqual([]);
    expect(ours.checks.map((check) => check.id)).toEqual(
      expect.arrayContaining(['status.revocation', 'status.suspension']),
    );
  });

  it('signs vc+jwt when asked, as an EnvelopedVerifiableCredential', async () => {
    const response = await issue({ credential: badge(), options: { format: 'vc+jwt' } });
    expect(response.status).toBe(201);
    const vc = response.body.verifiableCredential;
    expect(vc).toMatchObject({ '@context': [vcContextV2], type: 'EnvelopedVerifiableCredential' });
    expect(vc.id).toMatch(/^data:application\/vc\+jwt,ey/);
    const ours = await verify(vc);
    expect(ours.errors).toEqual([]);
    expect(ours.format).toBe('vc+jwt');
    const stored = await issuer.store.findCredential(ours.credential?.id as string);
    expect(stored).toMatchObject({ format: 'vc+jwt', jwt: vc.id.slice(vc.id.indexOf(',') + 1) });
  });

  it('signs a VCDM 1.1 credential as ldp_vc when asked, adding the status and Data Integrity contexts', async () => {
    const response = await issue({
      credential: {
        '@context': ['https://www.w3.org/2018/credentials/v1'],
        type: ['VerifiableCredential'],
        issuer: issuer.identifier.did,
        credentialSubject: { id: learnerDid },
      },
      options: { format: 'ldp_vc' },
    });
    expect(response.status).toBe(201);
    const vc = response.body.verifiableCredential;
    expect(vc['@context']).toEqual([
      'https://www.w3.org/2018/credentials/v1',
      'https://www.w3.org/ns/credentials/status/v1',
      'https://w3id.org/security/data-integrity/v2',
    ]);
    expect(vc.issuanceDate).toBe('2030-01-15T10:00:00.000Z');
    expect(await verifyWithDigitalBazaar(vc, issuer.identifier.did)).toEqual({ verified: true });
    const ours = await verify(vc);
    expect(ours.errors).toEqual([]);
    expect(ours.format).toBe('ldp_vc');
  });

  it('takes a Data Integrity proof asked for the VC-API way (type and cryptosuite)', async () => {
    const response = await issue({
      credential: badge(),
      options: { type: 'DataIntegrityProof', cryptosuite: 'eddsa-rdfc-2022' },
    });
    expect(response.status).toBe(201);
    expect(response.body.verifiableCredential.proof.cryptosuite).toBe('eddsa-rdfc-2022');
  });

  it('refuses, allocating nothing, a credential a verifier would refuse: an undefined term, jwt_vc_json for VCDM 2.0', async () => {
    const allocated = async () =>
      (
        await selectRows<{ count: number }>(
          issuer.db,
          'SELECT COUNT(*) AS count FROM issuer_status_entries',
        )
      )[0]?.count;
    const before = await allocated();
    const undefinedTerm = await issue({ credential: badge({ admin: true }) });
    expect(undefinedTerm.status).toBe(400);
    expect(undefinedTerm.body.error.message).toMatch(/TERM_UNDEFINED/);
    const jwtOfV2 = await issue({ credential: badge(), options: { format: 'jwt_vc_json' } });
    expect(jwtOfV2.status).toBe(400);
    expect(jwtOfV2.body.error.message).toMatch(/^credential\.@context: jwt_vc_json/);
    expect(await allocated()).toBe(before);
  });

  it('drops a proof the caller sent, in every format, and leaves nothing pending', async () => {
    for (const format of ['ldp_vc', 'vc+jwt']) {
      const response = await issue({
        credential: badge({ proof: { type: 'DataIntegrityProof', proofValue: 'z1' } }),
        options: { format },
      });
      expect(response.status).toBe(201);
      const ours = await verify(response.body.verifiableCredential);
      expect(ours.errors).toEqual([]);
      expect(JSON.stringify(response.body.verifiableCredential)).not.toContain('"z1"');
    }
    expect(await issuer.store.listPendingCredentials()).toEqual([]);
  });

  it('signs an ldp_vc left pending by a crash at the next start, as ldp_vc', async () => {
    const reserved = await issuer.store.reserveCredential({
      id: 'urn:uuid:pending-ldp',
      subjectDid: learnerDid,
      achievementId: null,
      issuedAt: issuer.clock.now().toISOString(),
      format: 'ldp_vc',
      build: () =>
        ({ ...badge(), id: 'urn:uuid:pending-ldp', validFrom: '2030-01-15T10:00:00Z' }) as never,
    });
    expect(reserved).toMatchObject({ pending: true, format: 'ldp_vc' });
    expect(await completePendingCredentials(issuer.context)).toBe(1);
    const stored = await issuer.store.findCredential('urn:uuid:pending-ldp');
    expect(stored).toMatchObject({ format: 'ldp_vc', jwt: null });
    expect(
      await verifyWithDigitalBazaar(
        stored?.credential as Record<string, unknown>,
        issuer.identifier.did,
      ),
    ).toEqual({
      verified: true,
    });
  });
});
