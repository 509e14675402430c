import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SkillproofError } from '@skillproof/core';
import {
  credentialFormats,
  formatOfCredential,
  summarizeCredential,
  type CredentialFormat,
  type CredentialSummary,
  type HeldCredentialForm,
} from './credential-summary.js';
import {
  emptyPracticeData,
  practiceDataProblem,
  type PracticeCard,
  type PracticeData,
  type PracticeReview,
  type StoredPracticeDeck,
} from './practice-data.js';
import { restoreAdvice, walletPaths } from './wallet-home.js';
import type { TransparencyReceipt } from '../transparency/transparency-receipt.js';
import { withWalletLock } from './wallet-lock.js';
import { writeFileAtomic } from './write-file-atomic.js';

/** What the last status check found: from `refresh`, `show` or when the badge was received. */
export interface CredentialStatusRecord {
  state: 'valid' | 'revoked' | 'suspended' | 'expired' | 'invalid' | 'unknown';
  checkedAt: string;
  /** Why, when it is not valid. */
  message: string | null;
}

/** A badge in the wallet: the credential as received, its format, and what `list` shows of it. */
export interface StoredCredential extends CredentialSummary {
  format: CredentialFormat;
  /** The compact JWS (`jwt_vc_json`, `vc+jwt`) or the JSON document (`ldp_vc`). */
  credential: HeldCredentialForm;
  receivedAt: string;
  /** The issuer service it came from, when the wallet earned it itself. */
  issuerUrl: string | null;
  status: CredentialStatusRecord | null;
  /**
   * The issuer's transparency-log receipt, when it sent one (issue 17); completed by `show` once
   * a checkpoint covers the badge. Optional: files written before it stay readable as they are.
   */
  transparencyReceipt?: TransparencyReceipt;
}

/** An issuer the learner added (or earned from). */
export interface RegisteredIssuer {
  url: string;
  did: string;
  name: string;
  addedAt: string;
}

/** A job application the learner made, and the board's decision. */
export interface StoredApplication {
  id: string;
  postingUrl: string;
  postingTitle: string;
  qualified: boolean;
  requirements: Array<{ id: string; met: boolean; reason: string }>;
  sharedCredentials: string[];
  appliedAt: string;
}

/**
 * `wallet.json`: everything but the private key, which is sealed in `keys.json`. Version 3 adds
 * `practice` (practice items, their FSRS schedule and the review log); version 2 held
 * credentials of every format (`format` + `credential`); version 1 held VCDM 1.1 JWTs alone
 * (`jwt`). Earlier versions are upgraded when read ({@link upgradeWalletData}).
 */
