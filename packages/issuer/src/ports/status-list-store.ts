/** What a status list says about a credential (Bitstring Status List §2.1 `statusPurpose`). */
export type StatusPurpose = 'revocation' | 'suspension';

/** The purposes a credential gets an entry for, one list each (but see `statusPurposesFor`). */
export const statusPurposes: readonly StatusPurpose[] = ['revocation', 'suspension'];

/**
 * Entries in one status list. Bitstring Status List §4.1 (herd privacy): at least 131,072, so a
 * list says little about any one holder.
 */
export const statusListLength = 131_072;

/** A position in a status list handed to one credential. */
export interface StatusAllocation {
  purpose: StatusPurpose;
  listId: string;
  index: number;
}

/** A status list as stored: its purpose, size and version (its set bits: `setIndexes`). */
export interface StatusListRecord {
  id: string;
  purpose: StatusPurpose;
  length: number;
  /** Bumped on every change of a bit: what the published list is cached against. */
  version: number;
  updatedAt: string;
}

/** A change asked of a credential's status. */
export interface StatusChange {
  purpose: StatusPurpose;
  /** `true` sets the bit (revoked, suspended); `false` clears it. */
  status: boolean;
}

/** An issued credential and where its status stands; `null` when it has no entry for a purpose. */
export interface CredentialStatusRecord {
  credentialId: string;
  subjectDid: string | null;
  achievementId: string | null;
  issuedAt: string;
  revoked: boolean | null;
  suspended: boolean | null;
}

/** Which credentials {@link StatusListStore.listCredentialStatus} returns. */
export interface CredentialStatusFilter {
  credentialId?: string;
  subjectDid?: string;
}

/**
 * Where status lists and the entries handed out in them live. Every method is atomic; an
 * allocation is committed before it resolves, so an index is never handed out twice.
 */
export interface StatusListStore {
  /**
   * One fresh entry per purpose for `credentialId`, opening a new list when one is full. Within
   * a list, indexes come in a keyed pseudo-random order that never repeats.
   */
  allocate(credentialId: string, now: string): Promise<StatusAllocation[]>;
  findList(listId: string): Promise<StatusListRecord | undefined>;
  /** The indexes whose bit is set in a list, ascending. */
  setIndexes(listId: string): Promise<number[]>;
  /**
   * Applies `changes` to an issued credential's entries and returns its status after them;
   * `undefined` (nothing written) when no credential has this id.
   *
   * @throws SkillproofError `CONFLICT` (nothing written) when the credential has no entry for a
   * purpose (an Open Badge on VCDM 2.0 has no suspension entry: it can only be revoked), or when
   * asked to lift a revocation (Bitstring Status List §2.1: revocation is not reversible).
   */
  setStatus(
    credentialId: string,
    changes: readonly StatusChange[],
    now: string,
  ): Promise<CredentialStatusRecord | undefined>;
  /** Issued credentials with their status, oldest first. */
  listCredentialStatus(filter?: CredentialStatusFilter): Promise<CredentialStatusRecord[]>;
}
