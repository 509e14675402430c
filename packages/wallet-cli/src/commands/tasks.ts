import type { TasksOptions } from './tasks-action.js';
import { issuerOption, jsonOption, type CommandDeclaration } from './command-declaration.js';

/** `skillproof tasks`. */
export const tasksDeclaration: CommandDeclaration<[], TasksOptions> = {
  name: 'tasks',
  description: 'list the badges issuers offer and their micro-tests',
  options: [issuerOption, jsonOption],
  examples: ['skillproof tasks', 'skillproof tasks --issuer http://localhost:4100 --json'],
  run: async (context, _args, options) =>
    (await import('./tasks-action.js')).tasksCommand(context, options),
};
