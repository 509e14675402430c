import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { isJsonObject, SkillproofError, type W3cCredential } from '@skillproof/core';
import type { VerifyCredentialResult } from '@skillproof/verifier';
import { paint, printable, withProgress } from '../terminal/output.js';
import {
  checkTransparencyReceipt,
  type ReceiptCheck,
} from '../transparency/check-transparency-receipt.js';
import { exitCodes, ExitError, UsageError } from '../usage-error.js';
import {
  checkStoredCredential,
  statusFromVerification,
} from '../wallet/check-stored-credential.js';
import {
  readHeldCredential,
  type CredentialFormat,
  type HeldCredentialForm,
} from '../wallet/credential-summary.js';
import { WalletStore, type CredentialStatusRecord } from '../wallet/wallet-store.js';
import { writeFileAtomic } from '../wallet/write-file-atomic.js';
import { printResult, type CommandContext } from './command-context.js';
import { paintStatus } from './list-action.js';

/** Options of `skillproof show`. */
export interface ShowOptions {
  /**
   * Write the badge to this file (mode 0600), for `skillproof verify`: its compact JWT, or the
   * JSON document of an `ldp_vc` badge.
   */
  out?: string;
  /** Replace `out` when it exists. */
  force?: boolean;
}

/** What `show` prints. */
export interface ShowResult {
  id: string;
  credential: W3cCredential;
  status: CredentialStatusRecord;
  verification: VerifyCredentialResult;
  /** How the badge is secured: `jwt_vc_json`, `vc+jwt` or `ldp_vc`. */
  format: CredentialFormat;
  /** Whether the badge is in its issuer's transparency log, from its receipt (issue 17). */
  transparency: ReceiptCheck;
  /** The file the badge was written to (`--out`), absolute. */
  file?: string;
}

/**
 * Where `--out` may write: an absolute path in an existing folder, and no file there unless
 * `force`. Checked before anything is verified, so a mistake costs nothing.
 *
 * @throws UsageError naming the file or folder.
 */
function outputFile(options: ShowOptions): string | undefined {
  if (options.out === undefined) return undefined;
  const file = resolve(options.out);
  if (!existsSync(dirname(file))) throw new UsageError(`no folder ${dirname(file)}`);
  if (existsSync(file) && !options.force) {
    throw new UsageError(`${file} exists; give a new file name, or add --force to replace it`);
  }
  return file;
}

/**
 * Writes the badge (its JWT, or its JSON document), mode 0600; without `force` never over a
 * file (even one made meanwhile).
 */
function writeCredential(file: string, credential: HeldCredentialForm, force: boolean): void {
  const text = typeof credential === 'string' ? credential : JSON.stringify(credential, null, 2);
  try {
    writeFileAtomic(file, `${text}\n`, { exclusive: !force });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
      throw new SkillproofError('CONFLICT', `${file} appeared meanwhile; it was left as it is`);
    }
    throw error;
  }
}

function field(value: unknown, key: string): unknown {
  return isJsonObject(value) ? value[key] : undefined;
}

function textOf(value: unknown): string | undefined {
  return typeof value === 'string' ? printable(value) : undefined;
}

function describeReceipt(context: CommandContext, check: ReceiptCheck): string {
  switch (check.state) {
    case 'logged':
      return `${paint(context.output, 'green', 'logged')} (entry ${check.leafIndex}, in the issuer's signed tree of ${check.checkpointSize})`;
    case 'pending':
      return `${paint(context.output, 'yellow', 'pending')} (entry ${check.leafIndex}; no signed checkpoint covers it yet, try again shortly)`;
    case 'not-logged':
      return 'not logged (the issuer sent no receipt)';
    case 'invalid':
      return `${paint(context.output, 'red', 'receipt INVALID')}: ${printable(check.message ?? '')}`;
    case 'unchecked':
      return `${paint(context.output, 'yellow', 'not checked')}: ${printable(check.message ?? '')}`;
  }
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
    `  format:      ${result.format}`,
    `  issued:      ${textOf(credential.issuanceDate) ?? textOf(credential['validFrom']) ?? ''}`,
    `  expires:     ${textOf(credential.expirationDate) ?? textOf(credential['validUntil']) ?? 'never'}`,
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
  lines.push(`  log:         ${describeReceipt(context, result.transparency)}`);
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
  if (result.file !== undefined) {
    lines.push(
      `${paint(context.output, 'green', '✔')} its ${result.format === 'ldp_vc' ? 'JSON' : 'JWT'} is written to ${result.file} (mode 0600); anyone can check it with: skillproof verify ${result.file}`,
    );
  }
  return lines.join('\n');
}

/**
 * `skillproof show <id> [--out FILE [--force]]`: one badge in full (achievement, criteria,
 * alignments, result, evidence) and every verification check run now, status lists included;
 * the status found is recorded, and whether it is in its issuer's transparency log (its stored
 * receipt checked, completed from the log when no checkpoint covered it yet). With `--out`, the badge's compact JWT (or an `ldp_vc` badge's
 * JSON) is written to FILE (0600) for `skillproof verify`, whatever the checks found: it is the holder's to hand on.
 *
 * @throws ExitError after printing, with exit code 3 when the badge does not verify (revoked,
 * suspended, expired, invalid) or its log receipt is invalid, and 4 when its status could not be checked.
 * @throws UsageError when FILE exists (without `force`) or its folder does not.
 * @example
 * ```ts
 * const { verification } = await showCommand(context, 'git-basics', { out: 'badge.jwt' });
 * ```
 */
export async function showCommand(
  context: CommandContext,
  reference: string,
  options: ShowOptions = {},
): Promise<ShowResult> {
  const file = outputFile(options);
  const store = WalletStore.open(context.home);
  const entry = store.findCredential(reference);
  const verification = await withProgress(
    context.output,
    'verifying, with the issuer’s status lists',
    () => checkStoredCredential(store, entry, { now: context.now }),
  );
  const status = statusFromVerification(verification, context.now());
  store.saveStatuses(new Map([[entry.id, status]]));
  const logged = await withProgress(context.output, 'checking its transparency-log receipt', () =>
    checkTransparencyReceipt(entry, { fetch: context.fetch, now: context.now }),
  );
  if (logged.receipt) store.saveReceipt(entry.id, logged.receipt);
  if (file !== undefined) writeCredential(file, entry.credential, options.force === true);
  const result: ShowResult = {
    id: entry.id,
    credential: verification.credential ?? readHeldCredential(entry.format, entry.credential),
    status,
    format: entry.format,
    verification,
    transparency: logged.check,
    ...(file === undefined ? {} : { file }),
  };
  printResult(context, result, () => describe(context, result));
  // What the wallet now records decides: a revocation stays one when its list is unreachable.
  const recorded = store.findCredential(entry.id).status?.state ?? status.state;
  if (!verification.verified) {
    throw new ExitError(recorded === 'unknown' ? exitCodes.statusUnknown : exitCodes.notValid);
  }
  // A receipt that proves nothing is as bad as a signature that does not verify.
  if (logged.check.state === 'invalid') throw new ExitError(exitCodes.notValid);
  return result;
}
