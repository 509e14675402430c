import {
  credentialFromJwtPayload,
  isJsonObject,
  isSkillproofError,
  type W3cCredential,
} from '@skillproof/core';
import {
  credentialStanding,
  credentialSubjectsOf,
  isPresentation,
  presentedCredentialsOf,
  readUnverifiedJwt,
  verifyCredential,
  verifyPresentation,
  type VerificationCheck,
  type VerificationPolicy,
  type VerifyCredentialResult,
  type VerifyPresentationResult,
} from '@skillproof/verifier';
import { exitCodes, ExitError, UsageError } from '../usage-error.js';
import { paint, printable, type Output } from '../terminal/output.js';
import { printResult, type CommandContext } from './command-context.js';
import { readInputText } from './read-input-text.js';
import { exitCodeForStandings } from './standing-exit-code.js';

/** Options of `skillproof verify`. */
export interface VerifyOptions {
  /** Issuer DIDs to trust; without any, issuer trust is reported as not evaluated. */
  trust?: string[];
  /** The nonce a presentation must carry. */
  challenge?: string;
  /** The audience a presentation must name. */
  domain?: string;
}

/**
 * The one place the command builds its verification policy: the wallet's clock, the trusted
 * issuers given with `--trust`, and a presentation's challenge and domain.
 */
function verificationPolicyFor(
  context: CommandContext,
  options: VerifyOptions,
): VerificationPolicy {
  const trust = options.trust ?? [];
  return {
    now: context.now,
    ...(trust.length > 0 ? { trustedIssuers: trust.map((did) => ({ did })) } : {}),
    ...(options.challenge === undefined ? {} : { challenge: options.challenge }),
    ...(options.domain === undefined ? {} : { domain: options.domain }),
  };
}

/**
 * A compact JWT, or JSON: Veramo's normalized credential or presentation, or a string holding a
 * JWT. Text that is neither goes to the verifier as it is, which reports it as malformed.
 */
