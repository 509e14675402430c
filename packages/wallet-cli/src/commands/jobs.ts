import { jsonOption, type CommandDeclaration } from './command-declaration.js';

/** `skillproof jobs <board-url>`. */
export const jobsDeclaration: CommandDeclaration<[boardUrl: string]> = {
  name: 'jobs',
  description: "list a job board's postings and mark those you qualify for (checked locally)",
  arguments: [
    { name: '<board-url>', description: 'the job board address, e.g. http://localhost:4300' },
  ],
  options: [jsonOption],
  examples: ['skillproof jobs http://localhost:4300'],
  run: async (context, [boardUrl]) =>
    (await import('./jobs-action.js')).jobsCommand(context, boardUrl),
};
