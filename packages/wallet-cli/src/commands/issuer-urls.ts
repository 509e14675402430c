import { readConfig } from '@skillproof/core';
import type { WalletStore } from '../wallet/wallet-store.js';
import { normalizeServiceUrl } from '../net/normalize-service-url.js';
import type { CommandContext } from './command-context.js';

/** Where `pnpm start` runs the issuer. */
export const defaultIssuerUrl = 'http://localhost:4100';

/**
 * The issuers a command talks to: `--issuer`, else `SKILLPROOF_ISSUER_URL`, else every issuer
 * the wallet knows (`skillproof issuers add`), else the local one `pnpm start` runs.
 *
 * @throws SkillproofError `VALIDATION_FAILED` when a given address is not an http(s) URL.
 * @example
 * ```ts
 * issuerUrlsFor(context, store, undefined); // ['http://localhost:4100']
 * ```
 */
export function issuerUrlsFor(
  context: CommandContext,
  store: WalletStore | undefined,
  flag: string | undefined,
): string[] {
  if (flag !== undefined) return [normalizeServiceUrl(flag)];
  const fromEnv = readConfig(context.env).text('SKILLPROOF_ISSUER_URL');
  if (fromEnv !== undefined) return [normalizeServiceUrl(fromEnv)];
  const known = store?.issuers.map((issuer) => issuer.url) ?? [];
  return known.length > 0 ? known : [defaultIssuerUrl];
}