function parseInput(text: string): unknown {
  const trimmed = text.trim();
  if (!/^[[{"]/.test(trimmed)) return trimmed;
  try {
    return JSON.parse(trimmed) as unknown;
  } catch {
    return trimmed;
  }
}

/** What the input's JWT payload claims (not verified), or undefined when there is none. */
function signedPayloadOf(input: unknown): Record<string, unknown> | undefined {
  return readUnverifiedJwt(input)?.payload;
}

function nameOf(credential: W3cCredential): string {
  const achievement = credentialSubjectsOf(credential).find((subject) =>
    isJsonObject(subject['achievement']),
  )?.['achievement'];
  if (typeof credential['name'] === 'string') return credential['name'];
  if (isJsonObject(achievement) && typeof achievement['name'] === 'string')
    return achievement['name'];
  return credential.id ?? '(unnamed)';
}

function summarize(credential: W3cCredential): string {
  const issuer = credential.issuer;
  const issuerDid = typeof issuer === 'string' ? issuer : issuer.id;
  const issuerName = typeof issuer === 'string' ? undefined : issuer['name'];
  const from = typeof issuerName === 'string' ? `${issuerName} (${issuerDid})` : issuerDid;
  const subjects = credentialSubjectsOf(credential)
    .map((subject) => subject.id)
    .filter((id) => typeof id === 'string');
  return `"${nameOf(credential)}" from ${from} to ${subjects.join(', ') || '(no subject)'}`;
}

/**
 * What the header says of a credential: its signed payload once verified; else what the payload
 * claims, marked as such; else that it could not be read.
 */
function describeCredential(result: VerifyCredentialResult, input: unknown): string {
  if (result.credential) return printable(summarize(result.credential));
  const payload = signedPayloadOf(input);
  try {
    if (payload)
      return `${printable(summarize(credentialFromJwtPayload(payload)))} (unverified claims)`;
  } catch (error) {
    if (!isSkillproofError(error)) throw error;
  }
  // A Data Integrity credential is its own JSON: what it claims can be shown, marked as such.
  if (
    isJsonObject(input) &&
    input['credentialSubject'] !== undefined &&
    (typeof input['issuer'] === 'string' || isJsonObject(input['issuer']))
  ) {
    return `${printable(summarize(input as W3cCredential))} (unverified claims)`;
  }
  return 'could not be read';
}

function renderChecks(output: Output, checks: VerificationCheck[], indent = ''): string[] {
  return checks.map((check) =>
    check.ok
      ? `${indent}${paint(output, 'green', '✔')} ${check.id}`
      : `${indent}${paint(output, 'red', '✖')} ${check.id} ${paint(output, 'red', check.code ?? 'FAILED')} ${printable(check.message ?? '')}`.trimEnd(),
  );
}

function renderVerdict(output: Output, verified: boolean, failed: number): string {
  return verified
    ? paint(output, 'green', 'verified')
    : paint(output, 'red', `NOT verified (${failed} ${failed === 1 ? 'check' : 'checks'} failed)`);
}

function renderWarnings(output: Output, warnings: string[]): string[] {
  return warnings.map((warning) => paint(output, 'yellow', `warning: ${printable(warning)}`));
}

function renderCredentialResult(
  output: Output,
  result: VerifyCredentialResult,
  input: unknown,
): string {
  return [
    `Credential ${describeCredential(result, input)}`,
    ...renderChecks(output, result.checks),
    ...renderWarnings(output, result.warnings),
    renderVerdict(output, result.verified, result.errors.length),
  ].join('\n');
}

function renderPresentationResult(
  output: Output,
  result: VerifyPresentationResult,
  input: unknown,
): string {
  const carried = presentedCredentialsOf(input);
  const count = carried.length;
  const claimed =
    signedPayloadOf(input)?.['iss'] ?? (isJsonObject(input) ? input['holder'] : undefined);
  const holder =
    result.holder ??
    `${typeof claimed === 'string' ? printable(claimed) : 'an unknown holder'} (unverified)`;
  const lines = [
    `Presentation by ${holder} with ${count} ${count === 1 ? 'credential' : 'credentials'}`,
    ...renderChecks(output, result.checks),
  ];
  for (const [index, credential] of result.credentials.entries()) {
    lines.push(
      `  Credential ${index + 1}: ${describeCredential(credential, carried[index])}`,
      ...renderChecks(output, credential.checks, '    '),
    );
  }
  if (count > 0 && result.credentials.length === 0) {
    lines.push('  (its credentials were not checked: the presentation itself failed)');
  }
  lines.push(
    ...renderWarnings(output, [
      ...result.warnings,
      ...result.credentials.flatMap((credential, index) =>
        credential.warnings.map((warning) => `credential ${index + 1}: ${warning}`),
      ),
    ]),
  );
  const failed =
    result.errors.length +
    result.credentials.reduce((sum, credential) => sum + credential.errors.length, 0);
  lines.push(renderVerdict(output, result.verified, failed));
  return lines.join('\n');
}

/**
 * 0 when verified; 4 when all that failed is the status of credentials (lists that could not be
 * fetched), so trying again may verify; else 3.
 */
function exitCodeFor(result: VerifyCredentialResult | VerifyPresentationResult): number {
  if (result.verified) return exitCodes.ok;
  if (!('credentials' in result))
    return exitCodeForStandings([credentialStanding(result).standing]);
  // A presentation's own checks that failed, besides those reporting a credential's failure.
  const own = result.errors.filter((check) => !/^credential\[\d+\]$/.test(check.id));
  const failed = result.credentials.filter((credential) => !credential.verified);
  if (own.length > 0 || failed.length === 0) return exitCodes.notValid;
  return exitCodeForStandings(failed.map((credential) => credentialStanding(credential).standing));
}

/**
 * `skillproof verify <file|->`: verifies a credential or presentation (a compact JWT or Veramo's
 * normalized JSON) offline and prints every check. Whether it is a presentation is read from the
 * signed payload (a `vp` claim).
 *
 * @throws ExitError after printing, with exit code 3 when it does not verify, or 4 when only
 * the status of its credentials could not be checked (a status list that can't be fetched).
 * @throws UsageError when the file can't be read or an option does not fit the input.
 * @example
 * ```ts
 * await verifyCommand(context, 'badge.jwt', { trust: ['did:key:z6Mk…'] });
 * ```
 */
export async function verifyCommand(
  context: CommandContext,
  source: string,
  options: VerifyOptions,
): Promise<VerifyCredentialResult | VerifyPresentationResult> {
  const notDid = (options.trust ?? []).find((did) => !did.startsWith('did:'));
  if (notDid !== undefined) {
    throw new UsageError(`--trust takes an issuer's DID (did:key:…), not "${notDid}"`);
  }
  const input = parseInput(
    await readInputText(context, source, {
      what: 'a credential or presentation',
      // Far above the verifier's own bounds (64 KiB a credential, 512 KiB a presentation).
      maxBytes: 1024 * 1024,
    }),
  );
  const policy = verificationPolicyFor(context, options);

  let result: VerifyCredentialResult | VerifyPresentationResult;
  if (isPresentation(input)) {
    const presentation = await verifyPresentation(input, policy);
    printResult(context, presentation, () =>
      renderPresentationResult(context.output, presentation, input),
    );
    result = presentation;
  } else {
    if (options.challenge !== undefined || options.domain !== undefined) {
      throw new UsageError(
        '--challenge and --domain apply to presentations only; this is a credential',
      );
    }
    const credential = await verifyCredential(input, policy);
    printResult(context, credential, () =>
      renderCredentialResult(context.output, credential, input),
    );
    result = credential;
  }
  if (!result.verified) throw new ExitError(exitCodeFor(result));
  return result;
}
