import { exitCodes } from '../usage-error.js';
import type { RenewOptions } from './renew-action.js';
import { issuerOption, jsonOption, type CommandDeclaration } from './command-declaration.js';

/** `skillproof renew <badge>`. */
export const renewDeclaration: CommandDeclaration<[badge: string], RenewOptions> = {
  name: 'renew',
  description:
    'take the short renewal test of a badge you hold before it lapses; on a pass the renewed badge is verified and stored (the earlier one stays valid until its end)',
  arguments: [{ name: '<badge>', description: 'badge id from `skillproof tasks` or `progress`' }],
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
      description: 'the format of the renewed badge: jwt_vc_json (default), ldp_vc or vc+jwt',
    },
    jsonOption,
  ],
  examples: [
    'skillproof renew git-basics',
    'skillproof renew git-basics --format ldp_vc',
    'skillproof renew git-basics --answers answers.json --json',
  ],
  exitCodes: [
    { code: exitCodes.ok, meaning: 'graded: renewed (stored) or not passed' },
    {
      code: exitCodes.failure,
      meaning:
        'refused: not held, not due yet, lapsed (earn it again with `skillproof attempt`), or a badge that never lapses; or the issuer was unreachable',
    },
    { code: exitCodes.usage, meaning: 'usage mistake, before any test is started' },
  ],
  run: async (context, [badge], options) =>
    (await import('./renew-action.js')).renewCommand(context, badge, options),
};
