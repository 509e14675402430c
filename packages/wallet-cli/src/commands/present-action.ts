import { SkillproofError } from '@skillproof/core';
import { createDidResolver } from '@skillproof/verifier';
import { readOpenid4vpLink } from '../openid4vp/read-openid4vp-link.js';
import {
  resolveOpenid4vpRequest,
  type Openid4vpRequest,
} from '../openid4vp/resolve-openid4vp-request.js';
import {
  submitOpenid4vpResponse,
  type ApplicationOutcome,
} from '../openid4vp/submit-openid4vp-response.js';
import { paint, printable, withProgress } from '../terminal/output.js';
import { UsageError } from '../usage-error.js';
import { matchDcqlQuery, type DcqlChoice, type DcqlMatch } from '../wallet/match-dcql-query.js';
import type { LearnerKey } from '../wallet/learner-key.js';
import { signPresentation } from '../wallet/sign-presentation.js';
import { currentStatus } from '../wallet/usable-credentials.js';
import { WalletStore } from '../wallet/wallet-store.js';
import { note, printResult, type CommandContext } from './command-context.js';
import { renderDecision } from './render-decision.js';
import { readInputText } from './read-input-text.js';
import { unlockLearnerKey } from './unlock-learner-key.js';

/** Options of `skillproof present`. */
export interface PresentOptions {
  /** Share without asking; a partial match is then refused unless `allowPartial`. */
  yes?: boolean;
  /** With `yes`: send even when a required credential query or set is not matched. */
  allowPartial?: boolean;
  /** Accept an unsigned `redirect_uri:` request (development). */
  allowUnsigned?: boolean;
}

/** One credential presented. */
export interface PresentedCredential {
  queryId: string;
  id: string;
  name: string | null;
  issuer: string;
  format: string;
  claims: string[];
}

/** What `present` did. */
export interface PresentResult {
  clientId: string;
  /** What the verifier calls itself: its own words, not verified. */
  clientName: string | null;
  responseUri: string;
  shared: PresentedCredential[];
  /** Whether every required credential was matched. */
  complete: boolean;
  status: number;
  redirectUri: string | null;
  /** Our job board's decision, when the verifier is one. */
  application: ApplicationOutcome | null;
}

/**
 * What a caller (`apply`) adds to the consent step once the match is known: lines shown before
 * and after the summary, concerns that make the set as doubtful as a partial match (refused with
 * `yes` unless `allowPartial`, and asked as "Send anyway?"), and questions asked besides.
 */
export interface PresentReview {
  heading?: string[];
  warnings?: string[];
  concerns?: string[];
  questions?: string[];
}

/** How a caller shapes the consent step and its words. */
export interface PresentHooks {
  /** Words that start a refusal: `not presented` (default) or `not applied`. */
  outcome?: string;
  /** The question asked when nothing is in doubt (default `Share them? [y/N] `). */
  question?: string;
  /** What is asked for, in the words of "none of your badges meets a requirement of …". */
  subject?: string;
  review?: (match: DcqlMatch, request: Openid4vpRequest) => PresentReview;
}

/** A request link is one line; anything this long is something else. */
const maxLinkBytes = 64 * 1024;

async function requestLinkFrom(context: CommandContext, argument: string): Promise<string> {
  if (argument !== '-') return argument.trim();
  const text = await readInputText(context, '-', {
    what: 'a presentation request link',
    maxBytes: maxLinkBytes,
  });
  const link = text.split(/\r?\n/).find((line) => line.trim() !== '');
  if (link === undefined) throw new UsageError('standard input holds no request link');
  return link.trim();
}

function presented(choice: DcqlChoice): PresentedCredential {
  const { credential } = choice;
  return {
    queryId: choice.queryId,
    id: credential.id,
    name: credential.name,
    issuer: credential.issuerName ?? credential.issuerDid,
    format: credential.format,
    claims: choice.claims,
  };
}

