export { createCli, ExitError, exitCodes, usageErrorFrom, UsageError } from './cli.js';
export type { CommandContext } from './commands/command-context.js';
export { initCommand, type InitResult } from './commands/init-action.js';
export { didCommand } from './commands/did-action.js';
export { issuersAddCommand, issuersListCommand } from './commands/issuers-action.js';
export { tasksCommand, type TasksOptions } from './commands/tasks-action.js';
export {
  attemptCommand,
  type AttemptOptions,
  type AttemptResult,
} from './commands/attempt-action.js';
export { renewCommand, type RenewOptions } from './commands/renew-action.js';
export {
  receiveCommand,
  type ReceiveOptions,
  type ReceiveResult,
} from './commands/receive-action.js';
export type { ReceivedCredential } from './commands/store-verified-credentials.js';
export {
  practiceCommand,
  type PracticeDueResult,
  type PracticeOptions,
  type PracticeResult,
  type PracticedItem,
} from './commands/practice-action.js';
export type { PracticeDueSummary } from './wallet/due-practice-items.js';
export type {
  PracticeCard,
  PracticeData,
  PracticeRating,
  PracticeReview,
  StoredPracticeDeck,
} from './wallet/practice-data.js';
export { practiceRetention, practiceStreaks } from './wallet/practice-stats.js';
export { lapsingBadges, type LapsingBadge } from './wallet/lapsing-badges.js';
export { progressCommand } from './commands/progress-action.js';
export { listCommand, type ListedBadge } from './commands/list-action.js';
export { showCommand, type ShowOptions, type ShowResult } from './commands/show-action.js';
export {
  monitorCommand,
  type LogChanges,
  type MonitoredTree,
  type MonitorMisbehaviour,
  type MonitorResult,
} from './commands/monitor-action.js';
export type { ReceiptCheck } from './transparency/check-transparency-receipt.js';
export type { TransparencyReceipt } from './transparency/transparency-receipt.js';
export { keptCheckpointsPath, type KeptCheckpoint } from './transparency/kept-checkpoints.js';
export { verifyCommand, type VerifyOptions } from './commands/verify-action.js';
export { refreshCommand, type RefreshedBadge } from './commands/refresh-action.js';
export { exportCommand, type ExportResult } from './commands/export-action.js';
export { importCommand, type ImportResult } from './commands/import-action.js';
export { jobsCommand, type PostingMatch } from './commands/jobs-action.js';
export {
  presentCommand,
  type PresentOptions,
  type PresentResult,
  type PresentedCredential,
} from './commands/present-action.js';
export { applyCommand, type ApplyOptions, type ApplyResult } from './commands/apply-action.js';
export { applicationsCommand } from './commands/applications-action.js';
export { claimCommand, type ClaimOptions, type CollectResult } from './commands/claim-action.js';
export {
  readTaskClaims,
  saveTaskClaim,
  taskClaimsPath,
  type StoredTaskClaim,
} from './wallet/task-claim-store.js';
export {
  parsePostingUrl,
  type ApplicationDecision,
  type PublicPosting,
} from './net/jobboard-client.js';
export type { Catalog, CatalogBadge, PublicTask } from './net/issuer-client.js';
export { createTerminalPrompter, type Prompter } from './terminal/prompt.js';
export type { Output } from './terminal/output.js';
export type { CredentialFormat, HeldCredentialForm } from './wallet/credential-summary.js';
export type { OfferedConfiguration } from './net/credential-offer-client.js';
export {
  WalletStore,
  type StoredCredential,
  type StoredApplication,
  type RegisteredIssuer,
  type WalletData,
} from './wallet/wallet-store.js';
export { LearnerKey } from './wallet/learner-key.js';
export { unlockKeystore } from './wallet/keystore.js';
export { defaultScryptLogN } from '@skillproof/core';
export { walletPaths, resolveWalletHome } from './wallet/wallet-home.js';
export {
  paymentsAddressCommand,
  paymentsInitCommand,
  paymentsRestoreCommand,
  type PaymentAddressResult,
  type PaymentSeedResult,
} from './commands/payments-action.js';
export {
  checkMnemonic,
  coinTypeOf,
  derivePaymentAddress,
  generateMnemonic,
  maxAddressIndex,
  paymentAccountKeys,
  paymentNetworkParameters,
  paymentNetworks,
  readPaymentNetwork,
  type PaymentNetwork,
} from './wallet/payment-keys.js';
export {
  hasPaymentSeed,
  openPaymentSeed,
  paymentSeedPath,
  readPaymentSeed,
  takeNextPaymentIndex,
  writePaymentSeed,
  type PaymentSeedFile,
} from './wallet/payment-seed-store.js';
export {
  startWitness,
  witnessAddLogCommand,
  witnessInitCommand,
  type RunningWitness,
  type WitnessAddLogResult,
  type WitnessInitResult,
} from './commands/witness-action.js';
