import { describe, expect, it } from '@jest/globals';
import { openBadgesContextV3, vcContextV1 } from '@skillproof/core';
import {
  createSkillproofAgent,
  ensureIdentifier,
  signCredentialJwt,
} from '@skillproof/server/agent';
import { openDatabase } from '@skillproof/server/sqlite';
import { verifyCredential, verifyPresentation } from '@skillproof/verifier';
import { verifyCredential as didJwtVcVerifyCredential } from 'did-jwt-vc';

// Credentials and presentations made by Veramo (the wallet's and issuer's signer) verify here,
// and on valid input our verdict agrees with did-jwt-vc's.
describe('interoperability with Veramo and did-jwt-vc', () => {
  it('verifies what Veramo signs, and agrees with did-jwt-vc', async () => {
    const agent = await createSkillproofAgent({
      db: openDatabase(':memory:'),
      keySecret: 'test',
      scryptLogN: 10,
    });
    const issuer = await ensureIdentifier(agent, 'issuer');
    const learner = await ensureIdentifier(agent, 'learner');
    const credential = {
      '@context': [vcContextV1, openBadgesContextV3],
      id: 'urn:uuid:0b6a0f0e-0000-4000-8000-000000000001',
      type: ['VerifiableCredential', 'OpenBadgeCredential'],
      issuer: { id: issuer.did, type: 'Profile', name: 'Academy', url: 'http://127.0.0.1' },
      issuanceDate: new Date().toISOString(),
      credentialSubject: {
        id: learner.did,
        type: 'AchievementSubject',
        achievement: { id: 'http://127.0.0.1/achievements/a', type: 'Achievement', name: 'A' },
      },
    };
    const byVeramo = await agent.createVerifiableCredential({ credential, proofFormat: 'jwt' });
    const byUs = await signCredentialJwt(agent, issuer, credential);
    const resolver = { resolve: (didUrl: string) => agent.resolveDid({ didUrl }) };
    for (const vc of [byVeramo, byUs]) {
      const ours = await verifyCredential(vc, { trustedIssuers: [{ did: issuer.did }] });
      expect(ours.errors).toEqual([]);
      const theirs = await didJwtVcVerifyCredential(vc.proof['jwt'] as string, resolver);
      expect(theirs.verified).toBe(ours.verified);
      expect(theirs.payload.iss).toBe(issuer.did);
    }
    const vp = await agent.createVerifiablePresentation({
      proofFormat: 'jwt',
      challenge: 'abc',
      domain: 'http://127.0.0.1:4300',
      presentation: { holder: learner.did, verifiableCredential: [byVeramo, byUs.proof.jwt] },
    });
    const result = await verifyPresentation(vp, {
      challenge: 'abc',
      domain: 'http://127.0.0.1:4300',
    });
    expect(result.errors).toEqual([]);
    expect(result.verified).toBe(true);
  });
});
