import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isJsonObject, SkillproofError } from '@skillproof/core';
import { walletPaths } from './wallet-home.js';
import { withWalletLock } from './wallet-lock.js';
import { writeFileAtomic } from './write-file-atomic.js';

/** A paid task this wallet claimed: where, which claim, and the address given. */
export interface StoredTaskClaim {
  postingUrl: string;
  postingTitle: string;
  claimId: string;
  address: string;
  network: string;
  rewardSats: number;
  claimedAt: string;
  /** The wallet id of the completion credential, once collected. */
  credentialId?: string;
}

/** Where the wallet keeps its task claims: `claims.json`, beside `wallet.json`. */
export function taskClaimsPath(home: string): string {
  return join(home, 'claims.json');
}

/**
 * Whether `value` is a list of claims as `claims.json` holds them (a backup's too).
 *
 * @example
 * ```ts
 * isTaskClaimList(JSON.parse(text).claims); // true
 * ```
 */
export function isTaskClaimList(value: unknown): value is StoredTaskClaim[] {
  return (
    Array.isArray(value) &&
    value.every(
      (claim) =>
        isJsonObject(claim) &&
        ['postingUrl', 'postingTitle', 'claimId', 'address', 'network', 'claimedAt'].every(
          (key) => typeof claim[key] === 'string',
        ) &&
        Number.isSafeInteger(claim['rewardSats']) &&
        (claim['credentialId'] === undefined || typeof claim['credentialId'] === 'string'),
    )
  );
}

/**
 * Writes the wallet's claims, replacing `claims.json` (restoring a backup), under the wallet lock.
 *
 * @example
 * ```ts
 * writeTaskClaims(home, backup.claims);
 * ```
 */
export function writeTaskClaims(home: string, claims: readonly StoredTaskClaim[]): void {
  withWalletLock(walletPaths(home).lock, () => {
    writeFileAtomic(taskClaimsPath(home), `${JSON.stringify({ version: 1, claims }, null, 2)}\n`);
  });
}

/**
 * The task claims this wallet made, oldest first (none when it made none).
 *
 * @throws SkillproofError `VALIDATION_FAILED` when `claims.json` is not the wallet's.
 */
export function readTaskClaims(home: string): StoredTaskClaim[] {
  const path = taskClaimsPath(home);
  if (!existsSync(path)) return [];
  const data: unknown = JSON.parse(readFileSync(path, 'utf8'));
  if (!isJsonObject(data) || data['version'] !== 1 || !Array.isArray(data['claims'])) {
    throw new SkillproofError('VALIDATION_FAILED', `${path} is not a Skillproof claims file`);
  }
  return data['claims'] as StoredTaskClaim[];
}

/**
 * Records a claim (replacing one of the same posting), under the wallet lock.
 *
 * @example
 * ```ts
 * saveTaskClaim(home, { postingUrl, postingTitle, claimId: '1', address, network, rewardSats, claimedAt });
 * ```
 */
export function saveTaskClaim(home: string, claim: StoredTaskClaim): void {
  withWalletLock(walletPaths(home).lock, () => {
    const claims = readTaskClaims(home).filter((known) => known.postingUrl !== claim.postingUrl);
    writeFileAtomic(
      taskClaimsPath(home),
      `${JSON.stringify({ version: 1, claims: [...claims, claim] }, null, 2)}\n`,
    );
  });
}
