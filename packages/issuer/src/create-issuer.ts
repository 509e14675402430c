// The composition root: the one place that wires stores, signer, domain and HTTP together.
import {
  activeKeyOf,
  createSkillproofAgent,
  didWebDocument,
  didWebOfUrl,
  signBytesWithAgent,
  ensureIdentifier,
  ensureWebIdentifier,
  type SkillproofAgent,
} from '@skillproof/server/agent';
import { createDatabaseRateLimiter, isUniqueViolation } from '@skillproof/server/database';
import { createViewRenderer } from '@skillproof/server/web';
import { setGlobalConfig } from '@openid4vc/utils';
import type { Express } from 'express';
import type { Catalog } from './catalog/catalog-types.js';
import { loadDefaultCatalog } from './catalog/default-catalog.js';
import { derivePuzzleSecret } from './config/derive-puzzle-secret.js';
import { deriveWebCsrfKey } from './config/derive-web-csrf-key.js';
import { issuerBaseUrl } from './config/issuer-base-url.js';
import { completePendingCredentials } from './domain/complete-pending-credentials.js';
import type { IssuerContext } from './domain/issuer-context.js';
import { issuerProfile } from './domain/issuer-profile.js';
import { createIssuerApp } from './http/create-app.js';
import {
  defaultIssuerRateLimits,
  type IssuerRateLimiters,
  type IssuerRateLimits,
  type RateLimitSetting,
} from './http/issuer-rate-limits.js';
import { createCredentialOffer } from './oid4vci/create-credential-offer.js';
import type { IssuerLog } from './ports/issuer-log.js';
import type { IssuerStore } from './ports/issuer-store.js';
import type { StatusListStore } from './ports/status-list-store.js';
import {
  createAgentCredentialSigner,
  type IssuerIdentifier,
} from './signing/agent-credential-signer.js';
import { createStatusListPublisher } from './status/status-list-publisher.js';
import { createIssuerStore } from './store/database-issuer-store.js';
import { createStatusListStore } from './store/database-status-list-store.js';
import { createWebOfferStore } from './store/database-web-offer-store.js';
import { createDatabaseTransparencyLog } from './store/database-transparency-log.js';
import {
  checkIssuerReadiness,
  issuerDatabase,
  migrateIssuerDatabase,
  type IssuerDatabase,
} from './store/issuer-database.js';
import { badgeDefinitionVersions } from './transparency/badge-definition-versions.js';
import { createCheckpointSigner, type LogSigningKey } from './transparency/checkpoint-signer.js';
import type { IssuerTransparency } from './transparency/issuer-transparency.js';
import { logOrigin } from './transparency/log-origin.js';
import { createWitnessClient, type WitnessEndpoint } from './transparency/witness-client.js';
import { sendErrorPage } from './web/error-page.js';
import type { IssuerWebContext } from './web/web-context.js';
import { issuerViewsDirectory, webRouter } from './web/web-router.js';

/** The issuer's public name and address, and the VC-API admin token. */
export interface IssuerConfig {
  name: string;
  /** Public base URL, used in every URL the issuer publishes; a trailing slash is dropped. */
  url: string;
  /**
   * Bearer token of the VC-API admin endpoints (`POST /credentials/issue`,
   * `POST /credentials/status`); without one they refuse everyone.
   */
  adminToken?: string;
  /**
   * `key` (the default): a did:key made on first start. `web`: the did:web of `url`, its DID
   * document served by the issuer, its key rotated with the admin command `rotate-key`.
   */
  didMethod?: 'key' | 'web';
  /**
   * Whether the credential offers the web pages show ask for a transaction code, shown beside
   * the QR code for the learner to type into the wallet. Default `false`.
   */
  offerTxCode?: boolean;
  /** How long an OpenID4VCI credential offer (its pre-authorized code) stays usable. Default 600 s. */
  offerTtlSeconds?: number;
}

/** Options for {@link createIssuer}. */
export interface CreateIssuerOptions {
  /**
   * Holds the issuer's tables and its keys (created on first use): a {@link Database} on either
   * engine (`openDatabaseFromConfig`), or a SQLite connection (`openDatabase`).
   */
  db: IssuerDatabase;
  /** Encrypts the issuer's private key at rest; must be the same on every start. */
  keySecret: string;
  config: IssuerConfig;
  /** Default `loadDefaultCatalog()`. */
  catalog?: Catalog;
  /**
   * Seeds learners' puzzle inputs; keep it across restarts or every input (and answer) changes.
   * Default: derived from `keySecret` (HKDF-SHA256).
   */
  puzzleSecret?: Uint8Array | string;
  /** Request limits; each one given replaces its default (`defaultIssuerRateLimits`). */
  rateLimits?: Partial<IssuerRateLimits>;
  /** The clock. Default `() => new Date()`. */
  now?: () => Date;
  /** Default: errors to stderr as JSON lines, nothing else. */
  log?: IssuerLog;
  /** scrypt cost (log2 N) when the key store is first created; tests pass 10. */
  scryptLogN?: number;
  /**
   * The transparency log (issue 17), on by default: every issuance and status change is an
   * entry, committed with it; checkpoints are signed every `checkpointIntervalMs` (default
   * 1000; `0`: only when asked, `context.transparency.checkpoints.signNow()`) or as soon as
   * `checkpointBatchEntries` (default 1000) entries wait. `false` runs without a log (the
   * benchmarks' baseline).
   */
  transparencyLog?:
    | false
    | {
        checkpointIntervalMs?: number;
        checkpointBatchEntries?: number;
        /** Witnesses asked to cosign each checkpoint (C2SP tlog-witness); none by default. */
        witnesses?: readonly WitnessEndpoint[];
      };
}

