import type { ClaimOptions } from './claim-action.js';
import { jsonOption, type CommandDeclaration } from './command-declaration.js';

/** `skillproof claim <posting-url>`. */
export const claimDeclaration: CommandDeclaration<[postingUrl: string], ClaimOptions> = {
  name: 'claim',
  description:
    "claim a posting's paid task with your qualified application, to be paid in bitcoin; --collect its completion credential once paid",
  arguments: [
    {
      name: '<posting-url>',
      description: 'the posting address, e.g. http://localhost:4300/postings/<id>',
    },
  ],
  options: [
    {
      flags: '--address <address>',
      description: "be paid to this address (of the task's network)",
    },
    { flags: '--index <n>', description: 'be paid to your payment address at this index' },
    {
      flags: '--collect',
      description: 'fetch, verify and store the completion credential of your paid claim',
    },
    jsonOption,
  ],
  examples: [
    'skillproof claim http://localhost:4300/postings/3f2c…',
    'skillproof claim http://localhost:4300/postings/3f2c… --collect --json',
  ],
  run: async (context, [postingUrl], options) =>
    (await import('./claim-action.js')).claimCommand(context, postingUrl, options),
};