function summaryOf(
  context: CommandContext,
  request: Openid4vpRequest,
  match: DcqlMatch,
  review: PresentReview,
): string {
  const warn = (text: string) => paint(context.output, 'yellow', text);
  const bullet = (text: string) => `  ${warn('•')} ${text}`;
  const calledItself =
    request.clientName === null
      ? ''
      : ` (calls itself "${printable(request.clientName)}"; unverified text)`;
  const signed =
    request.prefix === 'decentralized_identifier'
      ? 'signed by that DID'
      : warn('UNSIGNED: anyone could have made this request (--allow-unsigned)');
  return [
    ...(review.heading ?? []),
    `${paint(context.output, 'bold', 'Presentation request')} from ${printable(request.clientId)}${calledItself}, ${signed}`,
    `The answer goes to ${new URL(request.responseUri).host}${request.encryption ? ', encrypted to its key' : ''}.`,
    'These badges will be shared, and nothing else:',
    ...match.chosen.map(
      (choice) =>
        `  ${paint(context.output, 'green', '•')} ${printable(choice.credential.name ?? '(unnamed)')} from ${printable(choice.credential.issuerName ?? choice.credential.issuerDid)}${choice.credential.score === null ? '' : `, score ${choice.credential.score}%`}, ${choice.credential.format} (${printable(choice.credential.id)}) for ${printable(choice.queryId)}${choice.claims.length > 0 ? `; asked for: ${choice.claims.map(printable).join(', ')}` : ''}`,
    ),
    ...(match.unmet.length > 0
      ? [
          warn('They leave required credentials unmatched:'),
          ...match.unmet.map((unmet) => bullet(printable(unmet))),
        ]
      : []),
    ...(review.warnings ?? []),
  ].join('\n');
}

/** Asks (or, with `yes`, checks) before anything is signed or sent. */
async function confirm(
  context: CommandContext,
  summary: string,
  match: DcqlMatch,
  review: PresentReview,
  options: PresentOptions & { linkFromStdin: boolean; outcome: string; question: string },
): Promise<void> {
  const concerns = [
    ...(match.satisfied
      ? []
      : [
          `your badges leave required credentials unmatched (${match.unmet.map(printable).join('; ')})`,
        ]),
    ...(review.concerns ?? []),
  ];
  if (options.yes) {
    note(context, summary);
    if (concerns.length > 0 && !options.allowPartial) {
      throw new SkillproofError(
        'VALIDATION_FAILED',
        `${options.outcome}: ${concerns.join(', and ')}; nothing was sent. Add --allow-partial to send anyway`,
      );
    }
    return;
  }
  if (options.linkFromStdin) {
    throw new UsageError(
      'the request link came on standard input, so there is no way to ask you; add --yes to share. Nothing was sent',
    );
  }
  // With --json too the summary goes to stderr, so stdout stays the JSON result.
  context.output.stderr(`${summary}\n`);
  const questions = [
    ...(concerns.length > 0 ? ['Send anyway? [y/N] '] : []),
    ...(review.questions ?? []),
  ];
  for (const question of questions.length > 0 ? questions : [options.question]) {
    const answer = await context.prompter.ask(question);
    if (!/^y(es)?$/i.test(answer.trim())) {
      throw new SkillproofError('VALIDATION_FAILED', `${options.outcome}: you declined to share`);
    }
  }
}

/**
 * One presentation per chosen credential, bound to the request: `nonce` and, as audience, the
 * full client id, its prefix included (OpenID4VP 1.0 Appendix B.1.3.1 and B.1.3.2). A JWT VP
 * for a `jwt_vc_json` badge; a Data Integrity presentation (`authentication` proof, `challenge`,
 * `domain`) for an `ldp_vc` badge, whose JSON-LD code is loaded only then.
 */
async function signVpToken(
  key: LearnerKey,
  chosen: readonly DcqlChoice[],
  request: Openid4vpRequest,
  now: Date,
): Promise<Record<string, Array<string | Record<string, unknown>>>> {
  const vpToken: Record<string, Array<string | Record<string, unknown>>> = {};
  const binding = { challenge: request.nonce, domain: request.clientId, now };
  for (const { queryId, credential } of chosen) {
    let presentation: string | Record<string, unknown>;
    if (typeof credential.credential === 'string') {
      presentation = signPresentation(key, { ...binding, credentials: [credential.credential] });
    } else {
      const { signDataIntegrityPresentation } =
        await import('../wallet/sign-data-integrity-presentation.js');
      presentation = await signDataIntegrityPresentation(key, {
        ...binding,
        credentials: [credential.credential],
      });
    }
    (vpToken[queryId] ??= []).push(presentation);
  }
  return vpToken;
}

/**
 * `skillproof present <link>` as a function over a link already read, for `apply` to share:
 * fetches and checks the request ({@link resolveOpenid4vpRequest}), matches its DCQL query
 * against the wallet ({@link matchDcqlQuery}), shows what would be shared and to whom, asks,
 * signs one presentation per credential ({@link signVpToken}), and posts `vp_token` and `state` to the `response_uri`.
 *
 * @throws SkillproofError `VALIDATION_FAILED` when the request is refused, the learner
 * declines or `yes` meets a partial match; `NOT_FOUND` when nothing matches. Nothing is sent
 * in either case.
 * @example
 * ```ts
 * const result = await presentLink(context, 'openid4vp://?client_id=…&request_uri=…', { yes: true });
 * ```
 */
