import { bearerToken, parseBody } from '@skillproof/server/http';
import { Router } from 'express';
import { authenticateEmployer } from '../../domain/authenticate-employer.js';
import { claimPaidTask } from '../../domain/claim-paid-task.js';
import { collectCompletionCredential } from '../../domain/collect-completion-credential.js';
import { acceptPaidTaskClaim } from '../../domain/accept-paid-task-claim.js';
import { paidTaskClaimsOf } from '../../domain/paid-task-claims.js';
import {
  claimantProofInputSchema,
  taskCancelInputSchema,
  taskClaimInputSchema,
  taskPaymentInputSchema,
  taskPsbtInputSchema,
} from '../../domain/paid-task-inputs.js';
import { paidTaskOfPosting } from '../../domain/paid-task-of-posting.js';
import { paidTaskSummaryOf } from '../../domain/paid-task-summary.js';
import { exportLedgerCsv, exportLedgerJson } from '../../domain/tasks/export-ledger.js';
import { paymentPsbtForTask } from '../../domain/tasks/payment-request-for-task.js';
import { cancelPaidTask, recordPaidTaskPayment } from '../../domain/settle-paid-task.js';
import type { JobboardContext } from '../../jobboard-context.js';

/**
 * The paid-task routes of a posting (task id = posting id): `POST /:id/claims` and
 * `POST /:id/claims/:claimId/credential` (the learner, proving their DID with a DID-auth VP on
 * a board nonce), and for the posting's employer `GET /:id/claims`,
 * `POST /:id/claims/:claimId/accept` (BIP-21 URI + SVG QR), `POST /:id/psbt`,
 * `POST /:id/payment`, `POST /:id/cancel` and `GET /:id/ledger` (JSON, or `?format=csv`).
 * Every change goes through `changeTask`, so concurrent changes are decided one after another.
 */
export function tasksRouter(context: JobboardContext): Router {
  const router = Router();
  const employerTask = async (
    req: { params: { id: string } } & Parameters<typeof bearerToken>[0],
  ) => {
    const employer = await authenticateEmployer(context.store, bearerToken(req));
    return { employer, ...(await paidTaskOfPosting(context.store, req.params.id, employer)) };
  };

  router.post('/:id/claims', async (req, res) => {
    const input = parseBody(taskClaimInputSchema, req.body);
    const claim = await claimPaidTask(context, req.params.id, input);
    context.log.info('task claimed', { postingId: req.params.id, claimId: claim.id });
    res.status(201).json(claim);
  });
  router.get('/:id/claims', async (req, res) => {
    const { history } = await employerTask(req);
    res.json({ task: paidTaskSummaryOf(history), claims: paidTaskClaimsOf(history) });
  });
  router.post('/:id/claims/:claimId/accept', async (req, res) => {
    const { employer, posting, history } = await employerTask(req);
    res.json(
      await acceptPaidTaskClaim(context, {
        employer,
        posting,
        history,
        claimId: req.params.claimId,
      }),
    );
  });
  router.post('/:id/psbt', async (req, res) => {
    const { employer, history } = await employerTask(req);
    const input = parseBody(taskPsbtInputSchema, req.body);
    res.json(paymentPsbtForTask(history, { employerId: employer.id, ...input }));
  });
  router.post('/:id/payment', async (req, res) => {
    const { employer, posting } = await employerTask(req);
    const { txid } = parseBody(taskPaymentInputSchema, req.body);
    res.json(await recordPaidTaskPayment(context, { employer, posting, txid }));
  });
  router.post('/:id/cancel', async (req, res) => {
    const { employer, posting } = await employerTask(req);
    const { reason } = parseBody(taskCancelInputSchema, req.body ?? {});
    res.json(await cancelPaidTask(context, { employer, posting, reason }));
  });
  router.get('/:id/ledger', async (req, res) => {
    const { history } = await employerTask(req);
    if (req.query['format'] === 'csv') {
      res.type('text/csv').send(exportLedgerCsv(history));
      return;
    }
    res.json(exportLedgerJson(history, context.now()));
  });
  router.post('/:id/claims/:claimId/credential', async (req, res) => {
    const { presentation } = parseBody(claimantProofInputSchema, req.body);
    const collected = await collectCompletionCredential(
      {
        store: context.store,
        domain: context.domain,
        now: context.now,
        identity: context.openid4vp?.identity,
        baseUrl: context.openid4vp?.baseUrl ?? context.domain,
        boardName: 'Skillproof job board',
      },
      req.params.id,
      req.params.claimId,
      presentation,
    );
    res.json(collected);
  });
  return router;
}
