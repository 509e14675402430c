import {
  decodeBase64,
  decodeLogEntry,
  encodeBase64,
  equalHashes,
  hashLeaf,
  isSkillproofError,
  SkillproofError,
  verifyCheckpoint,
  verifyConsistencyProof,
  type Checkpoint,
  type TransparencyLogEntry,
} from '@skillproof/core';
import { fetchIssuerProfile } from '../net/issuer-client.js';
import { fetchCheckpointNote, fetchConsistencyProof, fetchLogEntries } from '../net/log-client.js';
import { normalizeServiceUrl } from '../net/normalize-service-url.js';
import { paint, printable, renderTable, withProgress } from '../terminal/output.js';
import {
  readKeptCheckpoints,
  saveKeptCheckpoint,
  type KeptCheckpoint,
} from '../transparency/kept-checkpoints.js';
import { extendFrontier } from '../transparency/log-frontier.js';
import { logOrigin, logVerifierKeys } from '../transparency/log-verifier-keys.js';
import { exitCodes, ExitError } from '../usage-error.js';
import { WalletStore } from '../wallet/wallet-store.js';
import { printResult, type CommandContext } from './command-context.js';

/** A tree, as `monitor` reports it. */
export interface MonitoredTree {
  size: number;
  /** Standard base64. */
  rootHash: string;
}

/** What the new entries of a log did. */
export interface LogChanges {
  /** Credentials issued, per badge (the achievement id; `null` for other credentials). */
  issued: Array<{ badge: string | null; count: number }>;
  revoked: number;
  suspended: number;
  reinstated: number;
  /** Badge definitions logged (a new badge, or changed criteria, questions or grader). */
  definitions: Array<{ badge: string; at: string }>;
}

/** What `skillproof monitor` prints when the log is consistent. */
export interface MonitorResult {
  issuer: string;
  did: string;
  origin: string;
  /** No checkpoint was kept: this one is trusted on first use. */
  firstUse: boolean;
  previous: MonitoredTree | null;
  checkpoint: MonitoredTree;
  /** How the new entries were checked against the signed root. */
  entriesChecked: string;
  newEntries: number;
  changes: LogChanges;
}

/** What `monitor` prints when the issuer's log contradicts what it signed before. */
export interface MonitorMisbehaviour {
  issuer: string;
  did: string;
  misbehaviour: {
    reason: string;
    /** The checkpoint kept, signed by the issuer earlier. */
    kept: string;
    /** The checkpoint served now, signed by the same issuer. */
    served: string;
  };
}

function tree(checkpoint: Checkpoint): MonitoredTree {
  return { size: checkpoint.size, rootHash: encodeBase64(checkpoint.rootHash) };
}

/** Tallies what the entries did. */
function changesOf(entries: readonly TransparencyLogEntry[]): LogChanges {
  const issued = new Map<string | null, number>();
  const changes: LogChanges = {
    issued: [],
    revoked: 0,
    suspended: 0,
    reinstated: 0,
    definitions: [],
  };
  for (const entry of entries) {
    if (entry.type === 'issuance') issued.set(entry.badge, (issued.get(entry.badge) ?? 0) + 1);
    else if (entry.type === 'status') changes[entry.status] += 1;
    else changes.definitions.push({ badge: entry.badge, at: entry.at });
  }
  changes.issued = [...issued].map(([badge, count]) => ({ badge, count }));
  return changes;
}

/** The issuer's DID: the one monitored before, else the one the wallet knows, else its profile's. */
async function issuerDid(
  context: CommandContext,
  issuerUrl: string,
  kept: KeptCheckpoint | undefined,
): Promise<string> {
  if (kept) return kept.issuerDid;
  try {
    const known = WalletStore.open(context.home).issuers.find((entry) => entry.url === issuerUrl);
    if (known) return known.did;
  } catch (error) {
    if (!isSkillproofError(error) || error.code !== 'NOT_FOUND') throw error;
  }
  return (await fetchIssuerProfile(context.fetch, issuerUrl)).id;
}

