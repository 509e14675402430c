// bench/data-integrity: how fast checkDataIntegrityProof (the proof alone) verifies an Open Badge
// with a Data Integrity proof, against Digital Bazaar's vc.verifyCredential on the same
// credential with the same pinned contexts, measured in one run on one core. bench/verify races
// our full verifyCredential on the same credentials. Run: `pnpm --filter @skillproof/verifier
// run bench:di` after a build.
import { generateKeyPairSync, sign, verify } from 'node:crypto';
import { cpus } from 'node:os';
import {
  checkDataIntegrityProof,
  resolveDidKeyProofKey,
  CheckLog,
} from '@skillproof/verifier/data-integrity';
import { pinToOneCore, raceInterleaved, type RaceFigure } from '@skillproof/testing';
import { issueDataIntegrityBadges, pinnedDocumentLoader } from './issue-data-integrity-badges.js';

// Pin to one core (the target is a per-core ratio).
pinToOneCore();

const ourOptions = {
  expectedProofPurpose: 'assertionMethod' as const,
  now: () => new Date(),
  clockSkewSeconds: 60,
  resolveKey: resolveDidKeyProofKey,
  documentLoader: pinnedDocumentLoader,
};

async function ours(credential: Record<string, unknown>): Promise<void> {
  const log = new CheckLog();
  const result = await checkDataIntegrityProof(credential, ourOptions, log);
  if (!result.ok) throw new Error(`ours refused: ${JSON.stringify(log.errors)}`);
}

const rounds = 7;
const credentialCount = 64;
console.log(
  `\nbench/data-integrity — Node ${process.version}, ${cpus()[0]?.model ?? 'unknown CPU'}`,
);
console.log('one credential = OpenBadgeCredential (VCDM 2.0 + OB 3.0.3), status entry, did:key');
console.log(`${rounds} interleaved rounds each; medians\n`);

const figures: Array<[string, RaceFigure, RaceFigure, RaceFigure]> = [];
for (const suite of ['eddsa-rdfc-2022', 'Ed25519Signature2020'] as const) {
  const { credentials, verifyWithDigitalBazaar } = await issueDataIntegrityBadges(
    suite,
    credentialCount,
  );
  // Every path must really accept what it is timed on.
  await ours(credentials[0] as Record<string, unknown>);
  await verifyWithDigitalBazaar(credentials[0] as Record<string, unknown>);
  // The bound: one Ed25519 verification of a 64-byte hashData, all a verifier cannot skip.
  const message = Buffer.alloc(64, 7);
  const rawPair = generateKeyPairSync('ed25519');
  const rawSignature = sign(null, message, rawPair.privateKey);
  let oursIndex = 0;
  let theirsIndex = 0;
  console.log(suite);
  const [bound, oursFigure, theirsFigure] = (await raceInterleaved(
    [
      {
        name: 'raw crypto.verify Ed25519 (the bound)',
        operation: () => verify(null, message, rawPair.publicKey, rawSignature),
      },
      {
        name: 'ours: checkDataIntegrityProof',
        operation: () =>
          ours(credentials[oursIndex++ % credentialCount] as Record<string, unknown>),
      },
      {
        name: 'Digital Bazaar: vc.verifyCredential',
        operation: () =>
          verifyWithDigitalBazaar(
            credentials[theirsIndex++ % credentialCount] as Record<string, unknown>,
          ),
      },
    ],
    { rounds, secondsPerRound: 0.6, warmupCalls: 50, nameWidth: 48 },
  )) as [RaceFigure, RaceFigure, RaceFigure];
  figures.push([suite, bound, oursFigure, theirsFigure]);
  console.log();
}

console.log('ratios (ours / Digital Bazaar)');
for (const [suite, , oursFigure, theirsFigure] of figures) {
  const ratio = oursFigure.perSecond / theirsFigure.perSecond;
  console.log(
    `  ${suite.padEnd(22)} ${ratio.toFixed(2)}x  target >= 2x ${ratio >= 2 ? 'met' : 'NOT met'}`,
  );
}
