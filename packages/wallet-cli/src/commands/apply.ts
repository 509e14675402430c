import type { ApplyOptions } from './apply-action.js';
import { jsonOption, type CommandDeclaration } from './command-declaration.js';

/** `skillproof apply <posting-url>`. */
export const applyDeclaration: CommandDeclaration<[postingUrl: string], ApplyOptions> = {
  name: 'apply',
  description: 'apply to a job posting: shows which badges will be shared and asks first',
  arguments: [
    {
      name: '<posting-url>',
      description: 'the posting address, e.g. http://localhost:4300/postings/<id>',
    },
  ],
  options: [
    { flags: '-y, --yes', description: 'share the chosen badges without asking' },
    jsonOption,
  ],
  examples: [
    'skillproof apply http://localhost:4300/postings/3f2c…',
    'skillproof apply http://localhost:4300/postings/3f2c… --yes --json',
  ],
  run: async (context, [postingUrl], options) =>
    (await import('./apply-action.js')).applyCommand(context, postingUrl, options),
};
