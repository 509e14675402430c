import type { TransparencyLog } from '../ports/transparency-log.js';
import type { CheckpointSigner, LogSigningKey } from './checkpoint-signer.js';

/** The issuer's transparency log as the domain, the routes and the pages use it. */
export interface IssuerTransparency {
  log: TransparencyLog;
  /** The checkpoint origin and note key name, e.g. `academy.example/log`. */
  origin: string;
  checkpoints: CheckpointSigner;
  key: LogSigningKey;
  /** The leaf index of each badge's latest logged definition, by achievement id. */
  definitionLeaves: ReadonlyMap<string, number>;
}