/** A ready issuer: its app (not listening) and the parts it was built from. */
export interface CreateIssuerResult {
  app: Express;
  /** What the domain functions work with, for tools and benchmarks that call them directly. */
  context: IssuerContext;
  identifier: IssuerIdentifier;
  store: IssuerStore;
  statusLists: StatusListStore;
  agent: SkillproofAgent;
}

/** Input of {@link createIssuerRateLimiters}. */
export interface CreateIssuerRateLimitersOptions {
  /** The issuer's database: the counters live in it, shared by every process that serves it. */
  db: IssuerDatabase;
  /** Each one given replaces its default ({@link defaultIssuerRateLimits}). */
  limits?: Partial<IssuerRateLimits> | undefined;
  /** The issuer's clock, so that tests can move time. */
  now: () => Date;
}

/**
 * The issuer's rate limiters, counted in its own database (one upsert per request), so that
 * every process and instance on that database shares one count per client and learner.
 *
 * @example
 * ```ts
 * const limiters = createIssuerRateLimiters({ db, limits: { auth: { limit: 2, windowMs: 60_000 } }, now });
 * await limiters.auth.hit(req.ip ?? 'unknown', 'sign-in requests');
 * ```
 */
export function createIssuerRateLimiters(
  options: CreateIssuerRateLimitersOptions,
): IssuerRateLimiters {
  const settings = { ...defaultIssuerRateLimits, ...options.limits };
  const { now } = options;
  const database = issuerDatabase(options.db);
  const limiter = (name: string, setting: RateLimitSetting) =>
    createDatabaseRateLimiter({ database, name, ...setting, now });
  return {
    auth: limiter('issuer-sign-in', settings.auth),
    attempts: limiter('issuer-attempts', settings.attempts),
    webAttemptStarts: limiter('issuer-web-attempt-starts', settings.webAttemptStarts),
    oid4vciToken: limiter('issuer-oid4vci-token', settings.oid4vciToken),
    oid4vciNonce: limiter('issuer-oid4vci-nonce', settings.oid4vciNonce),
    oid4vciCredential: limiter('issuer-oid4vci-credential', settings.oid4vciCredential),
  };
}

// A SQLite connection says whether its owner closed it; a pool's owner stops the signer first.
const isOpen = (db: IssuerDatabase): boolean => ('kysely' in db ? true : db.open);

const quietLog: IssuerLog = {
  info() {},
  error(message, fields) {
    console.error(JSON.stringify({ ...fields, level: 'error', message }));
  },
};

/**
 * Builds an issuer on one database: runs migrations, opens the key store, creates the issuer's
 * did:key on first start (the same DID on every later start with the same secret), signs any
 * credential a crash left pending, and wires the stores, the signer, the domain context and
 * the HTTP app together.
 *
 * @throws TypeError when `config.url` is not an absolute http(s) URL.
 * @throws SkillproofError `KEY_SECRET_INVALID` when `keySecret` does not open the stored keys;
 * `CONFIGURATION_INVALID` when no catalogue is given and a file of the default one is bad.
 * @example
 * ```ts
 * const { app, identifier } = await createIssuer({ db: openDatabase(':memory:'), keySecret,
 *   config: { name: 'Skillproof Academy', url: 'http://localhost:4100' } });
 * ```
 */
