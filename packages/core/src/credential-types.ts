/** Context of the W3C VC Data Model 1.1. */
export const vcContextV1 = 'https://www.w3.org/2018/credentials/v1';
/** Context of the W3C VC Data Model 2.0 (VCDM 2.0 §4.3: always the first `@context`). */
export const vcContextV2 = 'https://www.w3.org/ns/credentials/v2';
/** Context of Open Badges 3.0. */
export const openBadgesContextV3 = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json';

/**
 * The formats credentials are issued in, by their OpenID4VC format identifiers: `jwt_vc_json`
 * (VCDM 1.1 as a JWT), `ldp_vc` (VCDM 2.0 with a Data Integrity proof, `eddsa-rdfc-2022`) and
 * `vc+jwt` (VCDM 2.0 secured by VC-JOSE).
 */
export const issuedFormats = ['jwt_vc_json', 'ldp_vc', 'vc+jwt'] as const;

/** How a credential is secured: one of {@link issuedFormats}. */
export type IssuedFormat = (typeof issuedFormats)[number];

/** An issuer given as a DID or as a profile object. */
export type IssuerField = string | { id: string; [name: string]: unknown };

/** A credential in W3C JSON form (VCDM 1.1), before or after signing. */
export interface W3cCredential {
  '@context': string[];
  id?: string;
  type: string[];
  issuer: IssuerField;
  issuanceDate?: string;
  expirationDate?: string;
  credentialSubject: { id?: string; [name: string]: unknown };
  credentialStatus?: unknown;
  [name: string]: unknown;
}

/** A JWT credential in Veramo's normalized form: the W3C JSON plus the JWT as its proof. */
export interface JwtVerifiableCredential extends W3cCredential {
  proof: { type: 'JwtProof2020'; jwt: string };
}

/** Open Badges 3.0 `Achievement`, as far as Skillproof fills it in. */
export interface Achievement {
  id: string;
  type: ['Achievement'] | 'Achievement' | string[];
  name: string;
  description?: string;
  achievementType?: string;
  criteria?: { narrative?: string; id?: string };
  image?: { id: string; type: 'Image'; caption?: string };
  alignment?: Array<{ type: string[] | string; targetName: string; targetUrl: string }>;
  [name: string]: unknown;
}

/** Open Badges 3.0 `Result`. */
export interface AchievementResult {
  type: ['Result'] | string[];
  value?: string;
  [name: string]: unknown;
}

/** Open Badges 3.0 `AchievementSubject`. */
export interface AchievementSubject {
  id: string;
  type: ['AchievementSubject'] | string[] | string;
  achievement: Achievement;
  result?: AchievementResult[];
}

/** The issuer's public profile (`GET /issuer`), an Open Badges `Profile`. */
export interface IssuerProfile {
  id: string;
  type: 'Profile';
  name: string;
  url: string;
}