export interface WalletData {
  format: 'skillproof-wallet';
  version: 3;
  did: string;
  createdAt: string;
  issuers: RegisteredIssuer[];
  credentials: StoredCredential[];
  applications: StoredApplication[];
  practice: PracticeData;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function everyString(value: unknown, keys: string[]): boolean {
  return isRecord(value) && keys.every((key) => typeof value[key] === 'string');
}

/** The version of `wallet.json` this wallet writes. */
export const walletDataVersion = 3;

/**
 * Wallet data of an earlier version in the current shape; anything else as it is (the shape
 * check then says what is wrong). Version 1 held each badge's VCDM 1.1 JWT as `jwt`: it
 * becomes `{format: 'jwt_vc_json', credential: jwt}`; versions 1 and 2 had no practice: it
 * starts empty. Used on `wallet.json` and on backups, so old wallets and old backups stay
 * readable; the file is rewritten at the next change.
 *
 * @example
 * ```ts
 * walletDataProblem(upgradeWalletData(JSON.parse(text)));
 * ```
 */
export function upgradeWalletData(value: unknown): unknown {
  if (!isRecord(value) || value['format'] !== 'skillproof-wallet') return value;
  let upgraded: Record<string, unknown> = value;
  if (upgraded['version'] === 1) {
    const credentials = upgraded['credentials'];
    upgraded = {
      ...upgraded,
      version: 2,
      credentials: Array.isArray(credentials)
        ? credentials.map((entry: unknown) => {
            if (!isRecord(entry) || typeof entry['jwt'] !== 'string') return entry;
            const { jwt, ...rest } = entry;
            return { ...rest, format: 'jwt_vc_json', credential: jwt };
          })
        : credentials,
    };
  }
  if (upgraded['version'] === 2) {
    upgraded = { ...upgraded, version: 3, practice: emptyPracticeData() };
  }
  return upgraded;
}

/** Whether a stored credential is in a format the wallet knows, in the form that format takes. */
function isHeldCredential(entry: unknown): boolean {
  if (!isRecord(entry)) return false;
  const format = entry['format'];
  if (!credentialFormats.includes(format as CredentialFormat)) return false;
  return format === 'ldp_vc'
    ? isRecord(entry['credential'])
    : typeof entry['credential'] === 'string';
}

/**
 * Where the wallet data differs from its shape, or undefined when it fits.
 *
 * @example
 * ```ts
 * walletDataProblem(JSON.parse(text)); // undefined when it is a wallet
 * ```
 */
export function walletDataProblem(value: unknown): string | undefined {
  if (!isRecord(value) || value['format'] !== 'skillproof-wallet') return 'not a wallet file';
  if (value['version'] !== walletDataVersion) {
    return `version ${String(value['version'])} is not known`;
  }
  if (typeof value['did'] !== 'string' || !value['did'].startsWith('did:')) return 'no did';
  for (const [list, keys] of [
    ['issuers', ['url', 'did', 'name']],
    ['credentials', ['id', 'issuerDid', 'receivedAt']],
    ['applications', ['id', 'postingUrl', 'appliedAt']],
  ] as const) {
    const entries = value[list];
    if (!Array.isArray(entries)) return `${list} is not a list`;
    const index = entries.findIndex((entry) => !everyString(entry, [...keys]));
    if (index >= 0) return `${list}[${index}] is incomplete`;
  }
  const credentials = value['credentials'] as unknown[];
  const unknown = credentials.findIndex((entry) => !isHeldCredential(entry));
  if (unknown >= 0) return `credentials[${unknown}] is of no known format`;
  return practiceDataProblem(value['practice']);
}

/**
 * The learner's wallet in `home`: `wallet.json` (public data: DID, issuers, badges,
 * applications). Reads take a snapshot; every change re-reads the file under the wallet lock,
 * applies itself, and replaces the file atomically, so concurrent commands lose nothing and a
 * crash leaves the old file or the new one. A damaged file is never written over.
 *
 * @example
 * ```ts
 * const store = WalletStore.open(home);
 * store.saveCredential(jwt, { receivedAt: new Date() });
 * ```
 */
export class WalletStore {
  private constructor(
    readonly home: string,
    private data: WalletData,
  ) {}

  /**
   * Opens the wallet in `home`.
   *
   * @throws SkillproofError `NOT_FOUND` when there is no wallet; `CONFIGURATION_INVALID` when its
   * file is damaged (the message says how to restore from a backup).
   * @example
   * ```ts
   * const store = WalletStore.open(resolveWalletHome(process.env));
   * store.credentials.length;
   * ```
   */
  static open(home: string): WalletStore {
    return new WalletStore(home, readWalletData(home));
  }

