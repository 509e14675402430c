import { randomUUID } from 'node:crypto';
import { SkillproofError } from '@skillproof/core';
import { requestJson } from '../net/request-json.js';
import { paint, renderTable, withProgress } from '../terminal/output.js';
import { unlockWallet } from '../wallet/open-agent.js';
import { selectCredentials, type PresentationDefinition } from '../wallet/select-credentials.js';
import { WalletStore } from '../wallet/wallet-store.js';
import { printResult, readPassphrase, type CommandContext } from './command-context.js';

/** Options of `skillproof apply`. */
export interface ApplyOptions {
  /** Share without asking. */
  yes?: boolean;
}

interface Posting {
  id: string;
  title: string;
  requirements: Array<{ id: string; achievementId: string; acceptedIssuers: string[] }>;
}

interface PresentationRequest {
  nonce: string;
  domain: string;
  presentation_definition: PresentationDefinition;
}

/** The job board's decision. */
export interface ApplicationDecision {
  id: string;
  qualified: boolean;
  requirements: Array<{ id: string; achievementId?: string; met: boolean; reason: string }>;
}

/** Splits `http://board/postings/<id>` (or `/api/postings/<id>`) into the board's base URL and the id. */
export function parsePostingUrl(text: string): { base: string; postingId: string } {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new SkillproofError(
      'VALIDATION_FAILED',
      `"${text}" is not a URL; give the posting's address, e.g. http://localhost:4300/postings/<id>`,
    );
  }
  const match = /^(.*?)\/(?:api\/)?postings\/([^/]+)\/?$/.exec(url.pathname);
  if (!match || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    throw new SkillproofError(
      'VALIDATION_FAILED',
      `${text} is not a posting address (…/postings/<id>)`,
    );
  }
  return { base: `${url.origin}${match[1]}`, postingId: decodeURIComponent(match[2] as string) };
}

/**
 * `skillproof apply <posting URL>`: fetches the posting's presentation request, picks matching
 * badges locally, shows exactly what will be shared and asks to confirm, then signs a
 * presentation for that request and prints the board's decision with a reason per requirement.
 */
export async function applyCommand(
  context: CommandContext,
  postingUrl: string,
  options: ApplyOptions,
): Promise<ApplicationDecision> {
  const { base, postingId } = parsePostingUrl(postingUrl);
  const api = `${base}/api/postings/${encodeURIComponent(postingId)}`;
  const store = WalletStore.open(context.home);
  try {
    const { posting, request } = await withProgress(
      context.output,
      'fetching the posting and its presentation request',
      async () => ({
        posting: await requestJson<Posting>(context.fetch, api),
        request: await requestJson<PresentationRequest>(
          context.fetch,
          `${api}/presentation-request`,
          { method: 'POST', body: {} },
        ),
      }),
    );
    const now = context.now().getTime();
    const held = store.listCredentials();
    const matches = selectCredentials(
      request.presentation_definition,
      held.map((entry) => ({
        id: entry.id,
        credential: entry.credential,
        expired: entry.expiresAt !== null && Date.parse(entry.expiresAt) <= now,
      })),
    );
    const shared = [
      ...new Set(matches.flatMap((match) => (match.credentialId ? [match.credentialId] : []))),
    ];
    if (shared.length === 0) {
      throw new SkillproofError(
        'NOT_FOUND',
        `none of your badges meets a requirement of "${posting.title}"; nothing was sent. See \`skillproof tasks\` to earn one`,
      );
    }
    if (!context.output.json) {
      context.output.stderr(
        `${paint(context.output, 'bold', `Applying to "${posting.title}"`)} at ${base}\nThese badges will be shared, and nothing else:\n` +
          matches
            .map((match) => {
              const credential = match.credentialId
                ? store.getCredential(match.credentialId)
                : undefined;
              return credential
                ? `  ${paint(context.output, 'green', '•')} ${credential.achievementName} from ${credential.issuerName ?? credential.issuerDid} (${credential.id})`
                : `  ${paint(context.output, 'yellow', '•')} nothing for ${match.descriptor.name ?? match.descriptor.id}: you hold no matching badge`;
            })
            .join('\n') +
          '\n',
      );
    }
    if (!options.yes) {
      const answer = await context.prompter.ask('Share them and apply? [y/N] ');
      if (!/^y(es)?$/i.test(answer))
        throw new SkillproofError('VALIDATION_FAILED', 'not applied: you declined to share');
    }

    const { agent, identifier } = await unlockWallet(store, await readPassphrase(context));
    const decision = await withProgress(
      context.output,
      'signing and submitting the application',
      async () => {
        const presentation = await agent.createVerifiablePresentation({
          proofFormat: 'jwt',
          challenge: request.nonce,
          domain: request.domain,
          presentation: {
            holder: identifier.did,
            verifiableCredential: shared.map(
              (id) => store.getCredential(id)?.credential.proof.jwt as string,
            ),
          },
        });
        return requestJson<ApplicationDecision>(context.fetch, `${api}/applications`, {
          body: { verifiablePresentation: presentation.proof['jwt'] },
        });
      },
    );
    store.saveApplication({
      id: decision.id ?? randomUUID(),
      postingUrl,
      postingTitle: posting.title,
      qualified: decision.qualified,
      decision,
      sharedCredentials: shared,
      appliedAt: context.now().toISOString(),
    });
    printResult(context, decision, () =>
      [
        decision.qualified
          ? paint(context.output, 'green', `✔ qualified for "${posting.title}"`)
          : paint(context.output, 'red', `✖ not qualified for "${posting.title}"`),
        renderTable(
          context.output,
          ['REQUIREMENT', 'MET', 'REASON'],
          decision.requirements.map((requirement) => [
            requirement.id,
            requirement.met
              ? paint(context.output, 'green', 'yes')
              : paint(context.output, 'red', 'no'),
            requirement.reason,
          ]),
        ),
      ].join('\n'),
    );
    return decision;
  } finally {
    store.close();
  }
}
