export { createCli, ExitError, exitCodes, usageErrorFrom, UsageError } from './cli.js';
export type { CommandContext } from './commands/command-context.js';
export { initCommand } from './commands/init.js';
export { didCommand } from './commands/did.js';
export { tasksCommand, type Catalog, type CatalogBadge } from './commands/tasks.js';
export { attemptCommand, type AttemptOptions, type AttemptResult } from './commands/attempt.js';
export { listCommand } from './commands/list.js';
export {
  applyCommand,
  parsePostingUrl,
  type ApplicationDecision,
  type ApplyOptions,
} from './commands/apply.js';
export { verifyCommand, type VerifyOptions } from './commands/verify.js';
export {
  selectCredentials,
  matchesDescriptor,
  type PresentationDefinition,
  type InputDescriptor,
} from './wallet/select-credentials.js';
export { createTerminalPrompter, type Prompter } from './terminal/prompt.js';
export type { Output } from './terminal/output.js';
export {
  WalletStore,
  type StoredCredential,
  type StoredApplication,
} from './wallet/wallet-store.js';
export { unlockWallet, type UnlockedWallet } from './wallet/open-agent.js';
