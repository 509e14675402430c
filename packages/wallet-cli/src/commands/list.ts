import { paint, renderTable } from '../terminal/output.js';
import { WalletStore, type StoredCredential } from '../wallet/wallet-store.js';
import { printResult, type CommandContext } from './command-context.js';

function statusOf(credential: StoredCredential, now: Date): 'valid' | 'expired' {
  return credential.expiresAt && Date.parse(credential.expiresAt) <= now.getTime()
    ? 'expired'
    : 'valid';
}

/** `skillproof list`: the badges in the wallet. */
export async function listCommand(context: CommandContext) {
  const store = WalletStore.open(context.home);
  try {
    const now = context.now();
    const badges = store.listCredentials().map((entry) => ({
      id: entry.id,
      badge: entry.achievementName,
      achievementId: entry.achievementId,
      issuer: entry.issuerName ?? entry.issuerDid,
      issuerDid: entry.issuerDid,
      issued: entry.issuedAt,
      expires: entry.expiresAt,
      status: statusOf(entry, now),
    }));
    printResult(context, { credentials: badges }, () =>
      badges.length === 0
        ? 'No badges yet. See what you can earn with: skillproof tasks'
        : renderTable(
            context.output,
            ['BADGE', 'ISSUER', 'ISSUED', 'EXPIRES', 'STATUS', 'ID'],
            badges.map((badge) => [
              badge.badge ?? '(unnamed)',
              badge.issuer,
              badge.issued?.slice(0, 10) ?? '',
              badge.expires?.slice(0, 10) ?? 'never',
              paint(context.output, badge.status === 'valid' ? 'green' : 'red', badge.status),
              badge.id,
            ]),
          ),
    );
    return badges;
  } finally {
    store.close();
  }
}
