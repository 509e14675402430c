import { exitCodes } from '../usage-error.js';
import type { ReceiveOptions } from './receive-action.js';
import { jsonOption, type CommandDeclaration } from './command-declaration.js';

/** `skillproof receive <offer>`. */
export const receiveDeclaration: CommandDeclaration<[offer: string], ReceiveOptions> = {
  name: 'receive',
  description:
    'receive a credential from an OpenID4VCI credential offer; it is verified before it is stored',
  arguments: [
    {
      name: '<offer>',
      description:
        'the offer link (openid-credential-offer://… or an https URL), or - for standard input',
    },
  ],
  options: [
    {
      flags: '--tx-code <code>',
      description: 'the transaction code the issuer gave you (else asked on a terminal)',
    },
    {
      flags: '--configuration <id>',
      description:
        'which offered credential configuration to take (default: the first one the wallet holds)',
    },
    {
      flags: '--format <format>',
      description:
        'take the first offered credential in this format: jwt_vc_json, ldp_vc or vc+jwt',
    },
    jsonOption,
  ],
  examples: [
    "skillproof receive 'openid-credential-offer://?credential_offer_uri=https%3A%2F%2Fissuer.example%2Foffers%2F42'",
    "skillproof receive --tx-code 493817 --format ldp_vc 'https://issuer.example/offer?credential_offer_uri=…'",
    'pbpaste | skillproof receive - --tx-code 493817 --json',
  ],
  exitCodes: [
    { code: exitCodes.ok, meaning: 'received, verified and stored' },
    {
      code: exitCodes.failure,
      meaning:
        'not stored: the offer or the issuer was refused or unreachable, or the credential did not verify',
    },
    {
      code: exitCodes.usage,
      meaning:
        'usage mistake: a transaction code is needed and there is no terminal to ask for it, or an option does not fit the offer',
    },
  ],
  run: async (context, [offer], options) =>
    (await import('./receive-action.js')).receiveCommand(context, offer, options),
};
