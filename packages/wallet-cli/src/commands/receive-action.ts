import { SkillproofError } from '@skillproof/core';
import {
  redeemCredentialOffer,
  resolveCredentialOffer,
  type OfferedConfiguration,
  type ResolvedOffer,
} from '../net/credential-offer-client.js';
import { paint, printable, withProgress } from '../terminal/output.js';
import { UsageError } from '../usage-error.js';
import { credentialFormats } from '../wallet/credential-summary.js';
import { WalletStore } from '../wallet/wallet-store.js';
import { note, printResult, type CommandContext } from './command-context.js';
import { readFormatOption } from './read-format-option.js';
import { readInputText } from './read-input-text.js';
import { storeVerifiedCredentials, type ReceivedCredential } from './store-verified-credentials.js';
import { unlockLearnerKey } from './unlock-learner-key.js';

/** Options of `skillproof receive`. */
export interface ReceiveOptions {
  /** The transaction code the issuer gave out of band (OpenID4VCI 1.0 §4.1.1 `tx_code`). */
  txCode?: string;
  /** The `credential_configuration_id` to take. */
  configuration?: string;
  /** Take the first offered configuration in this format. */
  format?: string;
}

/** What `receive` did. */
export interface ReceiveResult {
  credentialIssuer: string;
  issuerName: string | null;
  /** Every configuration the offer offered, and whether the wallet can hold it. */
  offered: OfferedConfiguration[];
  configuration: string;
  credentials: ReceivedCredential[];
}

/** An offer link is one line; anything this long is something else. */
const maxLinkBytes = 64 * 1024;

async function offerLinkFrom(context: CommandContext, argument: string): Promise<string> {
  if (argument !== '-') return argument.trim();
  const text = await readInputText(context, '-', { what: 'an offer link', maxBytes: maxLinkBytes });
  const link = text.split(/\r?\n/).find((line) => line.trim() !== '');
  if (link === undefined) throw new UsageError('standard input holds no offer link');
  return link.trim();
}

/** The configuration to take: `--configuration`, else the first in `--format`, else the first the wallet holds. */
function chooseConfiguration(
  resolved: ResolvedOffer,
  options: ReceiveOptions,
): OfferedConfiguration {
  const offered = resolved.configurations;
  const list = offered.map((entry) => `${entry.id} (${entry.format})`).join(', ');
  if (options.configuration !== undefined) {
    const chosen = offered.find((entry) => entry.id === options.configuration);
    if (!chosen) {
      throw new UsageError(
        `the offer has no configuration ${printable(options.configuration)}; it offers ${printable(list)}`,
      );
    }
    if (!chosen.receivable) {
      throw new SkillproofError(
        'VALIDATION_FAILED',
        `${printable(chosen.id)} is a ${printable(chosen.format)} credential, which the wallet does not hold (it holds ${credentialFormats.join(', ')}); nothing was requested`,
      );
    }
    return chosen;
  }
  const candidates = offered.filter(
    (entry) =>
      entry.receivable && (options.format === undefined || entry.format === options.format),
  );
  const [first] = candidates;
  if (!first) {
    const wanted = options.format ?? credentialFormats.join(', ');
    throw new SkillproofError(
      'VALIDATION_FAILED',
      `the offer has no credential in ${wanted}; it offers ${printable(list) || 'nothing'}; nothing was requested`,
    );
  }
  return first;
}

/** The transaction code: `--tx-code`, else asked on a terminal, else a usage error. */
async function transactionCode(
  context: CommandContext,
  resolved: ResolvedOffer,
  options: ReceiveOptions,
  linkFromStdin: boolean,
): Promise<string | undefined> {
  const request = resolved.txCode;
  if (!request) {
    if (options.txCode !== undefined) {
      note(context, 'The offer asks for no transaction code; --tx-code is not sent.');
    }
    return undefined;
  }
  const about = request.description ? ` (${printable(request.description)})` : '';
  let code = options.txCode;
  if (code === undefined) {
    if (!context.output.interactive || linkFromStdin) {
      throw new UsageError(
        `the offer asks for a transaction code${about}; give it with --tx-code <code>. Nothing was requested`,
      );
    }
    context.output.stderr(`The issuer asks for the transaction code it gave you${about}.\n`);
    code = (await context.prompter.askSecret('Transaction code: ')).trim();
  }
  // The offer can be redeemed once: a code that can't be right is refused before it is spent.
  if (request.inputMode === 'numeric' && !/^\d+$/.test(code)) {
    throw new UsageError('the transaction code is digits only; nothing was requested');
  }
  if (request.length !== null && code.length !== request.length) {
    throw new UsageError(
      `the transaction code has ${request.length} characters, not ${code.length}; nothing was requested`,
    );
  }
  return code;
}

