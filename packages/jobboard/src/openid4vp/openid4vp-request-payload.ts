import type { Openid4vpAuthorizationRequest } from '@openid4vc/openid4vp';
import type { Posting } from '../jobboard-types.js';
import type { StoredOpenid4vpRequest } from '../ports/jobboard-store.js';
import { boardClientId, type Openid4vpSettings } from './openid4vp-settings.js';
import { responseEncryptionEncValues, responseEncryptionKey } from './response-encryption-key.js';

/**
 * The authorization request a stored OpenID4VP request stands for (OpenID4VP 1.0 §5): the same
 * parameters every time it is read, so the signed request object and the response's checks
 * agree. The posting's DCQL query; `direct_post` to the request's own response URI (or
 * `direct_post.jwt`, §8.3, with the request's own encryption key in `client_metadata.jwks` and
 * the content encryptions the board reads);
 * `vp_formats_supported` for what the verifier reads (Appendix B.1: `jwt_vc_json` signed with
 * EdDSA, `ldp_vc` with Data Integrity proofs). B.1.3.2.1 also defines `cryptosuite_values` for
 * `ldp_vc`; it is optional, and Sphereon's wallet (did-auth-siop 0.20.1) refuses a request that
 * names it, so it is left out.
 *
 * @example
 * ```ts
 * const payload = openid4vpRequestPayload(settings, request, posting);
 * payload.response_uri; // 'https://jobs.example/oid4vp/responses/<request id>'
 * ```
 */
export function openid4vpRequestPayload(
  settings: Openid4vpSettings,
  request: StoredOpenid4vpRequest,
  posting: Posting,
): Openid4vpAuthorizationRequest {
  const encrypted = settings.responseMode === 'direct_post.jwt';
  return {
    response_type: 'vp_token',
    client_id: boardClientId(settings),
    response_mode: encrypted ? 'direct_post.jwt' : 'direct_post',
    response_uri: `${settings.baseUrl}/oid4vp/responses/${request.id}`,
    nonce: request.nonce,
    state: request.state,
    dcql_query: posting.dcql_query,
    client_metadata: {
      client_name: 'Skillproof job board',
      vp_formats_supported: {
        jwt_vc_json: { alg_values: ['EdDSA'] },
        ldp_vc: { proof_type_values: ['DataIntegrityProof'] },
      },
      ...(encrypted
        ? {
            jwks: { keys: [responseEncryptionKey(settings, request.id).publicJwk] },
            encrypted_response_enc_values_supported: [...responseEncryptionEncValues],
          }
        : {}),
    },
  };
}
