import { jsonOption, type CommandDeclaration } from './command-declaration.js';

/** `skillproof init`. */
export const initDeclaration: CommandDeclaration = {
  name: 'init',
  description: 'create your wallet: a did:key and its key, encrypted with your passphrase',
  options: [jsonOption],
  examples: ['skillproof init', 'SKILLPROOF_PASSPHRASE=… skillproof init --json'],
  run: async (context) => (await import('./init-action.js')).initCommand(context),
};
