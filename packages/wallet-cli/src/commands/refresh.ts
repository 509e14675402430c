import { jsonOption, type CommandDeclaration } from './command-declaration.js';

/** `skillproof refresh`. */
export const refreshDeclaration: CommandDeclaration = {
  name: 'refresh',
  description: 're-check every badge (signature, expiry, revocation, suspension) and record it',
  options: [jsonOption],
  examples: ['skillproof refresh', 'skillproof refresh --json'],
  run: async (context) => (await import('./refresh-action.js')).refreshCommand(context),
};
