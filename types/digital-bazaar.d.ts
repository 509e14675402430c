// Just enough types for the Digital Bazaar libraries the verifier's and the issuer's tests and
// benchmarks run against (they ship JavaScript without declarations). Development only: no src
// imports them; each package's tsconfig.json and tsconfig.bench.json include this folder.
type JsonObject = Record<string, unknown>;
type DocumentLoader = (url: string) => Promise<unknown>;

interface DbKeyPair {
  id?: string;
  controller?: string;
  publicKeyMultibase: string;
  signer(): unknown;
  verifier(): unknown;
  export(options: object): Promise<JsonObject>;
}

declare module '@digitalbazaar/ed25519-multikey' {
  export function generate(options?: object): Promise<DbKeyPair>;
  export function from(key: object): Promise<DbKeyPair>;
  export function fromJwk(options: {
    jwk: object;
    secretKey?: boolean;
    id?: string;
    controller?: string;
  }): Promise<DbKeyPair>;
}

declare module '@digitalbazaar/ed25519-verification-key-2020' {
  export class Ed25519VerificationKey2020 implements DbKeyPair {
    static generate(options?: object): Promise<Ed25519VerificationKey2020>;
    static from(key: object): Promise<Ed25519VerificationKey2020>;
    id?: string;
    controller?: string;
    publicKeyMultibase: string;
    signer(): unknown;
    verifier(): unknown;
    export(options: object): Promise<JsonObject>;
  }
}

declare module '@digitalbazaar/ed25519-signature-2020' {
  export class Ed25519Signature2020 {
    constructor(options?: { key?: unknown; signer?: unknown });
  }
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
  export function signPresentation(options: {
    presentation: JsonObject;
    suite: unknown;
    challenge: string;
    domain?: string;
    documentLoader: DocumentLoader;
  }): Promise<JsonObject>;
  export function verifyCredential(options: {
    credential: JsonObject;
    suite: unknown;
    documentLoader: DocumentLoader;
    checkStatus?: (options: object) => Promise<{ verified: boolean }>;
    now?: Date;
  }): Promise<VerifyResult>;
  export function verify(options: {
    presentation: JsonObject;
    suite: unknown;
    challenge: string;
    domain?: string;
    documentLoader: DocumentLoader;
    checkStatus?: (options: object) => Promise<{ verified: boolean }>;
    now?: Date;
  }): Promise<VerifyResult>;
}
