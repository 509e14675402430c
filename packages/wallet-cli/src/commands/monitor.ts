import { exitCodes } from '../usage-error.js';
import { jsonOption, type CommandDeclaration } from './command-declaration.js';

/** `skillproof monitor <issuer-url>`. */
export const monitorDeclaration: CommandDeclaration<[issuerUrl: string]> = {
  name: 'monitor',
  description:
    "watch an issuer's transparency log: verify it only grows, and report what was issued, revoked or changed",
  arguments: [
    { name: '<issuer-url>', description: 'the issuer service, e.g. http://localhost:4100' },
  ],
  options: [jsonOption],
  examples: [
    'skillproof monitor http://localhost:4100',
    'skillproof monitor https://academy.example --json',
  ],
  exitCodes: [
    {
      code: exitCodes.ok,
      meaning: 'the log is consistent with the checkpoint kept (or seen first)',
    },
    {
      code: exitCodes.notValid,
      meaning:
        'proof of misbehaviour (both signed checkpoints printed), or a checkpoint that does not verify',
    },
    { code: exitCodes.statusUnknown, meaning: 'the issuer could not be reached; try again later' },
  ],
  run: async (context, [issuerUrl]) =>
    (await import('./monitor-action.js')).monitorCommand(context, issuerUrl),
};
