import { isJsonObject, type W3cCredential } from '@skillproof/core';

/**
 * What Presentation Exchange may read of a verified credential, as W3C JSON: its contexts and
 * types, its issuer's id, and the subject's achievement `id` and `alignment` and its `result`,
 * copied as the verified credential holds them.
 */
export interface PexCredentialView {
  '@context': unknown;
  type: unknown;
  issuer: { id: string };
  credentialSubject: {
    achievement: { id: unknown; alignment: unknown };
    result: unknown;
  };
}

/**
 * The view of a verified credential the board hands `@sphereon/pex`: the W3C JSON fields a job
 * board definition reads (see `derivePresentationDefinition` for the paths), and nothing else.
 * Nothing here is decoded: it is copied from the credential the verifier returned. Leaving the
 * rest out keeps PEX on signed claims only (a `proof.jwt` inside would make PEX decode that JWT,
 * a signed `vc` or `iss` claim would shadow the W3C paths), and makes two badges that read
 * alike to the definition evaluate alike, so an answer can be remembered.
 *
 * @example
 * ```ts
 * pexViewOf(result.credential).credentialSubject.achievement.id; // 'https://…/python-problems-1'
 * ```
 */
export function pexViewOf(credential: W3cCredential): PexCredentialView {
  const subject = isJsonObject(credential.credentialSubject) ? credential.credentialSubject : {};
  const achievement = isJsonObject(subject['achievement']) ? subject['achievement'] : {};
  return {
    '@context': credential['@context'],
    type: credential.type,
    issuer: {
      id: typeof credential.issuer === 'string' ? credential.issuer : credential.issuer.id,
    },
    credentialSubject: {
      achievement: { id: achievement['id'], alignment: achievement['alignment'] },
      result: subject['result'],
    },
  };
}
