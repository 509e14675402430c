import { openBadgesContextV3, vcContextV2 } from '@skillproof/core';
import type { BitcoinNetworkName } from '../../paid-task-types.js';
import { checkSatoshiAmount } from './satoshi-amount.js';

/** What the completion credential says: who did which task for whom, paid how much, how. */
export interface TaskCompletionCredentialInput {
  /** The credential's id, e.g. `urn:uuid:…`. */
  id: string;
  /** The job board, the credential's issuer (its DID). */
  board: { id: string; name: string; url: string };
  taskId: string;
  taskTitle: string;
  employerName: string;
  learnerDid: string;
  paidSats: number;
  network: BitcoinNetworkName;
  txid: string;
  paidAt: Date;
}

/** An unsigned Open Badges 3.0 `OpenBadgeCredential` (VCDM 2.0) for a completed, paid task. */
export interface TaskCompletionCredential {
  '@context': [typeof vcContextV2, typeof openBadgesContextV3];
  id: string;
  type: ['VerifiableCredential', 'OpenBadgeCredential'];
  name: string;
  issuer: { id: string; type: ['Profile']; name: string; url: string };
  validFrom: string;
  credentialSubject: {
    id: string;
    type: ['AchievementSubject'];
    achievement: {
      id: string;
      type: ['Achievement'];
      achievementType: 'Assignment';
      name: string;
      description: string;
      criteria: { narrative: string };
      resultDescription: Array<{
        id: string;
        type: ['ResultDescription'];
        name: string;
        resultType: string;
      }>;
    };
    result: Array<{ type: ['Result']; resultDescription: string; value: string }>;
  };
  evidence: Array<{
    type: ['Evidence'];
    name: string;
    description: string;
    genre: string;
    narrative: string;
  }>;
}

const isoSeconds = (date: Date) => `${date.toISOString().slice(0, 19)}Z`;

/**
 * The credential the board issues to a learner whose task was accepted and paid: an OB 3.0
 * `OpenBadgeCredential` whose achievement is "Completed task <title> for <employer>", whose
 * result is the satoshis paid (an extension result type, OB 3.0 §B.1.15 `ext:`), and whose
 * evidence names the payment transaction. The board signs it like any badge.
 *
 * @throws SkillproofError `AMOUNT_INVALID` when `paidSats` is not whole satoshis.
 * @example
 * ```ts
 * const credential = buildTaskCompletionCredential({ id: `urn:uuid:${randomUUID()}`, board,
 *   taskId, taskTitle: 'Fix the date parser', employerName: 'Acme', learnerDid,
 *   paidSats: 5000, network: 'testnet', txid, paidAt: now() });
 * ```
 */
export function buildTaskCompletionCredential(
  input: TaskCompletionCredentialInput,
): TaskCompletionCredential {
  const paidSats = checkSatoshiAmount(input.paidSats, 'the amount paid');
  const achievementId = `${input.board.url.replace(/\/+$/, '')}/tasks/${encodeURIComponent(input.taskId)}`;
  const name = `Completed task ${input.taskTitle} for ${input.employerName}`;
  return {
    '@context': [vcContextV2, openBadgesContextV3],
    id: input.id,
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    name,
    issuer: { id: input.board.id, type: ['Profile'], name: input.board.name, url: input.board.url },
    validFrom: isoSeconds(input.paidAt),
    credentialSubject: {
      id: input.learnerDid,
      type: ['AchievementSubject'],
      achievement: {
        id: achievementId,
        type: ['Achievement'],
        achievementType: 'Assignment',
        name,
        description: `A paid task posted by ${input.employerName} on ${input.board.name}: the employer accepted the learner's work and paid for it in bitcoin.`,
        criteria: {
          narrative: `Claim the task "${input.taskTitle}" as a qualified applicant, have the submission accepted by ${input.employerName}, and be paid the reward.`,
        },
        resultDescription: [
          {
            id: `${achievementId}#paid-sats`,
            type: ['ResultDescription'],
            name: 'Reward paid, in satoshis',
            resultType: 'ext:SatoshisPaid',
          },
        ],
      },
      result: [
        {
          type: ['Result'],
          resultDescription: `${achievementId}#paid-sats`,
          value: String(paidSats),
        },
      ],
    },
    evidence: [
      {
        type: ['Evidence'],
        name: 'Payment transaction',
        description: `Paid ${paidSats} sats on bitcoin ${input.network} in transaction ${input.txid}.`,
        genre: 'Payment',
        narrative: `txid ${input.txid}`,
      },
    ],
  };
}
