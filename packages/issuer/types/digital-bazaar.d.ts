// Just enough types for the Digital Bazaar libraries the signing tests and the ldp bench judge us
// with (they ship JavaScript without declarations). Development only: src never imports them.
type JsonObject = Record<string, unknown>;
type DocumentLoader = (url: string) => Promise<unknown>;

declare module '@digitalbazaar/ed25519-multikey' {
  interface Ed25519MultikeyPair {
    id?: string;
    controller?: string;
    publicKeyMultibase: string;
    signer(): unknown;
  }
  export function generate(options?: object): Promise<Ed25519MultikeyPair>;
  export function fromJwk(options: {
    jwk: object;
    secretKey?: boolean;
    id?: string;
    controller?: string;
  }): Promise<Ed25519MultikeyPair>;
}

declare module '@digitalbazaar/data-integrity' {
  export class DataIntegrityProof {
    constructor(options: { signer?: unknown; cryptosuite: unknown; date?: Date | string });
  }
}

declare module '@digitalbazaar/eddsa-rdfc-2022-cryptosuite' {
  export const cryptosuite: unknown;
}

declare module '@digitalbazaar/vc' {
  interface VerifyResult {
    verified: boolean;
    error?: unknown;
    results?: unknown;
  }
  export function issue(options: {
    credential: JsonObject;
    suite: unknown;
    documentLoader: DocumentLoader;
    now?: Date;
  }): Promise<JsonObject>;
  export function verifyCredential(options: {
    credential: JsonObject;
    suite: unknown;
    documentLoader: DocumentLoader;
    checkStatus?: (options: object) => Promise<{ verified: boolean }>;
    now?: Date;
  }): Promise<VerifyResult>;
}
