import { fetchIssuerProfile } from '../net/issuer-client.js';
import { paint, printable, renderTable, withProgress } from '../terminal/output.js';
import { WalletStore, type RegisteredIssuer } from '../wallet/wallet-store.js';
import { normalizeServiceUrl } from '../net/normalize-service-url.js';
import { printResult, type CommandContext } from './command-context.js';

/**
 * `skillproof issuers add <url>`: reads the issuer's public profile (`GET /issuer`) and keeps it,
 * so `tasks` and `attempt` know where to go and `show` trusts its DID.
 *
 * @example
 * ```ts
 * await issuersAddCommand(context, 'http://localhost:4100');
 * ```
 */
export async function issuersAddCommand(
  context: CommandContext,
  url: string,
): Promise<RegisteredIssuer> {
  const issuerUrl = normalizeServiceUrl(url);
  const store = WalletStore.open(context.home);
  const profile = await withProgress(context.output, `reading ${issuerUrl}/issuer`, () =>
    fetchIssuerProfile(context.fetch, issuerUrl),
  );
  const issuer = store.saveIssuer({
    url: issuerUrl,
    did: profile.id,
    name: profile.name,
    addedAt: context.now().toISOString(),
  });
  printResult(
    context,
    issuer,
    () =>
      `${paint(context.output, 'green', '✔')} added ${printable(issuer.name)} (${issuer.did}) at ${issuer.url}\n  See its badges with: skillproof tasks`,
  );
  return issuer;
}

/**
 * `skillproof issuers list`: the issuers this wallet knows.
 *
 * @example
 * ```ts
 * const issuers = await issuersListCommand(context);
 * ```
 */
export async function issuersListCommand(context: CommandContext): Promise<RegisteredIssuer[]> {
  const issuers = [...WalletStore.open(context.home).issuers];
  printResult(context, { issuers }, () =>
    issuers.length === 0
      ? 'No issuers yet. Add one with: skillproof issuers add <url>'
      : renderTable(
          context.output,
          ['NAME', 'URL', 'DID'],
          issuers.map((issuer) => [printable(issuer.name), issuer.url, issuer.did]),
        ),
  );
  return issuers;
}
