import { jsonOption, type CommandDeclaration } from './command-declaration.js';

/** `skillproof witness init`. */
export const witnessInitDeclaration: CommandDeclaration<[], { name?: string; json?: boolean }> = {
  name: 'init',
  description: 'make a transparency-log witness: a new Ed25519 key, sealed under your passphrase',
  options: [
    {
      flags: '--name <name>',
      description: 'its key name, a schema-less URL, e.g. witness.example/w1',
      required: true,
    },
    jsonOption,
  ],
  examples: ['skillproof witness init --name witness.example/w1'],
  run: async (context, _args, options) =>
    (await import('./witness-action.js')).witnessInitCommand(context, options),
};

/** `skillproof witness add-log`. */
export const witnessAddLogDeclaration: CommandDeclaration<[issuerUrl: string], { json?: boolean }> =
  {
    name: 'add-log',
    description: "follow an issuer's transparency log: its origin and log key, from its DID",
    arguments: [
      { name: '<issuer-url>', description: 'the issuer service, e.g. http://localhost:4100' },
    ],
    options: [jsonOption],
    examples: ['skillproof witness add-log https://academy.example'],
    run: async (context, [issuerUrl]) =>
      (await import('./witness-action.js')).witnessAddLogCommand(context, issuerUrl),
  };

/** `skillproof witness serve`. */
export const witnessServeDeclaration: CommandDeclaration<
  [],
  { port?: string; host?: string; json?: boolean }
> = {
  name: 'serve',
  description:
    'serve C2SP tlog-witness add-checkpoint: cosign only checkpoints consistent with the last one cosigned',
  options: [
    {
      flags: '--port <port>',
      description: 'the port to listen on (default 4400; 0: any free one)',
    },
    { flags: '--host <address>', description: 'the address to listen on (default 127.0.0.1)' },
    jsonOption,
  ],
  examples: ['skillproof witness serve', 'skillproof witness serve --port 4400 --host 0.0.0.0'],
  run: async (context, _args, options) =>
    (await import('./witness-action.js')).witnessServeCommand(context, options),
};

/** `skillproof witness`: groups `init`, `add-log` and `serve`. */
export const witnessDeclaration: CommandDeclaration = {
  name: 'witness',
  description:
    "run a transparency-log witness (C2SP tlog-witness) that co-signs issuers' checkpoints",
  examples: [
    'skillproof witness init --name witness.example/w1',
    'skillproof witness add-log http://localhost:4100',
    'skillproof witness serve',
  ],
  subcommands: [witnessInitDeclaration, witnessAddLogDeclaration, witnessServeDeclaration],
};
