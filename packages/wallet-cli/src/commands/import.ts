import { jsonOption, type CommandDeclaration } from './command-declaration.js';

/** `skillproof import <file>`. */
export const importDeclaration: CommandDeclaration<[file: string]> = {
  name: 'import',
  description: 'restore a backup into a new wallet (SKILLPROOF_HOME must hold no wallet)',
  arguments: [{ name: '<file>', description: 'a backup made by `skillproof export`' }],
  options: [jsonOption],
  examples: ['SKILLPROOF_HOME=~/.skillproof-restored skillproof import ~/skillproof-backup.json'],
  run: async (context, [file]) => (await import('./import-action.js')).importCommand(context, file),
};
