import { SkillproofError } from '@skillproof/core';
import QRCode from 'qrcode';
import { paint } from '../terminal/output.js';
import {
  checkMnemonic,
  coinTypeOf,
  derivePaymentAddress,
  generateMnemonic,
  readPaymentNetwork,
  type PaymentNetwork,
} from '../wallet/payment-keys.js';
import {
  hasPaymentSeed,
  readPaymentSeed,
  takeNextPaymentIndex,
  writePaymentSeed,
} from '../wallet/payment-seed-store.js';
import { WalletStore } from '../wallet/wallet-store.js';
import { UsageError } from '../usage-error.js';
import { printResult, type CommandContext } from './command-context.js';
import { readInputText } from './read-input-text.js';
import { readPassphrase } from './read-passphrase.js';
import { unlockLearnerKey } from './unlock-learner-key.js';

/** What `payments init` and `payments restore` made. */
export interface PaymentSeedResult {
  network: PaymentNetwork;
  /** The recovery words: `init` only, shown this once. */
  words?: string[];
  firstAddress: string;
}

/** A receiving address and where it comes from. */
export interface PaymentAddressResult {
  address: string;
  network: PaymentNetwork;
  index: number;
  path: string;
}

/** `--network`, or `fallback`; mainnet (real bitcoin) is said so on stderr whenever it is used. */
function networkOf(
  context: CommandContext,
  value: string | undefined,
  fallback: PaymentNetwork,
): PaymentNetwork {
  const network = value === undefined ? fallback : readPaymentNetwork(value);
  // On stderr even with --json: a script must not slip onto real money unawares.
  if (network === 'mainnet') {
    context.output.stderr(
      `${paint(context.output, 'yellow', 'mainnet: these addresses receive real bitcoin. Test networks (testnet, the default; signet; regtest) carry coins of no value.')}\n`,
    );
  }
  return network;
}

/**
 * The wallet passphrase, proven right by opening the learner key: the seed is sealed under
 * the same passphrase, so a typo must not lock it under another.
 */
async function walletPassphrase(
  context: CommandContext,
): Promise<{ did: string; passphrase: string }> {
  const { did } = WalletStore.open(context.home);
  const passphrase = await readPassphrase(context);
  await unlockLearnerKey(context, passphrase);
  return { did, passphrase };
}

/**
 * `skillproof payments init`: makes a BIP-39 recovery phrase (24 words, or 12), shows it once,
 * and seals it under the wallet passphrase in `payments.json` with the BIP-84 account keys.
 *
 * @throws SkillproofError `CONFLICT` when the wallet has a payment seed (it is never replaced
 * here); `KEY_SECRET_INVALID` for a wrong passphrase; `NOT_FOUND` without a wallet.
 * @example
 * ```ts
 * const { words } = await paymentsInitCommand(context, { words: '12' });
 * ```
 */
export async function paymentsInitCommand(
  context: CommandContext,
  options: { words?: string; network?: string } = {},
): Promise<PaymentSeedResult> {
  const count = options.words ?? '24';
  if (count !== '12' && count !== '24') throw new UsageError('--words is 12 or 24');
  const network = networkOf(context, options.network, 'testnet');
  if (hasPaymentSeed(context.home)) {
    throw new SkillproofError(
      'CONFLICT',
      'this wallet has a payment seed already; it was left untouched (to replace it: `skillproof payments restore --force`)',
    );
  }
  const { did, passphrase } = await walletPassphrase(context);
  const mnemonic = generateMnemonic(count === '12' ? 12 : 24);
  const file = await writePaymentSeed(context.home, {
    did,
    mnemonic,
    passphrase,
    network,
    now: context.now(),
    ...(context.scryptLogN === undefined ? {} : { scryptLogN: context.scryptLogN }),
  });
  const words = mnemonic.split(' ');
  const firstAddress = derivePaymentAddress(
    network === 'mainnet' ? file.accountKeys.mainnet : file.accountKeys.test,
    network,
    0,
  );
  const result = { network, words, firstAddress };
  printResult(context, result, () =>
    [
      paint(
        context.output,
        'yellow',
        'Write these words down, in order, and keep them offline. They are shown this once:',
      ),
      ...words.map((word, index) => `  ${String(index + 1).padStart(2)}. ${word}`),
      paint(
        context.output,
        'yellow',
        'Anyone with these words can spend what is paid to you; without them (and if this wallet is lost) nobody can.',
      ),
      `Payment seed sealed in ${context.home}; addresses are for ${network}. First address: ${firstAddress}`,
    ].join('\n'),
  );
  return result;
}

