// bench/data-integrity: how fast checkDataIntegrityProof verifies an Open Badge with a Data
// Integrity proof, against Digital Bazaar's vc.verifyCredential on the same credential with the
// same pinned contexts, measured in one run on one core. Run: `pnpm bench:di` from the
// repository root (it builds first).
import { generateKeyPairSync, sign, verify } from 'node:crypto';
import { cpus } from 'node:os';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import { Ed25519VerificationKey2020 } from '@digitalbazaar/ed25519-verification-key-2020';
import { Ed25519Signature2020 } from '@digitalbazaar/ed25519-signature-2020';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as vc from '@digitalbazaar/vc';
import {
  checkDataIntegrityProof,
  createPinnedDocumentLoader,
  resolveDidKeyProofKey,
  CheckLog,
} from '@skillproof/verifier/data-integrity';
import { pinToOneCore, raceInterleaved, type RaceFigure } from '@skillproof/testing';

// Pin to one core (the target is a per-core ratio).
pinToOneCore();

type Suite = 'eddsa-rdfc-2022' | 'Ed25519Signature2020';
const pinned = createPinnedDocumentLoader();
const didDocuments = new Map<string, Record<string, unknown>>();

async function makeKey(suite: Suite) {
  const keyPair =
    suite === 'eddsa-rdfc-2022'
      ? await Ed25519Multikey.generate()
      : await Ed25519VerificationKey2020.generate();
  const did = `did:key:${keyPair.publicKeyMultibase}`;
  const verificationMethod = `${did}#${keyPair.publicKeyMultibase}`;
  keyPair.id = verificationMethod;
  keyPair.controller = did;
  const context =
    suite === 'eddsa-rdfc-2022'
      ? 'https://w3id.org/security/multikey/v1'
      : 'https://w3id.org/security/suites/ed25519-2020/v1';
  const method = {
    id: verificationMethod,
    type: suite === 'eddsa-rdfc-2022' ? 'Multikey' : 'Ed25519VerificationKey2020',
    controller: did,
    publicKeyMultibase: keyPair.publicKeyMultibase,
  };
  didDocuments.set(verificationMethod, { '@context': context, ...method });
  didDocuments.set(did, {
    '@context': ['https://www.w3.org/ns/did/v1', context],
    id: did,
    verificationMethod: [method],
    assertionMethod: [verificationMethod],
    authentication: [verificationMethod],
  });
  return { did, keyPair, suite };
}

// The same pinned contexts for both, plus the did:key documents Digital Bazaar dereferences.
const documentLoader = async (url: string) => {
  const didDocument = didDocuments.get(url);
  if (didDocument !== undefined) {
    return { contextUrl: null, documentUrl: url, document: structuredClone(didDocument) };
  }
  return pinned(url);
};

function openBadge(issuer: string, index: number, suite: Suite): Record<string, unknown> {
  return {
    '@context': [
      'https://www.w3.org/ns/credentials/v2',
      'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
      ...(suite === 'Ed25519Signature2020'
        ? ['https://w3id.org/security/suites/ed25519-2020/v1']
        : []),
    ],
    id: `urn:uuid:00000000-0000-4000-8000-${String(index).padStart(12, '0')}`,
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    name: 'Python Problem Solver I',
    issuer: {
      id: issuer,
      type: ['Profile'],
      name: 'Bench Academy',
      url: 'https://academy.example',
    },
    validFrom: new Date(Date.now() - 86_400_000).toISOString(),
    credentialSubject: {
      id: 'did:example:learner',
      type: ['AchievementSubject'],
      achievement: {
        id: `https://academy.example/achievements/badge-${index % 6}`,
        type: ['Achievement'],
        achievementType: 'Competency',
        name: 'Python Problem Solver I',
        description: 'Solved five programming puzzles with per-learner inputs.',
        criteria: { narrative: 'Submit the right answer to each of the five puzzles.' },
        alignment: [
          {
            type: ['Alignment'],
            targetName: 'Programming in Python',
            targetUrl: 'https://skills.example/python',
            targetType: 'ceasn:Competency',
          },
        ],
      },
      result: [{ type: ['Result'], value: '100', status: 'Completed' }],
    },
    credentialStatus: {
      id: `https://academy.example/status/1#${index}`,
      type: 'BitstringStatusListEntry',
      statusPurpose: 'revocation',
      statusListIndex: String(index),
      statusListCredential: 'https://academy.example/status/1',
    },
  };
}

const ourOptions = {
  expectedProofPurpose: 'assertionMethod' as const,
  now: () => new Date(),
  clockSkewSeconds: 60,
  resolveKey: resolveDidKeyProofKey,
  documentLoader: pinned,
};

async function ours(credential: Record<string, unknown>): Promise<void> {
  const log = new CheckLog();
  const result = await checkDataIntegrityProof(credential, ourOptions, log);
  if (!result.ok) throw new Error(`ours refused: ${JSON.stringify(log.errors)}`);
}

const checkStatus = async () => ({ verified: true });
async function theirs(credential: Record<string, unknown>, suite: unknown): Promise<void> {
  const result = await vc.verifyCredential({ credential, suite, documentLoader, checkStatus });
  if (!result.verified) throw new Error(`Digital Bazaar refused: ${String(result.error)}`);
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
  const key = await makeKey(suite);
  const signingSuite =
    suite === 'eddsa-rdfc-2022'
      ? new DataIntegrityProof({ signer: key.keyPair.signer(), cryptosuite: eddsaRdfc2022 })
      : new Ed25519Signature2020({ key: key.keyPair });
  const verifyingSuite =
    suite === 'eddsa-rdfc-2022'
      ? new DataIntegrityProof({ cryptosuite: eddsaRdfc2022 })
      : new Ed25519Signature2020();
  const credentials: Array<Record<string, unknown>> = [];
  for (let index = 0; index < credentialCount; index++) {
    credentials.push(
      await vc.issue({
        credential: openBadge(key.did, index, suite),
        suite: signingSuite,
        documentLoader,
      }),
    );
  }
  // Every path must really accept what it is timed on.
  await ours(credentials[0] as Record<string, unknown>);
  await theirs(credentials[0] as Record<string, unknown>, verifyingSuite);
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
          theirs(
            credentials[theirsIndex++ % credentialCount] as Record<string, unknown>,
            verifyingSuite,
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