function describe(context: CommandContext, result: MonitorResult): string {
  const lines: string[] = [];
  if (result.firstUse) {
    lines.push(
      paint(
        context.output,
        'yellow',
        `First look at ${result.origin}: its checkpoint is trusted on first use (nothing earlier to check it against); later runs check that the log only grows.`,
      ),
    );
  } else if (result.newEntries === 0) {
    lines.push(
      `${paint(context.output, 'green', '✔')} ${result.origin}: unchanged at ${result.checkpoint.size} entries; consistent with the checkpoint kept.`,
    );
  } else {
    lines.push(
      `${paint(context.output, 'green', '✔')} ${result.origin} grew from ${result.previous?.size} to ${result.checkpoint.size} entries, consistently (the issuer's consistency proof verified).`,
    );
  }
  lines.push(
    `  signed by ${result.did}; tree of ${result.checkpoint.size}, root ${result.checkpoint.rootHash}`,
    `  ${result.newEntries} new ${result.newEntries === 1 ? 'entry' : 'entries'}: ${result.entriesChecked}`,
  );
  const { changes } = result;
  const rows = [
    ...changes.issued.map(({ badge, count }) => [
      'issued',
      printable(badge ?? '(no badge)'),
      String(count),
    ]),
    ...(['revoked', 'suspended', 'reinstated'] as const)
      .filter((what) => changes[what] > 0)
      .map((what) => [what, '', String(changes[what])]),
    ...changes.definitions.map(({ badge, at }) => ['definition logged', printable(badge), at]),
  ];
  if (rows.length > 0)
    lines.push('', renderTable(context.output, ['CHANGE', 'BADGE', 'COUNT/AT'], rows));
  return lines.join('\n');
}

function reportMisbehaviour(context: CommandContext, report: MonitorMisbehaviour): never {
  printResult(context, report, () =>
    [
      paint(context.output, 'red', `PROOF OF MISBEHAVIOUR by ${report.issuer} (${report.did}):`),
      `  ${report.misbehaviour.reason}`,
      'Both checkpoints are signed by the issuer; together they show its log is not append-only.',
      '--- the checkpoint kept (verified earlier) ---',
      report.misbehaviour.kept.trimEnd(),
      '--- the checkpoint served now ---',
      report.misbehaviour.served.trimEnd(),
      '---',
      'The kept checkpoint is left as it is.',
    ].join('\n'),
  );
  throw new ExitError(exitCodes.notValid);
}

/**
 * `skillproof monitor <issuer-url>`: watches an issuer's transparency log (issue 17). Fetches
 * its latest checkpoint and verifies the issuer's signature (its DID's key; the DID the wallet
 * monitored before, or knows, or the issuer's profile names), then checks it against the
 * checkpoint kept from the last run (in `log-checkpoints.json` in the wallet folder): the
 * issuer's RFC 9162 §2.1.4 consistency proof from the kept tree to the new one, verified here;
 * and the new entries, downloaded from the C2SP entry bundles, must rebuild the new root from
 * the kept tree's frontier (O(log n) hashes, so nothing but the new entries is downloaded;
 * on first use the whole tree is recomputed from all entries). What the new entries did is
 * reported: issued per badge, revoked, suspended, reinstated, definitions logged. A smaller
 * tree, another root at the same size, a proof that fails or entries that do not rebuild the
 * signed root are proof of misbehaviour: both signed checkpoints are printed, the kept one
 * stays, exit code 3.
 *
 * @throws ExitError 3 on misbehaviour or a checkpoint that does not verify; 4 when the issuer
 * can't be reached.
 * @example
 * ```ts
 * const { changes } = await monitorCommand(context, 'http://localhost:4100');
 * ```
 */
export async function monitorCommand(context: CommandContext, url: string): Promise<MonitorResult> {
  const issuerUrl = normalizeServiceUrl(url);
  const origin = logOrigin(issuerUrl);
  const kept = readKeptCheckpoints(context.home).find((entry) => entry.issuerUrl === issuerUrl);
  try {
    return await monitor(context, issuerUrl, origin, kept);
  } catch (error) {
    if (isSkillproofError(error) && error.code === 'UPSTREAM_FAILED') {
      throw new ExitError(exitCodes.statusUnknown, `${error.message}; nothing was changed`);
    }
    throw error;
  }
}

