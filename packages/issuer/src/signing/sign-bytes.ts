/**
 * Makes a raw Ed25519 signature (64 bytes) over `data` with the issuer's key: in the issuer,
 * `(data) => signBytesWithAgent(agent, identifier, data)`; in tests and benches, node:crypto.
 *
 * @example
 * ```ts
 * const signBytes: SignBytes = async (data) => sign(null, data, privateKey); // node:crypto
 * ```
 */
export type SignBytes = (data: Uint8Array) => Promise<Uint8Array>;
