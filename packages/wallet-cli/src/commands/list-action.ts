import { paint, printable, renderTable, type Output } from '../terminal/output.js';
import type { CredentialFormat } from '../wallet/credential-summary.js';
import { currentStatus, type BadgeStatus } from '../wallet/usable-credentials.js';
import { WalletStore } from '../wallet/wallet-store.js';
import { printResult, type CommandContext } from './command-context.js';

/** A badge as `list` shows it. */
export interface ListedBadge {
  id: string;
  badge: string | null;
  achievementId: string | null;
  issuer: string;
  issuerDid: string;
  /** How it is secured: `jwt_vc_json`, `vc+jwt` or `ldp_vc`. */
  format: CredentialFormat;
  issued: string | null;
  expires: string | null;
  score: number | null;
  /** `expired` from the clock; else what the last check found; `unchecked` before any. */
  status: BadgeStatus;
  checkedAt: string | null;
}

/**
 * The colour a status is shown in.
 *
 * @example
 * ```ts
 * paintStatus(output, 'revoked');
 * ```
 */
export function paintStatus(output: Pick<Output, 'color'>, status: string): string {
  const style =
    status === 'valid'
      ? 'green'
      : status === 'unchecked' || status === 'unknown'
        ? 'yellow'
        : 'red';
  return paint(output, style, status);
}

/**
 * `skillproof list`: the badges in the wallet, with their status as last checked (`refresh`
 * checks again). Reads `wallet.json` only: no key, no network, no Veramo.
 *
 * @example
 * ```ts
 * const badges = await listCommand(context);
 * ```
 */
export async function listCommand(context: CommandContext): Promise<ListedBadge[]> {
  const store = WalletStore.open(context.home);
  const now = context.now();
  const badges = store.credentials.map((entry): ListedBadge => ({
    id: entry.id,
    badge: entry.name,
    achievementId: entry.achievementId,
    issuer: entry.issuerName ?? entry.issuerDid,
    issuerDid: entry.issuerDid,
    format: entry.format,
    issued: entry.issuedAt,
    expires: entry.expiresAt,
    score: entry.score,
    status: currentStatus(entry, now),
    checkedAt: entry.status?.checkedAt ?? null,
  }));
  printResult(context, { credentials: badges }, () =>
    badges.length === 0
      ? 'No badges yet. See what you can earn with: skillproof tasks'
      : renderTable(
          context.output,
          ['BADGE', 'ISSUER', 'ISSUED', 'EXPIRES', 'STATUS', 'ID'],
          badges.map((badge) => [
            printable(badge.badge ?? '(unnamed)'),
            printable(badge.issuer),
            printable(badge.issued?.slice(0, 10) ?? ''),
            printable(badge.expires?.slice(0, 10) ?? 'never'),
            paintStatus(context.output, badge.status),
            printable(badge.id),
          ]),
        ),
  );
  return badges;
}
