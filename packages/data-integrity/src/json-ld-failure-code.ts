/**
 * Why a JSON-LD document was refused; the verifier reports these as check codes of the same
 * names.
 */
export type JsonLdFailureCode =
  'CONTEXT_UNKNOWN' | 'CONTEXT_INVALID' | 'TERM_UNDEFINED' | 'PROOF_INVALID' | 'TOO_LARGE';
