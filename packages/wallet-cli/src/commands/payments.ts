import { jsonOption, type CommandDeclaration } from './command-declaration.js';

const networkOption = {
  flags: '--network <name>',
  description: 'testnet (default), signet, regtest, or mainnet (real money: only when you mean it)',
};

/** `skillproof payments init`. */
export const paymentsInitDeclaration: CommandDeclaration<
  [],
  { words?: string; network?: string; json?: boolean }
> = {
  name: 'init',
  description: 'make a bitcoin payment seed (BIP-39), shown once, sealed under your passphrase',
  options: [
    { flags: '--words <count>', description: 'recovery phrase length: 12 or 24 (default 24)' },
    networkOption,
    jsonOption,
  ],
  examples: ['skillproof payments init', 'skillproof payments init --words 12 --network signet'],
  run: async (context, _args, options) =>
    (await import('./payments-action.js')).paymentsInitCommand(context, options),
};

/** `skillproof payments restore`. */
export const paymentsRestoreDeclaration: CommandDeclaration<
  [],
  { force?: boolean; network?: string; json?: boolean }
> = {
  name: 'restore',
  description: 'restore the payment seed from its recovery words (asked, or read from stdin)',
  options: [
    { flags: '--force', description: 'replace the payment seed this wallet has' },
    networkOption,
    jsonOption,
  ],
  examples: ['skillproof payments restore', 'skillproof payments restore < words.txt'],
  run: async (context, _args, options) =>
    (await import('./payments-action.js')).paymentsRestoreCommand(context, options),
};

/** `skillproof payments address`. */
export const paymentsAddressDeclaration: CommandDeclaration<
  [],
  { index?: string; network?: string; json?: boolean; qr?: boolean }
> = {
  name: 'address',
  description: 'a receiving address (BIP-84 native segwit) to give with a task claim',
  options: [
    {
      flags: '--index <n>',
      description: 'the address at this index (default: the next unused one, which moves on)',
    },
    { flags: '--qr', description: 'also draw it as a QR code (bitcoin:<address>) to scan' },
    networkOption,
    jsonOption,
  ],
  examples: [
    'skillproof payments address',
    'skillproof payments address --qr',
    'skillproof payments address --index 0 --json',
  ],
  run: async (context, _args, options) =>
    (await import('./payments-action.js')).paymentsAddressCommand(context, options),
};

/** `skillproof payments`: groups `init`, `restore` and `address`. */
export const paymentsDeclaration: CommandDeclaration = {
  name: 'payments',
  description: 'your bitcoin payment seed and receiving addresses, for paid tasks',
  examples: ['skillproof payments init', 'skillproof payments address'],
  subcommands: [paymentsInitDeclaration, paymentsRestoreDeclaration, paymentsAddressDeclaration],
};
