import { exitCodes } from '../usage-error.js';
import type { ShowOptions } from './show-action.js';
import { jsonOption, type CommandDeclaration } from './command-declaration.js';

/** `skillproof show <id>`. */
export const showDeclaration: CommandDeclaration<[id: string], ShowOptions> = {
  name: 'show',
  description: 'show a badge in full and verify it now, check by check, and whether it is logged',
  arguments: [
    {
      name: '<id>',
      description: 'the badge id from `skillproof list`, its last 6+ characters, or the badge slug',
    },
  ],
  options: [
    {
      flags: '--out <file>',
      description:
        'also write the badge (its JWT, or JSON for ldp_vc) to a new file, for `skillproof verify`',
    },
    { flags: '--force', description: 'with --out: replace the file if it exists' },
    jsonOption,
  ],
  examples: [
    'skillproof show git-basics',
    'skillproof show urn:uuid:6f1c… --json',
    'skillproof show git-basics --out git-basics.jwt && skillproof verify git-basics.jwt',
  ],
  exitCodes: [
    { code: exitCodes.ok, meaning: 'the badge verifies' },
    {
      code: exitCodes.notValid,
      meaning:
        'it does not verify (revoked, suspended, expired or invalid), or its transparency-log receipt is invalid',
    },
    {
      code: exitCodes.statusUnknown,
      meaning: 'its status could not be checked (the issuer is unreachable); try again later',
    },
  ],
  run: async (context, [id], options) =>
    (await import('./show-action.js')).showCommand(context, id, options),
};
