import { isJsonObject, type W3cCredential } from '@skillproof/core';
import type { VerifyCredentialResult } from '@skillproof/verifier';
import { paint, printable, withProgress } from '../terminal/output.js';
import { exitCodes, ExitError } from '../usage-error.js';
import {
  checkStoredCredential,
  statusFromVerification,
} from '../wallet/check-stored-credential.js';
import { credentialOfJwt } from '../wallet/credential-summary.js';
import { WalletStore, type CredentialStatusRecord } from '../wallet/wallet-store.js';
import { printResult, type CommandContext } from './command-context.js';
import { paintStatus } from './list-action.js';

/** What `show` prints. */
export interface ShowResult {
  id: string;
  credential: W3cCredential;
  status: CredentialStatusRecord;
  verification: VerifyCredentialResult;
}

function field(value: unknown, key: string): unknown {
  return isJsonObject(value) ? value[key] : undefined;
}

function textOf(value: unknown): string | undefined {
  return typeof value === 'string' ? printable(value) : undefined;
}

function describe(context: CommandContext, result: ShowResult): string {
  const { credential, verification } = result;
  const achievement = credential.credentialSubject['achievement'];
  const issuer = credential.issuer as Record<string, unknown>;
  const lines = [
    paint(
      context.output,
      'bold',
      textOf(field(achievement, 'name')) ?? textOf(credential['name']) ?? '(unnamed badge)',
    ),
    `  id:          ${printable(result.id)}`,
    `  achievement: ${textOf(field(achievement, 'id')) ?? ''}`,
  ];
  const description = textOf(field(achievement, 'description'));
  if (description) lines.push(`  about:       ${description}`);
  const criteria = textOf(field(field(achievement, 'criteria'), 'narrative'));
  if (criteria) lines.push(`  criteria:    ${criteria}`);
  lines.push(
    `  issuer:      ${textOf(issuer['name']) ?? ''} (${textOf(issuer['id']) ?? ''})`,
    `  holder:      ${textOf(credential.credentialSubject.id) ?? ''}`,
    `  issued:      ${textOf(credential.issuanceDate) ?? ''}`,
    `  expires:     ${textOf(credential.expirationDate) ?? 'never'}`,
  );
  const results = credential.credentialSubject['result'];
  for (const entry of Array.isArray(results) ? results : []) {
    const value = textOf(field(entry, 'value'));
    if (value !== undefined) lines.push(`  result:      ${value}${/^\d+$/.test(value) ? '%' : ''}`);
  }
  const alignments = field(achievement, 'alignment');
  if (Array.isArray(alignments) && alignments.length > 0) {
    lines.push('  alignments:');
    for (const alignment of alignments) {
      lines.push(
        `    - ${textOf(field(alignment, 'targetName')) ?? ''} <${textOf(field(alignment, 'targetUrl')) ?? ''}>`,
      );
    }
  }
  const evidence = credential['evidence'];
  if (Array.isArray(evidence) && evidence.length > 0) {
    lines.push('  evidence:');
    for (const item of evidence) {
      lines.push(
        `    - ${[textOf(field(item, 'name')), textOf(field(item, 'description'))].filter(Boolean).join(': ')}`,
      );
    }
  }
  lines.push(
    `  status:      ${paintStatus(context.output, result.status.state)}${result.status.message ? ` (${printable(result.status.message)})` : ''}`,
  );
  lines.push('Verification:');
  for (const check of verification.checks) {
    lines.push(
      check.ok
        ? `  ${paint(context.output, 'green', '✔')} ${check.id}`
        : `  ${paint(context.output, 'red', '✖')} ${check.id} ${paint(context.output, 'red', check.code ?? 'FAILED')} ${printable(check.message ?? '')}`.trimEnd(),
    );
  }
  for (const warning of verification.warnings)
    lines.push(paint(context.output, 'yellow', `  warning: ${printable(warning)}`));
  lines.push(
    verification.verified
      ? paint(context.output, 'green', 'verified')
      : paint(context.output, 'red', 'NOT verified'),
  );
  return lines.join('\n');
}

/**
 * `skillproof show <id>`: one badge in full (achievement, criteria, alignments, result,
 * evidence) and every verification check run now, status lists included; the status found is
 * recorded.
 *
 * @throws ExitError after printing, with exit code 3 when the badge does not verify (revoked,
 * suspended, expired, invalid) and 4 when its status could not be checked.
 * @example
 * ```ts
 * const { verification } = await showCommand(context, 'git-basics');
 * ```
 */
export async function showCommand(context: CommandContext, reference: string): Promise<ShowResult> {
  const store = WalletStore.open(context.home);
  const entry = store.findCredential(reference);
  const verification = await withProgress(
    context.output,
    'verifying, with the issuer’s status lists',
    () => checkStoredCredential(store, entry, { now: context.now }),
  );
  const status = statusFromVerification(verification, context.now());
  store.saveStatuses(new Map([[entry.id, status]]));
  const result: ShowResult = {
    id: entry.id,
    credential: verification.credential ?? credentialOfJwt(entry.jwt),
    status,
    verification,
  };
  printResult(context, result, () => describe(context, result));
  // What the wallet now records decides: a revocation stays one when its list is unreachable.
  const recorded = store.findCredential(entry.id).status?.state ?? status.state;
  if (!verification.verified) {
    throw new ExitError(recorded === 'unknown' ? exitCodes.statusUnknown : exitCodes.notValid);
  }
  return result;
}
