import { jsonOption, type CommandDeclaration } from './command-declaration.js';

/** `skillproof issuers add <url>`. */
export const issuersAddDeclaration: CommandDeclaration<[url: string]> = {
  name: 'add',
  description: 'add an issuer by its address (reads its public profile)',
  arguments: [{ name: '<url>', description: 'the issuer address, e.g. http://localhost:4100' }],
  options: [jsonOption],
  examples: ['skillproof issuers add http://localhost:4100'],
  run: async (context, [url]) =>
    (await import('./issuers-action.js')).issuersAddCommand(context, url),
};

/** `skillproof issuers list`. */
export const issuersListDeclaration: CommandDeclaration = {
  name: 'list',
  description: 'list the issuers you added',
  options: [jsonOption],
  examples: ['skillproof issuers list --json'],
  run: async (context) => (await import('./issuers-action.js')).issuersListCommand(context),
};

/** `skillproof issuers`: groups `add` and `list`. */
export const issuersDeclaration: CommandDeclaration = {
  name: 'issuers',
  description: 'the issuers your wallet knows',
  examples: ['skillproof issuers add http://localhost:4100', 'skillproof issuers list'],
  subcommands: [issuersAddDeclaration, issuersListDeclaration],
};
