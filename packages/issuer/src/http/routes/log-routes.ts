import {
  decodeBase64,
  decodeBase64url,
  decodeLogEntry,
  encodeBase64,
  encodeEntryBundle,
  parseTilePath,
  SkillproofError,
  tileWidth,
} from '@skillproof/core';
import { Router, type Response } from 'express';
import type { IssuerContext } from '../../domain/issuer-context.js';
import type { CheckpointRecord } from '../../ports/transparency-log.js';
import type { IssuerTransparency } from '../../transparency/issuer-transparency.js';
import {
  credentialReceipt,
  transparencyReceipt,
  receiptUrl,
} from '../../transparency/transparency-receipt.js';

// C2SP tlog-tiles: tiles and entry bundles never change once served: cache them for a year.
const immutable = 'public, max-age=31536000, immutable';

function publicHeaders(res: Response, cacheControl: string): void {
  res.set({
    'Cache-Control': cacheControl,
    'Access-Control-Allow-Origin': '*',
    'Cross-Origin-Resource-Policy': 'cross-origin',
  });
}

function invalid(message: string): SkillproofError {
  return new SkillproofError('VALIDATION_FAILED', message);
}

/** A tree size or leaf index from the query, or `undefined` when absent. */
function readCount(query: unknown, name: string): number | undefined {
  const value = (query as Record<string, unknown>)[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !/^(0|[1-9][0-9]{0,15})$/.test(value)) {
    throw invalid(`${name}: a non-negative integer`);
  }
  const count = Number(value);
  if (!Number.isSafeInteger(count)) throw invalid(`${name}: a non-negative integer`);
  return count;
}

/** A 32-byte hash given as hex, standard base64 or base64url. */
function readHash(value: unknown): Uint8Array {
  if (typeof value !== 'string') throw invalid('hash: a leaf hash (hex or base64)');
  const bytes = /^[0-9a-fA-F]{64}$/.test(value)
    ? new Uint8Array(Buffer.from(value, 'hex'))
    : (decodeBase64(value) ?? decodeBase64url(value.replace(/=+$/, '')));
  if (bytes?.length !== 32) throw invalid('hash: a 32-byte leaf hash, in hex or base64');
  return bytes;
}

async function latestCheckpoint(transparency: IssuerTransparency): Promise<CheckpointRecord> {
  const checkpoint = await transparency.log.latestCheckpoint();
  if (!checkpoint) throw new SkillproofError('NOT_FOUND', 'the log has no checkpoint yet');
  return checkpoint;
}

/** A tree size up to the latest checkpoint's (the default): the log serves no unsigned tree. */
function readTreeSize(query: unknown, name: string, checkpoint: CheckpointRecord): number {
  const size = readCount(query, name) ?? checkpoint.size;
  if (size > checkpoint.size) {
    throw invalid(`${name}: at most ${checkpoint.size}, the size of the latest checkpoint`);
  }
  return size;
}

/**
 * The issuer's transparency log over HTTP (issue 17), readable from any origin:
 * `GET /log/checkpoint` (the latest C2SP signed checkpoint), the C2SP tlog-tiles resources
 * `GET /log/tile/<L>/<N>[.p/<W>]` and `GET /log/tile/entries/<N>[.p/<W>]`, and for clients that
 * don't read tiles: `GET /log/proof/inclusion?hash=|index=&size=`,
 * `GET /log/proof/consistency?from=&to=`, `GET /log/entries/<leafIndex>` and
 * `GET /log/receipts/<credentialId>`. Tiles and proofs are of trees up to the latest checkpoint.
 */
