import type { CredentialStatusRecord } from '../../ports/status-list-store.js';
import type { IssuerData } from '../open-issuer-data.js';

/** Options of {@link listCommand}. */
export interface ListCommandOptions {
  /** Only this learner's credentials. */
  learner?: string;
}

/**
 * `admin list [--learner <did>]`: the credentials the issuer has issued, oldest first, with
 * their status.
 *
 * @example
 * ```ts
 * const rows = await listCommand(data, { learner: 'did:key:z6Mk…' });
 * ```
 */
export async function listCommand(
  data: Pick<IssuerData, 'statusLists'>,
  options: ListCommandOptions,
): Promise<CredentialStatusRecord[]> {
  return data.statusLists.listCredentialStatus(
    options.learner === undefined ? {} : { subjectDid: options.learner },
  );
}
