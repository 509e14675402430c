import { jsonOption, type CommandDeclaration } from './command-declaration.js';

/** `skillproof applications`. */
export const applicationsDeclaration: CommandDeclaration = {
  name: 'applications',
  description: 'your job applications and the decisions, as recorded in your wallet',
  options: [jsonOption],
  examples: ['skillproof applications --json'],
  run: async (context) => (await import('./applications-action.js')).applicationsCommand(context),
};
