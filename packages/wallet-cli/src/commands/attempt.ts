import type { AttemptOptions } from './attempt-action.js';
import { issuerOption, jsonOption, type CommandDeclaration } from './command-declaration.js';

/** `skillproof attempt <badge>`. */
export const attemptDeclaration: CommandDeclaration<[badge: string], AttemptOptions> = {
  name: 'attempt',
  description: 'take the micro-test for a badge; on a pass the badge is verified and stored',
  arguments: [{ name: '<badge>', description: 'badge id from `skillproof tasks`' }],
  options: [
    issuerOption,
    {
      flags: '--answers <file>',
      description: 'answers from a JSON file {"<task id>": "<answer>"} instead of prompts',
    },
    {
      flags: '--input-dir <dir>',
      description: 'write each puzzle input to <dir>/<badge>-<task>.txt',
    },
    jsonOption,
  ],
  examples: [
    'skillproof attempt git-basics',
    'skillproof attempt python-problems-1 --input-dir ./inputs',
    'skillproof attempt git-basics --answers answers.json --json',
  ],
  run: async (context, [badge], options) =>
    (await import('./attempt-action.js')).attemptCommand(context, badge, options),
};
