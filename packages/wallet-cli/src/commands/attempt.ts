import { exitCodes } from '../usage-error.js';
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
    {
      flags: '--format <format>',
      description:
        'the format to be awarded the badge in: jwt_vc_json (default), ldp_vc or vc+jwt; one its catalogue lists (`skillproof tasks --json`)',
    },
    jsonOption,
  ],
  examples: [
    'skillproof attempt git-basics',
    'skillproof attempt python-problems-1 --input-dir ./inputs',
    'skillproof attempt git-basics --format ldp_vc',
    'skillproof attempt git-basics --answers answers.json --format vc+jwt --json',
  ],
  exitCodes: [
    {
      code: exitCodes.ok,
      meaning: 'graded: passed (the badge verified and stored) or not passed',
    },
    {
      code: exitCodes.failure,
      meaning:
        'the issuer refused or was unreachable, or the badge it sent did not verify (nothing stored)',
    },
    {
      code: exitCodes.usage,
      meaning:
        'usage mistake, before any attempt is started: an answers file that can’t be read, or a --format the badge is not awarded in',
    },
  ],
  run: async (context, [badge], options) =>
    (await import('./attempt-action.js')).attemptCommand(context, badge, options),
};
