import {
  decodeLogEntry,
  encodeBase64,
  formatVerifierKey,
  SkillproofError,
  type TransparencyLogEntry,
} from '@skillproof/core';
import { Router } from 'express';
import { sendPage, type IssuerWebContext } from '../web-context.js';

/** How many of the newest entries the page lists. */
const recentEntryCount = 25;

function describeEntry(entry: TransparencyLogEntry | undefined): { kind: string; about: string } {
  switch (entry?.type) {
    case 'issuance':
      return { kind: 'Issued', about: `${entry.badge ?? 'a credential'} (${entry.format})` };
    case 'status':
      return {
        kind: `Status: ${entry.status}`,
        about: `credential ${entry.credentialHash.slice(0, 16)}…`,
      };
    case 'badge-definition':
      return { kind: 'Badge definition', about: entry.badge };
    default:
      return { kind: 'Unknown', about: '' };
  }
}

/**
 * `GET /log`: the issuer's transparency log for people: its size, the latest signed checkpoint,
 * the log's verifier key, the newest entries, and how to audit it with the `/log/` resources.
 */
export function logPage(web: IssuerWebContext): Router {
  const router = Router();
  router.get('/log', async (_req, res) => {
    const transparency = web.issuer.transparency;
    if (!transparency) throw new SkillproofError('NOT_FOUND', 'this issuer keeps no log');
    const checkpoint = await transparency.log.latestCheckpoint();
    const recent = await transparency.log.recentEntries(recentEntryCount);
    sendPage(web, res, 200, 'log.njk', {
      title: 'Transparency log',
      origin: transparency.origin,
      size: await transparency.log.size(),
      checkpoint: checkpoint?.note,
      checkpointSize: checkpoint?.size,
      signedAt: checkpoint?.signedAt,
      verifierKey: formatVerifierKey({
        name: transparency.origin,
        publicKey: await transparency.key.publicKey(),
      }),
      did: web.issuer.signer.did,
      logUrl: `${web.issuer.baseUrl}/log`,
      entries: recent.map((record) => ({
        leafIndex: record.leafIndex,
        leafHash: encodeBase64(record.leafHash),
        at: record.createdAt,
        ...describeEntry(decodeLogEntry(record.entry)),
      })),
    });
  });
  return router;
}
