import { exitCodes } from '../usage-error.js';
import type { ApplyOptions } from './apply-action.js';
import { jsonOption, type CommandDeclaration } from './command-declaration.js';

/** `skillproof apply <posting-url>`. */
export const applyDeclaration: CommandDeclaration<[postingUrl: string], ApplyOptions> = {
  name: 'apply',
  description:
    'apply to a job posting: shows which badges will be shared, what they leave unmet, and asks first',
  arguments: [
    {
      name: '<posting-url>',
      description: 'the posting address, e.g. http://localhost:4300/postings/<id>',
    },
  ],
  options: [
    {
      flags: '-y, --yes',
      description:
        'share the chosen badges without asking (a partial set, or a badge of unknown status, only with --allow-partial)',
    },
    {
      flags: '--allow-partial',
      description:
        "with --yes: send even when requirements are left unmet or a badge's status is not known to be valid",
    },
    jsonOption,
  ],
  examples: [
    'skillproof apply http://localhost:4300/postings/3f2c…',
    'skillproof apply http://localhost:4300/postings/3f2c… --yes --json',
  ],
  exitCodes: [
    { code: exitCodes.ok, meaning: 'applied: the decision is printed (qualified or not)' },
    {
      code: exitCodes.failure,
      meaning:
        'not applied, nothing sent (declined, no badge fits, or --yes refused a partial set)',
    },
    {
      code: exitCodes.statusUnknown,
      meaning:
        'not applied: the board could not reach an issuer to check your badges and recorded nothing; try again after the time given',
    },
  ],
  run: async (context, [postingUrl], options) =>
    (await import('./apply-action.js')).applyCommand(context, postingUrl, options),
};
