import { issuerOption, jsonOption, type CommandDeclaration } from './command-declaration.js';

/** `skillproof progress`. */
export const progressDeclaration: CommandDeclaration<[], { issuer?: string }> = {
  name: 'progress',
  description: 'your attempts, best scores and next tries at each issuer',
  options: [issuerOption, jsonOption],
  examples: ['skillproof progress'],
  run: async (context, _args, options) =>
    (await import('./progress-action.js')).progressCommand(context, options),
};
