import { isJsonObject, isSkillproofError, SkillproofError } from '@skillproof/core';
import { printable } from '../terminal/output.js';

/**
 * OAuth 2.0 (RFC 6749 §5.2, RFC 6750 §3.1) and OpenID4VCI 1.0 (§6.3, §8.3.1.2) error codes in
 * plain words. `invalid_grant` depends on whether a transaction code was sent.
 */
const plainWords: Record<string, string> = {
  invalid_request: 'it found the request malformed',
  invalid_client: 'it does not accept this wallet as a client',
  unauthorized_client: 'it does not let this wallet use a pre-authorized code',
  unsupported_grant_type: 'it does not take pre-authorized codes',
  invalid_scope: 'it does not offer what was asked for',
  invalid_token: 'it did not accept the access token it gave out (expired?); ask for a new offer',
  insufficient_scope: 'the access token does not cover this credential',
  invalid_credential_request: 'it found the credential request malformed',
  unknown_credential_configuration: 'it does not know the credential configuration asked for',
  unknown_credential_identifier: 'it does not know the credential asked for',
  invalid_proof: 'it did not accept the wallet’s key proof',
  invalid_nonce: 'the nonce was not accepted (expired?); try again',
  invalid_encryption_parameters: 'it did not accept the encryption parameters',
  credential_request_denied: 'it refused to issue the credential',
};

function invalidGrant(txCodeSent: boolean): string {
  return txCodeSent
    ? 'the transaction code is wrong, or the offer was used already or has expired'
    : 'the offer’s code is not valid: it was used already or has expired';
}

/** `error` and `error_description` of an OAuth error answer the library carries, if any. */
function oauthErrorOf(error: object): { code: string; description?: string } | undefined {
  const candidates: unknown[] = [
    (error as { errorResponse?: unknown }).errorResponse,
    (error as { response?: { credentialErrorResponseResult?: { data?: unknown } } }).response
      ?.credentialErrorResponseResult?.data,
  ];
  for (const candidate of candidates) {
    if (isJsonObject(candidate) && typeof candidate['error'] === 'string') {
      const description = candidate['error_description'];
      return {
        code: candidate['error'],
        ...(typeof description === 'string' ? { description } : {}),
      };
    }
  }
  return undefined;
}

function statusOf(error: object): number | undefined {
  const response = (error as { response?: unknown }).response;
  if (response instanceof Response) return response.status;
  const inner = isJsonObject(response) ? response['response'] : undefined;
  return inner instanceof Response ? inner.status : undefined;
}

function shortened(text: string): string {
  const line = printable(text);
  return line.length > 300 ? `${line.slice(0, 300)}…` : line;
}

/**
 * Turns what `@openid4vc/*` throws into one `SkillproofError` a person can act on: the wallet's
 * own refusals (a URL, a size, a timeout, found in the `cause` chain) as they are; an issuer's
 * OAuth error code in plain words with the issuer's own description; an answer of the wrong
 * shape or status as such. `stage` says what the wallet was doing.
 *
 * @throws always.
 * @example
 * ```ts
 * await client.resolveIssuerMetadata(issuer).catch((error) => explainOpenid4vciError(error, 'reading the issuer’s metadata'));
 * ```
 */
export function explainOpenid4vciError(
  error: unknown,
  stage: string,
  options: { txCodeSent?: boolean } = {},
): never {
  for (let cause: unknown = error, depth = 0; cause && depth < 5; depth++) {
    if (isSkillproofError(cause)) throw cause;
    cause = (cause as { cause?: unknown }).cause;
  }
  if (typeof error !== 'object' || error === null) {
    throw new SkillproofError('UPSTREAM_FAILED', `${stage}: ${shortened(String(error))}`);
  }
  const oauth = oauthErrorOf(error);
  if (oauth) {
    const words =
      oauth.code === 'invalid_grant'
        ? invalidGrant(options.txCodeSent === true)
        : (plainWords[oauth.code] ?? 'it refused');
    const said = oauth.description ? `; it said: “${shortened(oauth.description)}”` : '';
    throw new SkillproofError(
      'UPSTREAM_FAILED',
      `${stage}: the issuer refused (${shortened(oauth.code)}): ${words}${said}. Nothing was stored`,
      { oauthError: oauth.code },
    );
  }
  const status = statusOf(error);
  const zodError = (error as { zodError?: unknown }).zodError;
  const message = error instanceof Error ? error.message : String(error);
  if (zodError !== undefined || (error as { name?: string }).name === 'ValidationError') {
    throw new SkillproofError(
      'UPSTREAM_FAILED',
      `${stage}: the answer is not what OpenID4VCI 1.0 allows (${shortened(message)})`,
    );
  }
  if (status !== undefined) {
    throw new SkillproofError(
      'UPSTREAM_FAILED',
      `${stage}: the issuer answered HTTP ${status} (${shortened(message)})`,
    );
  }
  throw new SkillproofError('UPSTREAM_FAILED', `${stage}: ${shortened(message)}`);
}