  /**
   * Writes a new wallet; never replaces one.
   *
   * @throws SkillproofError `CONFLICT` when a wallet file exists in `home` already.
   */
  static create(home: string, data: WalletData): WalletStore {
    try {
      writeFileAtomic(walletPaths(home).data, `${JSON.stringify(data)}\n`, { exclusive: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
        throw new SkillproofError('CONFLICT', `a wallet exists in ${home} already`);
      }
      throw error;
    }
    return new WalletStore(home, data);
  }

  get did(): string {
    return this.data.did;
  }

  /** The whole data, for backups. */
  get snapshot(): WalletData {
    return this.data;
  }

  get credentials(): readonly StoredCredential[] {
    return this.data.credentials;
  }

  get issuers(): readonly RegisteredIssuer[] {
    return this.data.issuers;
  }

  get applications(): readonly StoredApplication[] {
    return this.data.applications;
  }

  /** Practice decks, their schedule and the review log. */
  get practice(): Readonly<PracticeData> {
    return this.data.practice;
  }

  /**
   * Keeps a badge's practice items as fetched, replacing those of the same issuer and badge;
   * the cards of items the issuer no longer serves are dropped with them, the review log kept.
   */
  savePracticeDeck(deck: StoredPracticeDeck): void {
    const same = (entry: { issuerUrl: string; badge: string }) =>
      entry.issuerUrl === deck.issuerUrl && entry.badge === deck.badge;
    const itemIds = new Set(deck.items.map((item) => item.id));
    this.update((data) => {
      data.practice.decks = [...data.practice.decks.filter((known) => !same(known)), deck];
      data.practice.cards = data.practice.cards.filter(
        (card) => !same(card) || itemIds.has(card.item),
      );
    });
  }

  /**
   * Records a practice session in one write: each review appended to the log, each item's card
   * replaced by its rescheduled one.
   */
  savePracticeReviews(
    reviews: ReadonlyArray<{ review: PracticeReview; card: PracticeCard }>,
  ): void {
    if (reviews.length === 0) return;
    const key = (entry: { issuerUrl: string; badge: string; item: string }) =>
      `${entry.issuerUrl}\n${entry.badge}\n${entry.item}`;
    this.update((data) => {
      const cards = new Map(data.practice.cards.map((card) => [key(card), card]));
      for (const { review, card } of reviews) {
        data.practice.reviews.push(review);
        cards.set(key(card), card);
      }
      data.practice.cards = [...cards.values()];
    });
  }

  /**
   * Finds a badge by its id, the end of its id (at least 6 characters), its achievement's slug
   * or its name (any case).
   *
   * @throws SkillproofError `NOT_FOUND` when none matches; `VALIDATION_FAILED` when several do.
   */
  findCredential(reference: string): StoredCredential {
    const exact = this.data.credentials.find((entry) => entry.id === reference);
    if (exact) return exact;
    const wanted = reference.toLowerCase();
    const matches = this.data.credentials.filter(
      (entry) =>
        (wanted.length >= 6 && entry.id.toLowerCase().endsWith(wanted)) ||
        entry.achievementId?.toLowerCase().endsWith(`/${wanted}`) ||
        entry.name?.toLowerCase() === wanted,
    );
    if (matches.length === 1) return matches[0] as StoredCredential;
    if (matches.length === 0) {
      throw new SkillproofError(
        'NOT_FOUND',
        `no badge "${reference}" in your wallet; see the ids with \`skillproof list\``,
      );
    }
    throw new SkillproofError(
      'VALIDATION_FAILED',
      `"${reference}" matches ${matches.length} badges; give the full id from \`skillproof list\``,
    );
  }

  /**
   * Stores a credential once (a compact JWS, or the JSON document of an `ldp_vc`); storing it
   * again returns the stored one. Its format is `options.format`, else read from it (see
   * `formatOfCredential`). `issuer`, the issuer it was earned from, is added in the same write
   * when its URL is not known yet, so a crash can't leave a badge whose issuer the wallet does
   * not know.
   *
   * @throws SkillproofError `JWT_MALFORMED` when it can't be read as a credential.
   * @example
   * ```ts
   * store.saveCredential(vc.proof.jwt, { receivedAt: new Date(), issuerUrl });
   * store.saveCredential(document, { receivedAt: new Date(), format: 'ldp_vc' });
   * ```
   */
  saveCredential(
    credential: HeldCredentialForm,
    options: {
      receivedAt: Date;
      format?: CredentialFormat;
      issuerUrl?: string;
      status?: CredentialStatusRecord;
      issuer?: RegisteredIssuer;
      transparencyReceipt?: TransparencyReceipt;
    },
  ): StoredCredential {
    const summary = summarizeCredential(credential, options.format);
    const entry: StoredCredential = {
      ...summary,
      format: options.format ?? formatOfCredential(credential),
      credential,
      receivedAt: options.receivedAt.toISOString(),
      issuerUrl: options.issuerUrl ?? null,
      status: options.status ?? null,
      ...(options.transparencyReceipt ? { transparencyReceipt: options.transparencyReceipt } : {}),
    };
    let stored = entry;
    this.update((data) => {
      const existing = data.credentials.find((candidate) => candidate.id === entry.id);
      if (existing) {
        // A badge held already keeps its entry; a receipt it lacked is added.
        if (!existing.transparencyReceipt && entry.transparencyReceipt) {
          existing.transparencyReceipt = entry.transparencyReceipt;
        }
        stored = existing;
      } else data.credentials.push(entry);
      const { issuer } = options;
      if (issuer && !data.issuers.some((known) => known.url === issuer.url)) {
        data.issuers.push(issuer);
      }
    });
    return stored;
  }

  /**
   * Records what status checks found, by credential id. A revocation is kept when a later check
   * could not reach the status list: revocation "is not reversible" (Bitstring Status List v1.0
   * §2.1, statusPurpose), so an unreachable list can't make it `unknown`.
   */
  saveStatuses(statuses: ReadonlyMap<string, CredentialStatusRecord>): void {
    this.update((data) => {
      for (const entry of data.credentials) {
        const status = statuses.get(entry.id);
        if (!status) continue;
        if (status.state === 'unknown' && entry.status?.state === 'revoked') continue;
        entry.status = status;
      }
    });
  }

  /** Keeps a badge's transparency-log receipt (a completed one replacing the first). */
  saveReceipt(id: string, receipt: TransparencyReceipt): void {
    this.update((data) => {
      const entry = data.credentials.find((candidate) => candidate.id === id);
      if (entry) entry.transparencyReceipt = receipt;
    });
  }

  /** Adds an issuer, or refreshes the one with the same URL. */
  saveIssuer(issuer: RegisteredIssuer): RegisteredIssuer {
    let saved = issuer;
    this.update((data) => {
      const existing = data.issuers.find((candidate) => candidate.url === issuer.url);
      if (existing) {
        existing.did = issuer.did;
        existing.name = issuer.name;
        saved = existing;
      } else {
        data.issuers.push(issuer);
      }
    });
    return saved;
  }

  /**
   * Records an application: one per posting, so an earlier one to the same posting (the same
   * `postingUrl`) is replaced.
   */
  saveApplication(application: StoredApplication): void {
    this.update((data) => {
      data.applications = [
        ...data.applications.filter((earlier) => earlier.postingUrl !== application.postingUrl),
        application,
      ];
    });
  }

  private update(change: (data: WalletData) => void): void {
    const paths = walletPaths(this.home);
    withWalletLock(paths.lock, () => {
      const data = readWalletData(this.home);
      if (data.did !== this.data.did) {
        throw new SkillproofError(
          'CONFLICT',
          `the wallet in ${this.home} was replaced while this command ran; nothing was written`,
        );
      }
      change(data);
      // What a service sent could make the file unreadable next time: refuse it, write nothing.
      const problem = walletDataProblem(data);
      if (problem) {
        throw new SkillproofError(
          'VALIDATION_FAILED',
          `not saved: ${problem}; the wallet is unchanged`,
        );
      }
      writeFileAtomic(paths.data, `${JSON.stringify(data)}\n`);
      this.data = data;
    });
  }
}

/**
 * Reads and checks `wallet.json`.
 *
 * @throws SkillproofError `NOT_FOUND` when there is no wallet; `CONFIGURATION_INVALID` when it is
 * damaged.
 */
function readWalletData(home: string): WalletData {
  const paths = walletPaths(home);
  let text: string;
  try {
    text = readFileSync(paths.data, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    if (existsSync(join(home, 'wallet.db'))) {
      throw new SkillproofError(
        'CONFIGURATION_INVALID',
        `${home} holds a wallet of an earlier Skillproof (wallet.db), which this version does not read; it was left untouched. Use another SKILLPROOF_HOME for a new wallet`,
      );
    }
    if (existsSync(paths.keys)) {
      throw new SkillproofError(
        'CONFIGURATION_INVALID',
        `the wallet in ${home} has a key but no wallet.json; ${restoreAdvice(home)}`,
      );
    }
    throw new SkillproofError(
      'NOT_FOUND',
      `no wallet in ${home}; run \`skillproof init\` to create one (or \`skillproof import <backup file>\`)`,
    );
  }
  let parsed: unknown;
  try {
    parsed = upgradeWalletData(JSON.parse(text));
  } catch {
    parsed = undefined;
  }
  const problem = walletDataProblem(parsed);
  if (problem) {
    throw new SkillproofError(
      'CONFIGURATION_INVALID',
      `${paths.data} is damaged (${problem}); ${restoreAdvice(home)}`,
    );
  }
  return parsed as WalletData;
}
