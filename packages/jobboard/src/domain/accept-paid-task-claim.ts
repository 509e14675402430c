import QRCode from 'qrcode';
import type { JobboardContext } from '../jobboard-context.js';
import type { Employer, Posting } from '../jobboard-types.js';
import { findPaidTaskClaim, type PaidTaskClaim } from './paid-task-claims.js';
import { acceptTaskClaim } from './tasks/accept-task-claim.js';
import { changeTask } from './tasks/change-task.js';
import {
  paymentRequestForTask,
  type TaskPaymentRequest,
} from './tasks/payment-request-for-task.js';

/** What {@link acceptPaidTaskClaim} did: the claim, accepted, and the payment to make. */
export interface AcceptedPaidTaskClaim {
  claim: PaidTaskClaim;
  /** The BIP-21 payment request, and its QR code as SVG. */
  payment: TaskPaymentRequest & { qrSvg: string };
}

/**
 * The BIP-21 payment request of a task whose claim was accepted, with its QR code: SVG drawn by
 * `qrcode` from the URI the board built itself, so safe to embed as it is.
 *
 * @throws as `paymentRequestForTask` (`TASK_NOT_ACCEPTED`, `TASK_ALREADY_PAID`, …).
 * @example
 * ```ts
 * const { uri, qrSvg } = await taskPaymentWithQr(history, employer, posting);
 * ```
 */
export async function taskPaymentWithQr(
  history: Parameters<typeof paymentRequestForTask>[0],
  employer: Pick<Employer, 'id'>,
  posting: Pick<Posting, 'title'>,
): Promise<AcceptedPaidTaskClaim['payment']> {
  const payment = paymentRequestForTask(history, {
    employerId: employer.id,
    label: `Skillproof task: ${posting.title}`.slice(0, 120),
  });
  const qrSvg = await QRCode.toString(payment.uri, { type: 'svg', margin: 2 });
  return { ...payment, qrSvg };
}

/**
 * Accepts one claim of a paid task for its employer (through `changeTask`, so of two
 * concurrent accepts one wins) and returns the BIP-21 payment request for it, for the API and
 * the employer's page alike.
 *
 * @throws SkillproofError `CLAIM_NOT_FOUND`, `TASK_ALREADY_ACCEPTED`, `TASK_ALREADY_PAID`,
 * `TASK_CANCELLED`, `FORBIDDEN` as the ledger's rules decide; nothing is written then.
 * @example
 * ```ts
 * const { payment } = await acceptPaidTaskClaim(context, { employer, posting, history, claimId: '1' });
 * ```
 */
export async function acceptPaidTaskClaim(
  context: Pick<JobboardContext, 'store' | 'now' | 'log'>,
  options: {
    employer: Employer;
    posting: Posting;
    history: Parameters<typeof findPaidTaskClaim>[0];
    claimId: string;
  },
): Promise<AcceptedPaidTaskClaim> {
  const { employer, posting } = options;
  const claim = findPaidTaskClaim(options.history, options.claimId);
  await changeTask(context.store, posting.id, (latest) =>
    acceptTaskClaim(latest, {
      employerId: employer.id,
      learnerDid: claim.learnerDid,
      at: context.now(),
    }),
  );
  const latest = await context.store.ledgerEntriesOfTask(posting.id);
  const payment = await taskPaymentWithQr(latest, employer, posting);
  context.log.info('task claim accepted', { postingId: posting.id, claimId: claim.id });
  return { claim: findPaidTaskClaim(latest, claim.id), payment };
}
