import type { JwtVerifiableCredential } from '@skillproof/core';
import type { CredentialSigner } from '../ports/credential-signer.js';
import type { StatusListStore } from '../ports/status-list-store.js';
import { buildStatusListCredential } from './build-status-list-credential.js';
import { statusListUrl } from './status-list-url.js';

/** A signed status list credential, ready to serve. */
export interface PublishedStatusList {
  credential: JwtVerifiableCredential;
  /** A strong ETag (RFC 9110 §8.8.3) that changes whenever the signed list does. */
  etag: string;
}

/** Signs status lists, once per change. */
export interface StatusListPublisher {
  /** The list's current signed credential; `undefined` for an unknown list. */
  publish(listId: string): Promise<PublishedStatusList | undefined>;
}

/** What {@link createStatusListPublisher} needs. */
export interface StatusListPublisherDeps {
  statusLists: StatusListStore;
  /** Signs as the issuer: the lists are issued by the DID that issues the credentials. */
  signer: CredentialSigner;
  /** Public base URL, no trailing slash. */
  baseUrl: string;
  now: () => Date;
}

/** How long a signed list is valid: bounds how long an old list can be replayed. */
export const statusListValidityMs = 24 * 60 * 60 * 1000;
/** How long verifiers may cache a list (its `ttl`, and the HTTP max-age). */
export const statusListTtlMs = 60 * 1000;

interface CachedList {
  version: number;
  /** Re-signed from then on, well before the list expires. */
  refreshAtMs: number;
  published: PublishedStatusList;
}

/**
 * A {@link StatusListPublisher} that signs a list when its bits changed (the store bumps the
 * list's version on every change) or half its validity has passed, and serves the cached
 * signature otherwise, so a revocation shows at once and reading lists costs one query.
 *
 * @example
 * ```ts
 * const publisher = createStatusListPublisher({ statusLists, signer, baseUrl, now });
 * const published = await publisher.publish('revocation-1');
 * ```
 */
export function createStatusListPublisher(deps: StatusListPublisherDeps): StatusListPublisher {
  const cache = new Map<string, CachedList>();
  const signing = new Map<string, Promise<PublishedStatusList>>();

  async function sign(listId: string, version: number): Promise<PublishedStatusList> {
    const list = await deps.statusLists.findList(listId);
    if (!list) throw new Error(`status list ${listId} vanished`);
    const now = deps.now();
    const unsigned = buildStatusListCredential({
      url: statusListUrl(deps.baseUrl, listId),
      issuerDid: deps.signer.did,
      purpose: list.purpose,
      length: list.length,
      // Read after the version: the bits are at least as new as the version cached with them.
      setIndexes: await deps.statusLists.setIndexes(listId),
      now,
      validityMs: statusListValidityMs,
      ttlMs: statusListTtlMs,
    });
    const credential = await deps.signer.sign(unsigned);
    const published = {
      credential,
      etag: `"${listId}.${version}.${Math.floor(now.getTime() / 1000)}"`,
    };
    cache.set(listId, {
      version,
      refreshAtMs: now.getTime() + statusListValidityMs / 2,
      published,
    });
    return published;
  }

  return {
    async publish(listId) {
      const list = await deps.statusLists.findList(listId);
      if (!list) return undefined;
      const cached = cache.get(listId);
      if (cached && cached.version === list.version && deps.now().getTime() < cached.refreshAtMs) {
        return cached.published;
      }
      // Concurrent readers of a changed list share one signature.
      const key = `${listId}@${list.version}`;
      let pending = signing.get(key);
      if (!pending) {
        pending = sign(listId, list.version).finally(() => signing.delete(key));
        signing.set(key, pending);
      }
      return pending;
    },
  };
}
