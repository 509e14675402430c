import { exitCodes } from '../usage-error.js';
import type { TasksOptions } from './tasks-action.js';
import { issuerOption, jsonOption, type CommandDeclaration } from './command-declaration.js';

/** `skillproof tasks`. */
export const tasksDeclaration: CommandDeclaration<[], TasksOptions> = {
  name: 'tasks',
  description: 'list the badges issuers offer and their micro-tests',
  options: [issuerOption, jsonOption],
  examples: ['skillproof tasks', 'skillproof tasks --issuer http://localhost:4100 --json'],
  exitCodes: [
    {
      code: exitCodes.statusUnknown,
      meaning: 'an issuer could not be reached: the others are listed; try again later',
    },
  ],
  run: async (context, _args, options) =>
    (await import('./tasks-action.js')).tasksCommand(context, options),
};