export function logRoutes(ctx: IssuerContext): Router {
  const router = Router();
  const transparency = ctx.transparency;
  if (!transparency) return router;
  const { log } = transparency;

  router.get('/log/checkpoint', async (_req, res) => {
    const checkpoint = await latestCheckpoint(transparency);
    // C2SP tlog-tiles §Checkpoints: mutable, not cached beyond a few seconds.
    publicHeaders(res, 'public, max-age=1');
    res.type('text/plain; charset=utf-8').send(checkpoint.note);
  });

  router.get('/log/tile/*tilePath', async (req, res) => {
    const path = `tile/${(req.params as { tilePath: string[] }).tilePath.join('/')}`;
    const tile = parseTilePath(path);
    if (!tile) throw invalid(`${path}: not a C2SP tlog-tiles path`);
    const { size } = await latestCheckpoint(transparency);
    const width = tile.width ?? tileWidth;
    let body: Uint8Array | undefined;
    if (tile.level === 'entries') {
      const start = tile.index * tileWidth;
      const entries = await log.entries(start, start + width, size);
      body = entries && encodeEntryBundle(entries);
    } else {
      body = await log.tile(tile.level, tile.index, width, size);
    }
    if (!body) {
      throw new SkillproofError('NOT_FOUND', `${path} is not in the tree of size ${size}`);
    }
    publicHeaders(res, immutable);
    res.type('application/octet-stream').send(Buffer.from(body));
  });

  router.get('/log/proof/inclusion', async (req, res) => {
    const checkpoint = await latestCheckpoint(transparency);
    const size = readTreeSize(req.query, 'size', checkpoint);
    const byIndex = readCount(req.query, 'index');
    const hash = req.query['hash'];
    if ((byIndex === undefined) === (hash === undefined)) {
      throw invalid('give either hash (a leaf hash) or index (a leaf index)');
    }
    const entry =
      byIndex === undefined
        ? await log.findByLeafHash(readHash(hash))
        : await log.findByLeafIndex(byIndex);
    if (!entry || entry.leafIndex >= size) {
      throw new SkillproofError('NOT_FOUND', `no such leaf in the tree of size ${size}`);
    }
    publicHeaders(res, 'public, max-age=60');
    res.json({
      leafIndex: entry.leafIndex,
      leafHash: encodeBase64(entry.leafHash),
      treeSize: size,
      inclusionProof: (await log.inclusionProof(entry.leafIndex, size)).map(encodeBase64),
    });
  });

  router.get('/log/proof/consistency', async (req, res) => {
    const checkpoint = await latestCheckpoint(transparency);
    const to = readTreeSize(req.query, 'to', checkpoint);
    const from = readCount(req.query, 'from');
    if (from === undefined || from < 1 || from > to) {
      throw invalid(`from: a tree size from 1 to ${to}`);
    }
    publicHeaders(res, 'public, max-age=60');
    res.json({
      fromSize: from,
      toSize: to,
      consistencyProof: (await log.consistencyProof(from, to)).map(encodeBase64),
    });
  });

  router.get('/log/entries/:leafIndex', async (req, res) => {
    const leafIndex = readCount({ leafIndex: req.params.leafIndex }, 'leafIndex') as number;
    const { size } = await latestCheckpoint(transparency);
    const entry = leafIndex < size ? await log.findByLeafIndex(leafIndex) : undefined;
    if (!entry) throw new SkillproofError('NOT_FOUND', `no entry ${leafIndex} in the log yet`);
    publicHeaders(res, immutable);
    res.json({
      leafIndex,
      leafHash: encodeBase64(entry.leafHash),
      entry: decodeLogEntry(entry.entry),
      receipt: await transparencyReceipt(
        transparency,
        entry,
        `${ctx.baseUrl}/log/entries/${leafIndex}`,
      ),
    });
  });

  router.get('/log/receipts/:credentialId', async (req, res) => {
    const { credentialId } = req.params;
    const receipt = await credentialReceipt(transparency, ctx.baseUrl, credentialId);
    if (!receipt) {
      throw new SkillproofError('NOT_FOUND', `no log entry for credential ${credentialId}`);
    }
    publicHeaders(res, 'no-cache');
    if (receipt.checkpoint === null) {
      // Logged, but no checkpoint covers it yet: the next batch will.
      res.status(202).set('Retry-After', '1');
    }
    res.json({ ...receipt, url: receiptUrl(ctx.baseUrl, credentialId) });
  });

  return router;
}
