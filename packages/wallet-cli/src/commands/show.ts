import { jsonOption, type CommandDeclaration } from './command-declaration.js';

/** `skillproof show <id>`. */
export const showDeclaration: CommandDeclaration<[id: string]> = {
  name: 'show',
  description: 'show a badge in full and verify it now, check by check',
  arguments: [
    {
      name: '<id>',
      description: 'the badge id from `skillproof list`, its last 6+ characters, or the badge slug',
    },
  ],
  options: [jsonOption],
  examples: ['skillproof show git-basics', 'skillproof show urn:uuid:6f1c… --json'],
  run: async (context, [id]) => (await import('./show-action.js')).showCommand(context, id),
};
