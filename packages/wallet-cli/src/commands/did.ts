import { jsonOption, type CommandDeclaration } from './command-declaration.js';

/** `skillproof did`. */
export const didDeclaration: CommandDeclaration = {
  name: 'did',
  description: 'print your DID',
  options: [jsonOption],
  examples: ['skillproof did'],
  run: async (context) => (await import('./did-action.js')).didCommand(context),
};