export async function createIssuer(options: CreateIssuerOptions): Promise<CreateIssuerResult> {
  const baseUrl = issuerBaseUrl(options.config.url);
  // @openid4vc refuses http URLs in metadata and offers unless told otherwise, process-wide: an
  // issuer on http (development, loopback tests) needs them, and one on https is unaffected.
  if (baseUrl.startsWith('http://')) setGlobalConfig({ allowInsecureUrls: true });
  const now = options.now ?? (() => new Date());
  const database = issuerDatabase(options.db);
  // Every scope at once (the issuer's, its web offers', the rate limits', the key store's): a
  // no-op when the admin `migrate` command ran first.
  await migrateIssuerDatabase(database);
  const transparencyLog =
    options.transparencyLog === false ? undefined : await createDatabaseTransparencyLog(database);
  const logOptions = options.transparencyLog === false ? {} : (options.transparencyLog ?? {});
  const store = await createIssuerStore(database, {
    now,
    ...(transparencyLog ? { transparencyLog } : {}),
  });
  const statusLists = createStatusListStore(database, transparencyLog ? { transparencyLog } : {});
  const agent = await createSkillproofAgent({
    db: database,
    keySecret: options.keySecret,
    ...(options.scryptLogN === undefined ? {} : { scryptLogN: options.scryptLogN }),
  });
  const web = options.config.didMethod === 'web' ? didWebOfUrl(baseUrl, 'ISSUER_URL') : undefined;
  const ensure = () =>
    web ? ensureWebIdentifier(agent, web.did) : ensureIdentifier(agent, 'issuer');
  // Instances starting together on one database may both make a DID: the alias is unique, so
  // one insert loses, and that instance takes the one that won.
  const identifier = await ensure().catch((error: unknown) => {
    if (!isUniqueViolation(error)) throw error;
    return ensure();
  });
  const signer = createAgentCredentialSigner(agent, identifier);
  const puzzleSecret = options.puzzleSecret ?? derivePuzzleSecret(options.keySecret);
  const puzzleSecretBytes =
    typeof puzzleSecret === 'string' ? Buffer.from(puzzleSecret, 'utf8') : puzzleSecret;
  const catalog = options.catalog ?? loadDefaultCatalog();
  let transparency: IssuerTransparency | undefined;
  if (transparencyLog) {
    // The log key is the issuer's own key (its DID document names it: did:key's one key, a
    // did:web's assertionMethod keys), its note key name the log's origin. A did:web key
    // rotation signs the next checkpoints with the new key; the old one stays listed.
    const current = identifier.did.startsWith('did:web:')
      ? () => agent.didManagerGet({ did: identifier.did })
      : () => Promise.resolve(identifier);
    const key: LogSigningKey = {
      publicKey: async () => Buffer.from(activeKeyOf(await current()).publicKeyHex, 'hex'),
      sign: async (data) => signBytesWithAgent(agent, await current(), data),
    };
    const origin = logOrigin(baseUrl);
    const at = now().toISOString();
    const definitionLeaves = await transparencyLog.logBadgeDefinitions(
      badgeDefinitionVersions(catalog, baseUrl, puzzleSecretBytes, at),
      at,
    );
    transparency = {
      log: transparencyLog,
      origin,
      key,
      definitionLeaves,
      checkpoints: createCheckpointSigner({
        log: transparencyLog,
        origin,
        key,
        now,
        ...(logOptions.checkpointIntervalMs ? { intervalMs: logOptions.checkpointIntervalMs } : {}),
        ...(logOptions.checkpointBatchEntries === undefined
          ? {}
          : { batchEntries: logOptions.checkpointBatchEntries }),
        ...(options.log ? { events: options.log } : {}),
        witnesses: (logOptions.witnesses ?? []).map((endpoint) =>
          createWitnessClient(endpoint, {
            consistencyProof: (from, to) => transparencyLog.consistencyProof(from, to),
            onRefused: (reason) =>
              options.log?.error('a witness did not cosign the checkpoint', {
                witness: endpoint.key.name,
                reason,
              }),
          }),
        ),
        isOpen: () => isOpen(options.db),
      }),
    };
  }
  const context: IssuerContext = {
    store,
    statusLists,
    statusListPublisher: createStatusListPublisher({ statusLists, signer, baseUrl, now }),
    signer,
    catalog,
    puzzleSecret: puzzleSecretBytes,
    profile: issuerProfile(identifier.did, { name: options.config.name, url: baseUrl }),
    ...(web
      ? {
          didDocument: {
            path: web.documentPath,
            read: async () => didWebDocument(await agent.didManagerGet({ did: web.did })),
          },
        }
      : {}),
    baseUrl,
    domain: new URL(baseUrl).origin,
    now,
    log: options.log ?? quietLog,
    ...(options.config.offerTtlSeconds === undefined
      ? {}
      : { offerTtlSeconds: options.config.offerTtlSeconds }),
    ...(transparency ? { transparency } : {}),
  };
  // A crash between reserving a credential and signing it left it pending: sign it now.
  await completePendingCredentials(context);
  if (transparency) {
    await transparency.checkpoints.signNow();
    if (logOptions.checkpointIntervalMs !== 0) transparency.checkpoints.start();
  }
  const rateLimiters = createIssuerRateLimiters({
    db: database,
    limits: options.rateLimits,
    now,
  });
  const publicUrl = new URL(baseUrl);
  const pages: IssuerWebContext = {
    issuer: context,
    render: createViewRenderer(issuerViewsDirectory),
    basePath: publicUrl.pathname.replace(/\/+$/, ''),
    origin: publicUrl.origin,
    secure: publicUrl.protocol === 'https:',
    csrfKey: deriveWebCsrfKey(context.puzzleSecret),
    attemptLimiter: rateLimiters.attempts,
    attemptStartLimiter: rateLimiters.webAttemptStarts,
    offers: {
      offers: await createWebOfferStore(database),
      createOffer: (offer) => createCredentialOffer(context, offer),
      txCode: options.config.offerTxCode ?? false,
      now,
    },
  };
  const app = createIssuerApp({
    context,
    rateLimiters,
    adminToken: options.config.adminToken,
    pages: webRouter(pages),
    sendErrorPage: (_req, res, error, status) => sendErrorPage(pages, res, error, status),
    secure: pages.secure,
    readiness: () => checkIssuerReadiness(database),
  });
  return { app, context, identifier, store, statusLists, agent };
}
