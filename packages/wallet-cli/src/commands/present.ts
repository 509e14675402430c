import { exitCodes } from '../usage-error.js';
import type { PresentOptions } from './present-action.js';
import { jsonOption, type CommandDeclaration } from './command-declaration.js';

/** `skillproof present <request>`. */
export const presentDeclaration: CommandDeclaration<[request: string], PresentOptions> = {
  name: 'present',
  description:
    'answer an OpenID4VP presentation request: shows who asks for which badges and claims, and asks first',
  arguments: [
    {
      name: '<request>',
      description:
        'the request link (openid4vp://?client_id=…&request_uri=…), or - for standard input',
    },
  ],
  options: [
    {
      flags: '-y, --yes',
      description:
        'share without asking, only when every required credential is matched (else add --allow-partial)',
    },
    {
      flags: '--allow-partial',
      description: 'with --yes: send even when a required credential is not matched',
    },
    {
      flags: '--allow-unsigned',
      description:
        'development only: accept an unsigned request (client id prefix redirect_uri:) whose response_uri is its client id',
    },
    jsonOption,
  ],
  examples: [
    "skillproof present 'openid4vp://?client_id=decentralized_identifier%3Adid%3Akey%3Az6Mk…&request_uri=https%3A%2F%2Fboard.example%2Foid4vp%2Frequests%2F42'",
    'pbpaste | skillproof present - --yes --json',
  ],
  exitCodes: [
    {
      code: exitCodes.ok,
      meaning: 'presented: the verifier accepted the answer (its decision is printed)',
    },
    {
      code: exitCodes.failure,
      meaning:
        'nothing sent: the request was refused (unsigned, bad signature, expired, another client id), nothing matched, you declined, or --yes refused a partial match; or the verifier refused the answer',
    },
  ],
  run: async (context, [request], options) =>
    (await import('./present-action.js')).presentCommand(context, request, options),
};
