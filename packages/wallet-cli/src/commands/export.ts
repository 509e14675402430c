import { jsonOption, type CommandDeclaration } from './command-declaration.js';

/** `skillproof export --out <file>`. */
export const exportDeclaration: CommandDeclaration<[], { out: string }> = {
  name: 'export',
  description: 'write an encrypted backup of your key and badges (never replaces a file)',
  options: [
    { flags: '--out <file>', description: 'the backup file to create', required: true },
    jsonOption,
  ],
  examples: ['skillproof export --out ~/skillproof-backup.json'],
  run: async (context, _args, options) =>
    (await import('./export-action.js')).exportCommand(context, options),
};
