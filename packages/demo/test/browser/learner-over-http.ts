import { signPresentation, type TestIdentity } from '@skillproof/testing';
import { answeredOk, postJson } from '../fixtures/post-json.js';

// A learner that talks to the issuer and the job board over HTTP with its own did:key, signing
// its presentations with core (through @skillproof/testing): the wallet's protocol, without the
// wallet's storage.

async function call<T>(url: string, body: unknown, token?: string): Promise<T> {
  const answer = await postJson<T>(url, body, token);
  if (!answeredOk(answer))
    throw new Error(`${url} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
  return answer.body;
}

// Presentations carry the real time: the services run on the real clock.
function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

/** Signs in to the issuer with DID-auth, passes a badge's micro-test, returns the credential. */
export async function earnBadge(
  issuerUrl: string,
  learner: TestIdentity,
  badge: string,
  answers: Record<string, string>,
): Promise<{ id: string; proof: { jwt: string } }> {
  const { challenge, domain } = await call<{ challenge: string; domain: string }>(
    `${issuerUrl}/auth/challenge`,
    { did: learner.did },
  );
  const { token } = await call<{ token: string }>(`${issuerUrl}/auth/token`, {
    presentation: signPresentation(learner, [], {
      nonce: challenge,
      aud: domain,
      nbf: nowSeconds() - 5,
      extra: { iat: nowSeconds() },
    }),
  });
  const attempt = await call<{ attemptId: string }>(`${issuerUrl}/attempts`, { badge }, token);
  const graded = await call<{
    passed: boolean;
    verifiableCredential?: { id: string; proof: { jwt: string } };
  }>(`${issuerUrl}/attempts/${attempt.attemptId}/answers`, { answers }, token);
  if (!graded.passed || !graded.verifiableCredential) {
    throw new Error(`the learner did not pass ${badge}: ${JSON.stringify(graded)}`);
  }
  return graded.verifiableCredential;
}

/** Asks the board for a presentation request, signs a VP of `credentialJwts` and applies. */
export async function applyToPosting(
  boardUrl: string,
  postingId: string,
  learner: TestIdentity,
  credentialJwts: string[],
): Promise<{ qualified: boolean; holder: string }> {
  const request = await call<{ nonce: string; domain: string }>(
    `${boardUrl}/api/postings/${postingId}/presentation-request`,
    {},
  );
  const presentation = signPresentation(learner, credentialJwts, {
    nonce: request.nonce,
    aud: request.domain,
    nbf: nowSeconds() - 5,
    extra: { iat: nowSeconds() },
  });
  return call(`${boardUrl}/api/postings/${postingId}/applications`, {
    verifiablePresentation: presentation,
  });
}