export async function presentLink(
  context: CommandContext,
  link: string,
  options: PresentOptions & { linkFromStdin?: boolean },
  hooks: PresentHooks = {},
): Promise<PresentResult> {
  const parsed = readOpenid4vpLink(link);
  const now = context.now();
  const request = await withProgress(context.output, 'fetching and checking the request', () =>
    resolveOpenid4vpRequest(parsed, {
      fetch: context.fetch,
      // A verifier on this machine (its request fetched over http, which only loopback may use)
      // may publish its did:web over http too; any other did:web is https only.
      dids: createDidResolver({
        now: context.now,
        allowHttpLoopback: parsed.requestUri?.startsWith('http:') ?? false,
      }),
      now,
      ...(options.allowUnsigned ? { allowUnsigned: true } : {}),
    }),
  );
  const store = WalletStore.open(context.home);
  const usable = store.credentials.filter((entry) =>
    ['valid', 'unchecked', 'unknown'].includes(currentStatus(entry, now)),
  );
  const match = matchDcqlQuery(request.dcqlQuery, usable);
  if (match.chosen.length === 0) {
    // OpenID4VP 1.0 defines no format a DCQL query could ask vc+jwt badges by.
    const envelopedOnly = usable.some((entry) => entry.format === 'vc+jwt')
      ? ' (badges held as vc+jwt cannot be asked for by OpenID4VP 1.0: earn or receive them as jwt_vc_json or ldp_vc)'
      : '';
    throw new SkillproofError(
      'NOT_FOUND',
      `none of your badges meets a requirement of ${hooks.subject ?? `the request of ${printable(request.clientId)}`}${envelopedOnly}; nothing was sent. See \`skillproof tasks\` to earn one`,
    );
  }
  const review = hooks.review?.(match, request) ?? {};
  const summary = summaryOf(context, request, match, review);
  await confirm(context, summary, match, review, {
    ...options,
    linkFromStdin: options.linkFromStdin ?? false,
    outcome: hooks.outcome ?? 'not presented',
    question: hooks.question ?? 'Share them? [y/N] ',
  });

  const key = await unlockLearnerKey(context);
  const answer = await withProgress(
    context.output,
    'signing and sending the presentation',
    async () =>
      await submitOpenid4vpResponse(context.fetch, {
        responseUri: request.responseUri,
        vpToken: await signVpToken(key, match.chosen, request, context.now()),
        state: request.state,
        encryption: request.encryption,
        nonce: request.nonce,
      }),
  );
  return {
    clientId: request.clientId,
    clientName: request.clientName,
    responseUri: request.responseUri,
    shared: match.chosen.map(presented),
    complete: match.satisfied,
    ...answer,
  };
}

/**
 * The verifier's answer for people: our job board's decision as a table, else the status and
 * where the verifier sends the learner next.
 *
 * @example
 * ```ts
 * context.output.stdout(`${describeAnswer(context, result)}\n`);
 * ```
 */
export function describeAnswer(context: CommandContext, result: PresentResult): string {
  const { application } = result;
  if (application === null) {
    return [
      paint(
        context.output,
        'green',
        `✔ presented to ${printable(result.clientId)} (HTTP ${result.status})`,
      ),
      ...(result.redirectUri === null ? [] : [`Continue at ${printable(result.redirectUri)}`]),
    ].join('\n');
  }
  return [
    ...renderDecision(context.output, application),
    ...(result.redirectUri === null ? [] : [`Continue at ${printable(result.redirectUri)}`]),
  ].join('\n');
}

/**
 * `skillproof present <link | ->`: answers an OpenID4VP 1.0 presentation request
 * ({@link presentLink}) and prints the verifier's answer.
 *
 * @example
 * ```ts
 * await presentCommand(context, 'openid4vp://?client_id=…&request_uri=…', { yes: true });
 * ```
 */
export async function presentCommand(
  context: CommandContext,
  argument: string,
  options: PresentOptions,
): Promise<PresentResult> {
  const link = await requestLinkFrom(context, argument);
  const result = await presentLink(context, link, { ...options, linkFromStdin: argument === '-' });
  printResult(context, result, () => describeAnswer(context, result));
  return result;
}
