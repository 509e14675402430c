import { jsonOption, type CommandDeclaration } from './command-declaration.js';

/** `skillproof list`. */
export const listDeclaration: CommandDeclaration = {
  name: 'list',
  description: 'list the badges in your wallet: badge, issuer, issued, expires, status',
  options: [jsonOption],
  examples: ['skillproof list', 'skillproof list --json'],
  run: async (context) => (await import('./list-action.js')).listCommand(context),
};
