import { exitCodes } from '../usage-error.js';
import { jsonOption, type CommandDeclaration } from './command-declaration.js';

/** `skillproof refresh`. */
export const refreshDeclaration: CommandDeclaration = {
  name: 'refresh',
  description: 're-check every badge (signature, expiry, revocation, suspension) and record it',
  options: [jsonOption],
  examples: ['skillproof refresh', 'skillproof refresh --json'],
  exitCodes: [
    { code: exitCodes.ok, meaning: 'every badge is valid' },
    {
      code: exitCodes.notValid,
      meaning: 'a badge is not valid: revoked, suspended, expired or invalid',
    },
    {
      code: exitCodes.statusUnknown,
      meaning: "a badge's status could not be checked (its issuer is unreachable); try again later",
    },
  ],
  run: async (context) => (await import('./refresh-action.js')).refreshCommand(context),
};
