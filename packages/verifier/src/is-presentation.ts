import { decodeJwt, isJsonObject, isSkillproofError } from '@skillproof/core';

/**
 * The header `typ` and payload of a JWT input (compact, or Veramo's normalized JSON), decoded
 * but NOT verified: for telling kinds of input apart and for showing what an input claims,
 * never for deciding anything. Undefined when the input holds no readable JWT.
 *
 * @example
 * ```ts
 * readUnverifiedJwt(input)?.payload['iss']; // what it claims, marked as unverified
 * ```
 */
export function readUnverifiedJwt(
  input: unknown,
): { typ: unknown; payload: Record<string, unknown> } | undefined {
  const jwt = isJsonObject(input) && isJsonObject(input['proof']) ? input['proof']['jwt'] : input;
  try {
    const { header, payload } = decodeJwt(jwt);
    return { typ: header.typ, payload };
  } catch (error) {
    if (isSkillproofError(error)) return undefined;
    throw error;
  }
}

/**
 * Tells a presentation from a credential without verifying either: a JWT with a `vp` claim or
 * typ `vp+jwt`, or a JSON-LD document whose types include `VerifiablePresentation`.
 *
 * @example
 * ```ts
 * const result = isPresentation(input) ? await verifyPresentation(input, policy) : await verifyCredential(input, policy);
 * ```
 */
export function isPresentation(input: unknown): boolean {
  const jwt = readUnverifiedJwt(input);
  if (jwt) return jwt.typ === 'vp+jwt' || 'vp' in jwt.payload;
  if (!isJsonObject(input)) return false;
  const types = input['type'];
  return (
    types === 'VerifiablePresentation' ||
    (Array.isArray(types) && types.includes('VerifiablePresentation'))
  );
}

/** The credentials a presentation carries, as given (unverified), or an empty list. */
export function presentedCredentialsOf(input: unknown): unknown[] {
  const jwt = readUnverifiedJwt(input);
  const vp = jwt ? (jwt.typ === 'vp+jwt' ? jwt.payload : jwt.payload['vp']) : input;
  if (!isJsonObject(vp)) return [];
  const carried = vp['verifiableCredential'];
  if (Array.isArray(carried)) return carried;
  return carried === undefined ? [] : [carried];
}
