import { SkillproofError } from '@skillproof/core';
import { checkSecureUrl } from '../net/secure-fetch.js';
import { printable } from '../terminal/output.js';

/** An authorization request link, read without fetching anything. */
export interface Openid4vpLink {
  /** The `client_id` the link names (with its prefix). */
  clientId: string;
  /** Where the request object is fetched from (by reference), already checked. */
  requestUri?: string;
  /** The request object itself (by value). */
  request?: string;
  /**
   * The request's parameters in the link itself, with no request object: unsigned, so only ever
   * accepted for the development `redirect_uri:` prefix. JSON-valued ones are parsed.
   */
  parameters?: Record<string, unknown>;
}

/** Parameters that carry JSON in a link (OpenID4VP 1.0 §5.1). */
const jsonParameters = new Set(['dcql_query', 'client_metadata', 'transaction_data']);

/**
 * Reads an OpenID4VP authorization request link (`openid4vp://?client_id=…&request_uri=…`, or
 * `request=…` by value; an https URL with the same query is read alike). Only requests passed
 * as a request object are taken (OpenID4VP 1.0 §5.10: JAR, RFC 9101): the wallet needs one to
 * check who is asking, or, for the development `redirect_uri:` prefix, to read it at all.
 * `request_uri` must be https (plain http only to this machine), so a hostile link is refused
 * before any request.
 *
 * @throws SkillproofError `VALIDATION_FAILED` saying what is wrong with the link.
 * @example
 * ```ts
 * readOpenid4vpLink('openid4vp://?client_id=decentralized_identifier%3Adid%3Akey%3Az6Mk…&request_uri=https%3A%2F%2Fboard.example%2Foid4vp%2Frequests%2F1');
 * ```
 */
export function readOpenid4vpLink(link: string): Openid4vpLink {
  const notARequest = (why: string): never => {
    throw new SkillproofError(
      'VALIDATION_FAILED',
      `that is not a presentation request: ${why}. A request is an openid4vp:// link with client_id and request_uri (or request); nothing was fetched or sent`,
    );
  };
  let url: URL | undefined;
  try {
    url = new URL(link);
  } catch {
    url = undefined;
  }
  if (!url) return notARequest('it is not a URL');
  if (url.protocol !== 'openid4vp:') checkSecureUrl(link, 'the request link');
  const single = (name: string): string | undefined => {
    const values = url.searchParams.getAll(name);
    if (values.length > 1) notARequest(`it has ${name} more than once`);
    return values[0];
  };
  const clientId = single('client_id');
  const requestUri = single('request_uri');
  const request = single('request');
  if (clientId === undefined || clientId === '') return notARequest('it names no client_id');
  if (requestUri !== undefined && request !== undefined) {
    return notARequest('it has both request_uri and request');
  }
  if (requestUri === undefined && request === undefined) {
    if (!url.searchParams.has('response_type')) {
      return notARequest('it needs request_uri or request');
    }
    const parameters: Record<string, unknown> = {};
    for (const [name] of url.searchParams) {
      const value = single(name) as string;
      try {
        parameters[name] = jsonParameters.has(name) ? JSON.parse(value) : value;
      } catch {
        return notARequest(`its ${printable(name)} is not JSON`);
      }
    }
    return { clientId, parameters };
  }
  const method = single('request_uri_method');
  if (method !== undefined && method !== 'get') {
    return notARequest(`request_uri_method ${printable(method)} is not supported (only get)`);
  }
  if (requestUri !== undefined) {
    checkSecureUrl(requestUri, 'the request address (request_uri)');
    return { clientId, requestUri };
  }
  return { clientId, request: request as string };
}