async function monitor(
  context: CommandContext,
  issuerUrl: string,
  origin: string,
  kept: KeptCheckpoint | undefined,
): Promise<MonitorResult> {
  const did = await issuerDid(context, issuerUrl, kept);
  const { note, keys } = await withProgress(context.output, `reading ${origin}`, async () => ({
    note: await fetchCheckpointNote(context.fetch, issuerUrl),
    keys: await logVerifierKeys(did, {
      origin,
      now: context.now,
      allowHttpLoopback: new URL(issuerUrl).protocol === 'http:',
    }),
  }));
  const signed = verifyCheckpoint(note, { origin, keys });
  if (!signed.verified) {
    throw new ExitError(
      exitCodes.notValid,
      `the checkpoint ${issuerUrl}/log/checkpoint serves does not verify (${signed.code}: ${signed.message}); it is not signed by ${did} for ${origin}. Nothing was changed`,
    );
  }
  const served = signed.checkpoint;
  const misbehaviour = (reason: string): never =>
    reportMisbehaviour(context, {
      issuer: issuerUrl,
      did,
      misbehaviour: { reason, kept: kept?.checkpoint ?? '', served: note },
    });

  const previous = kept ? { size: kept.size, rootHash: decodeBase64(kept.rootHash) } : undefined;
  if (kept && previous?.rootHash) {
    if (served.size < kept.size) {
      misbehaviour(`the log shrank: ${kept.size} entries signed before, ${served.size} now`);
    }
    if (served.size === kept.size && !equalHashes(served.rootHash, previous.rootHash)) {
      misbehaviour(`two different trees of ${served.size} entries, both signed (a forked log)`);
    }
    if (served.size > kept.size && kept.size > 0) {
      const proof = await fetchConsistencyProof(context.fetch, issuerUrl, kept.size, served.size);
      const consistent = verifyConsistencyProof({
        fromSize: kept.size,
        fromRoot: previous.rootHash,
        toSize: served.size,
        toRoot: served.rootHash,
        proof,
      });
      if (!consistent) {
        misbehaviour(
          `the consistency proof from ${kept.size} to ${served.size} entries does not verify: the new tree does not extend the one signed before (a forked log, or entries removed or changed)`,
        );
      }
    }
  }
  const from = kept?.size ?? 0;
  const entries = await withProgress(
    context.output,
    `downloading ${served.size - from} new entries`,
    () => fetchLogEntries(context.fetch, issuerUrl, { from, to: served.size, size: served.size }),
  );
  const frontier = {
    size: from,
    hashes: (kept?.frontier ?? []).map((hash) => decodeBase64(hash) ?? new Uint8Array(0)),
  };
  const extended = extendFrontier(frontier, entries.map(hashLeaf));
  if (!equalHashes(extended.rootHash, served.rootHash)) {
    if (kept) {
      misbehaviour(
        `the entries ${from}-${served.size - 1} the log serves do not rebuild the root it signed for ${served.size} entries`,
      );
    }
    throw new ExitError(
      exitCodes.notValid,
      `the entries ${issuerUrl} serves do not rebuild the root it signed for ${served.size} entries; nothing was kept`,
    );
  }
  const decoded = entries.map((bytes, offset) => {
    const entry = decodeLogEntry(bytes);
    if (!entry) {
      throw new SkillproofError(
        'UPSTREAM_FAILED',
        `entry ${from + offset} of ${origin} is signed but not a Skillproof log entry`,
      );
    }
    return entry;
  });
  saveKeptCheckpoint(context.home, {
    issuerUrl,
    issuerDid: did,
    origin,
    checkpoint: note,
    size: served.size,
    rootHash: encodeBase64(served.rootHash),
    frontier: extended.frontier.hashes.map(encodeBase64),
    verifiedAt: context.now().toISOString(),
  });
  const result: MonitorResult = {
    issuer: issuerUrl,
    did,
    origin,
    firstUse: kept === undefined,
    previous: kept ? { size: kept.size, rootHash: kept.rootHash } : null,
    checkpoint: tree(served),
    entriesChecked:
      kept === undefined
        ? 'the whole tree recomputed from every entry matches the signed root'
        : 'their leaf hashes, with the kept tree’s frontier, rebuild the signed root',
    newEntries: entries.length,
    changes: changesOf(decoded),
  };
  printResult(context, result, () => describe(context, result));
  return result;
}