/**
 * `skillproof payments restore`: reads the recovery words (asked without echo at a terminal,
 * else read from stdin), checks them (word count, word list, BIP-39 checksum) and seals them
 * like `init`. Nothing is written unless they check out and the passphrase is right.
 *
 * @throws SkillproofError `VALIDATION_FAILED` for words that don't check out; `CONFLICT` when
 * a seed exists and `force` is not set.
 * @example
 * ```ts
 * await paymentsRestoreCommand(context, { force: true });
 * ```
 */
export async function paymentsRestoreCommand(
  context: CommandContext,
  options: { force?: boolean; network?: string } = {},
): Promise<PaymentSeedResult> {
  const network = networkOf(context, options.network, 'testnet');
  if (!options.force && hasPaymentSeed(context.home)) {
    throw new SkillproofError(
      'CONFLICT',
      'this wallet has a payment seed already; it was left untouched (add --force to replace it)',
    );
  }
  WalletStore.open(context.home);
  const typed = context.output.interactive
    ? await context.prompter.askSecret('Recovery words (separated by spaces): ')
    : await readInputText(context, '-', { what: 'recovery words', maxBytes: 4096 });
  const mnemonic = checkMnemonic(typed);
  const { did, passphrase } = await walletPassphrase(context);
  const file = await writePaymentSeed(context.home, {
    did,
    mnemonic,
    passphrase,
    network,
    now: context.now(),
    replace: options.force === true,
    ...(context.scryptLogN === undefined ? {} : { scryptLogN: context.scryptLogN }),
  });
  const firstAddress = derivePaymentAddress(
    network === 'mainnet' ? file.accountKeys.mainnet : file.accountKeys.test,
    network,
    0,
  );
  const result = { network, firstAddress };
  printResult(
    context,
    result,
    () => `Payment seed restored; addresses are for ${network}. First address: ${firstAddress}`,
  );
  return result;
}

/**
 * `skillproof payments address`: a BIP-84 receiving address, `m/84'/coin'/0'/0/<index>` (coin
 * 0 on mainnet, 1 on test networks), from the account key (no passphrase needed). Without
 * `--index` it is the next unused one, and the wallet moves on to the next.
 *
 * @throws SkillproofError `NOT_FOUND` without a payment seed; `VALIDATION_FAILED` for a bad
 * index or network.
 * @example
 * ```ts
 * const { address } = await paymentsAddressCommand(context, {});
 * ```
 */
export async function paymentsAddressCommand(
  context: CommandContext,
  options: { index?: string; network?: string; qr?: boolean } = {},
): Promise<PaymentAddressResult> {
  const file = readPaymentSeed(context.home);
  const network = networkOf(context, options.network, file.network);
  let index: number;
  if (options.index === undefined) {
    index = takeNextPaymentIndex(context.home, network);
  } else {
    if (!/^\d{1,10}$/.test(options.index)) {
      throw new UsageError('--index is a whole number from 0 to 2147483647');
    }
    index = Number(options.index);
  }
  const address = derivePaymentAddress(
    network === 'mainnet' ? file.accountKeys.mainnet : file.accountKeys.test,
    network,
    index,
  );
  const result = { address, network, index, path: `m/84'/${coinTypeOf(network)}'/0'/0/${index}` };
  // BIP-21: a wallet that scans `bitcoin:<address>` pays to it; drawn for a terminal.
  const qr = options.qr
    ? await QRCode.toString(`bitcoin:${address}`, { type: 'terminal', small: true })
    : '';
  printResult(context, result, () => (qr === '' ? address : `${address}\n${qr.trimEnd()}`));
  return result;
}