function describe(context: CommandContext, result: ReceiveResult): string {
  return result.credentials
    .map((credential) =>
      [
        `${paint(context.output, 'green', '✔')} received ${paint(context.output, 'bold', printable(credential.name ?? '(unnamed)'))}, verified and stored`,
        `  issuer:      ${printable(result.issuerName ?? result.credentialIssuer)} (${printable(credential.issuerDid)})`,
        `  format:      ${credential.format}`,
        `  valid from:  ${printable(credential.validFrom ?? '(not given)')}`,
        `  valid until: ${printable(credential.validUntil ?? 'no end')}`,
        `  id:          ${printable(credential.id)} (see it with: skillproof show ${printable(credential.id)})`,
      ].join('\n'),
    )
    .join('\n');
}

/**
 * `skillproof receive <offer | ->`: receives a credential offered through OpenID4VCI 1.0 (the
 * pre-authorized code flow). Resolves the offer and its issuer's metadata through the hardened
 * fetch, lists what is offered and picks a configuration, asks for the transaction code if the
 * offer needs one, unlocks the key (before the one-time code is spent), redeems the offer with a
 * key proof for the learner's DID, verifies every credential with the verifier (signature,
 * dates, status lists on the credential issuer's host only) and checks that it is issued to the
 * learner's DID; only then stores it, with its format, and registers its issuer.
 *
 * @throws SkillproofError `VALIDATION_FAILED` for an offer the wallet refuses, `UPSTREAM_FAILED`
 * when the issuer refuses or can't be reached (its OAuth error in plain words),
 * `CREDENTIAL_REJECTED` when a credential does not verify or is not the learner's (nothing is
 * stored then).
 * @throws UsageError for an option that does not fit, or a transaction code needed and no
 * terminal to ask for it.
 * @example
 * ```ts
 * const { credentials } = await receiveCommand(context, offerLink, { txCode: '493817' });
 * ```
 */
export async function receiveCommand(
  context: CommandContext,
  offerArgument: string,
  options: ReceiveOptions,
): Promise<ReceiveResult> {
  if (options.configuration !== undefined && options.format !== undefined) {
    throw new UsageError('give --configuration or --format, not both');
  }
  readFormatOption(options.format);
  const link = await offerLinkFrom(context, offerArgument);
  const store = WalletStore.open(context.home);
  const resolved = await withProgress(context.output, 'reading the offer and its issuer', () =>
    resolveCredentialOffer(context.fetch, link),
  );
  const issuerLabel = resolved.issuerName
    ? `${printable(resolved.issuerName)} (${printable(resolved.credentialIssuer)})`
    : printable(resolved.credentialIssuer);
  const chosen = chooseConfiguration(resolved, options);
  note(
    context,
    [
      `Offer from ${issuerLabel}:`,
      ...resolved.configurations.map(
        (entry) =>
          `  ${entry.id === chosen.id ? paint(context.output, 'green', '→') : ' '} ${printable(entry.name ?? entry.id)} [${printable(entry.id)}, ${printable(entry.format)}]${entry.receivable ? '' : paint(context.output, 'dim', ' (not a format the wallet holds)')}`,
      ),
    ].join('\n'),
  );
  const txCode = await transactionCode(context, resolved, options, offerArgument === '-');
  const key = await unlockLearnerKey(context);

  const received = await withProgress(
    context.output,
    `receiving ${printable(chosen.name ?? chosen.id)} from ${printable(resolved.credentialIssuer)}`,
    () =>
      redeemCredentialOffer(context.fetch, resolved, {
        key,
        configurationId: chosen.id,
        ...(txCode === undefined ? {} : { txCode }),
        now: context.now(),
      }),
  );
  const credentials = await storeVerifiedCredentials(context, store, received.credentials, {
    did: key.did,
    issuer: {
      url: resolved.credentialIssuer,
      name: resolved.issuerName ?? new URL(resolved.credentialIssuer).host,
    },
    transparencyReceipt: received.transparencyReceipt,
  });
  for (const credential of credentials) {
    if (credential.format !== chosen.format) {
      // Kept as what it is: the verifier read its format from the credential itself.
      note(
        context,
        `Note: the issuer sent a ${credential.format} credential for a ${printable(chosen.format)} configuration.`,
      );
    }
  }
  const result: ReceiveResult = {
    credentialIssuer: resolved.credentialIssuer,
    issuerName: resolved.issuerName,
    offered: resolved.configurations,
    configuration: chosen.id,
    credentials,
  };
  printResult(context, result, () => describe(context, result));
  return result;
}
