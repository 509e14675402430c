import type { DatabaseRateLimiter as RateLimiter } from '@skillproof/server/database';
import { bearerToken, boundedBody } from '@skillproof/server/http';
import { Router, type Request, type RequestHandler } from 'express';
import type { IssuerContext } from '../../domain/issuer-context.js';
import { createCNonce } from '../../oid4vci/create-c-nonce.js';
import { oid4vciIssuerMetadata, oid4vciPaths } from '../../oid4vci/credential-issuer-metadata.js';
import { exchangePreAuthorizedCode } from '../../oid4vci/exchange-pre-authorized-code.js';
import { findCredentialOffer } from '../../oid4vci/find-credential-offer.js';
import { issueOfferedCredential } from '../../oid4vci/issue-offered-credential.js';
import { issuerLogoSvg } from '../../oid4vci/issuer-logo-svg.js';
import { createOauthErrorHandler } from '../oauth-error-handler.js';
import { sendSvg } from '../send-svg.js';

/** The largest token request read: a code, a tx_code and a grant type fit many times over. */
export const tokenRequestMaxBytes = 4 * 1024;
/** The largest credential request read: one key proof (a JWT with a JWK) and a few names. */
export const credentialRequestMaxBytes = 32 * 1024;

/** The OpenID4VCI endpoints' limiters, each counted per client address. */
export interface Oid4vciRateLimiters {
  token: RateLimiter;
  nonce: RateLimiter;
  credential: RateLimiter;
}

/** Counts the request against `limiter` per client address, before its body is read. */
function perAddress(limiter: RateLimiter, what: string): RequestHandler {
  return (req, _res, next) => {
    limiter.hit(req.ip ?? 'unknown', what).then(() => next(), next);
  };
}

function headersOf(req: Request): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    for (const one of Array.isArray(value) ? value : value === undefined ? [] : [value]) {
      headers.append(name, one);
    }
  }
  return headers;
}

/**
 * OpenID4VCI 1.0, pre-authorized code flow: the issuer's metadata
 * (`GET /.well-known/openid-credential-issuer`, `GET /.well-known/oauth-authorization-server`,
 * `GET /issuer/logo.svg`), the offers by reference (`GET /oid4vci/offers/:id`), and the token
 * (form), nonce and credential (JSON) endpoints, which read their own bodies and answer errors
 * in the OAuth shape `{error, error_description}`. Each of those three counts against its
 * limiter per client address first: beyond it, 429 with `Retry-After` and nothing read or
 * stored. Mounted before the app's JSON body reader.
 */
export function oid4vciRoutes(ctx: IssuerContext, limiters: Oid4vciRateLimiters): Router {
  const router = Router();
  const oauthErrors = createOauthErrorHandler(ctx.log);
  router.get('/.well-known/openid-credential-issuer', (_req, res) => {
    res.json(oid4vciIssuerMetadata(ctx).credentialIssuer);
  });
  router.get('/.well-known/oauth-authorization-server', (_req, res) => {
    res.json(oid4vciIssuerMetadata(ctx).authorizationServer);
  });
  router.get(oid4vciPaths.logo, (_req, res) => {
    sendSvg(res, issuerLogoSvg(ctx.profile.name));
  });
  router.get(`${oid4vciPaths.offers}/:id`, async (req, res) => {
    res.json(await findCredentialOffer(ctx, req.params.id));
  });
  router.post(
    oid4vciPaths.token,
    perAddress(limiters.token, 'token requests'),
    boundedBody({ kind: 'form', maxBytes: tokenRequestMaxBytes, maxMembers: 20 }),
    async (req, res) => {
      res.json(
        await exchangePreAuthorizedCode(ctx, {
          body: (req.body ?? {}) as Record<string, unknown>,
          headers: headersOf(req),
          url: `${ctx.baseUrl}${oid4vciPaths.token}`,
        }),
      );
    },
  );
  // Any body is ignored (Sphereon's client posts an empty form).
  router.post(
    oid4vciPaths.nonce,
    perAddress(limiters.nonce, 'nonce requests'),
    async (_req, res) => {
      res.set('Cache-Control', 'no-store').json(await createCNonce(ctx));
    },
  );
  router.post(
    oid4vciPaths.credential,
    perAddress(limiters.credential, 'credential requests'),
    boundedBody({ kind: 'json', maxBytes: credentialRequestMaxBytes, maxMembers: 200 }),
    async (req, res) => {
      res.json(
        await issueOfferedCredential(ctx, {
          accessToken: bearerToken(req),
          body: req.body,
        }),
      );
    },
  );
  router.use([oid4vciPaths.token, oid4vciPaths.nonce, oid4vciPaths.credential], oauthErrors);
  return router;
}
