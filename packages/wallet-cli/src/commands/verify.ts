import { exitCodes } from '../usage-error.js';
import type { VerifyOptions } from './verify-action.js';
import { jsonOption, type CommandDeclaration } from './command-declaration.js';

/** `skillproof verify <file>`. */
export const verifyDeclaration: CommandDeclaration<[file: string], VerifyOptions> = {
  name: 'verify',
  description: 'verify a credential or presentation (JWT or JSON) and show every check',
  arguments: [
    { name: '<file>', description: 'a file holding a JWT or JSON, or - for standard input' },
  ],
  options: [
    {
      flags: '--trust <did>',
      description: 'an issuer DID to trust (repeatable); without it, trust is not evaluated',
      repeatable: true,
    },
    { flags: '--challenge <nonce>', description: 'the nonce a presentation must carry' },
    { flags: '--domain <domain>', description: 'the audience a presentation must name' },
    jsonOption,
  ],
  examples: [
    'skillproof verify badge.jwt --trust did:key:z6Mk…',
    'cat presentation.jwt | skillproof verify - --challenge <nonce> --domain https://jobs.example',
  ],
  exitCodes: [
    { code: exitCodes.ok, meaning: 'verified' },
    { code: exitCodes.notValid, meaning: 'not verified (the failed checks are printed)' },
    {
      code: exitCodes.statusUnknown,
      meaning: 'not verified only because a status list could not be fetched; try again later',
    },
  ],
  run: async (context, [file], options) =>
    (await import('./verify-action.js')).verifyCommand(context, file, options),
};
