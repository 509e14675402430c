import { z } from 'zod';

// A presentation that proves who is asking: a compact JWT VP (DID authentication).
const proofSchema = z.string().min(1).max(16_384);

/**
 * The `task` of `POST /api/postings`: the posting is a paid task. The reward is checked by the
 * ledger's own rule (`checkSatoshiAmount`: whole satoshis, 1 .. 21e14, `AMOUNT_INVALID`), the
 * network by `readBitcoinNetworkName`, so the API and the domain can't disagree.
 */
export const paidTaskInputSchema = z.strictObject({
  rewardSats: z.unknown(),
  /** Unset: the board's network (`JOBBOARD_BITCOIN_NETWORK`, default testnet). */
  network: z.string().max(20).optional(),
});

/**
 * The body of `POST /api/postings/:id/claims`: the applicant's qualified application, the
 * address to be paid to, and `presentation`, a DID-authentication JWT VP by the application's
 * holder (no credentials) carrying a nonce from `POST /api/postings/:id/presentation-request`
 * and this board's origin as `aud`.
 */
export const taskClaimInputSchema = z.strictObject({
  applicationId: z.string().min(1).max(200),
  address: z.unknown(),
  presentation: proofSchema,
});

/** The body of `POST /api/postings/:id/claims/:claimId/credential`: the claimant's proof. */
export const claimantProofInputSchema = z.strictObject({ presentation: proofSchema });

/** The body of `POST /api/postings/:id/psbt`: the employer's coins, fee rate and change address. */
export const taskPsbtInputSchema = z.strictObject({
  utxos: z
    .array(
      z.strictObject({
        txid: z.string().regex(/^[0-9a-fA-F]{64}$/, { message: 'expected 64 hex digits' }),
        vout: z.number().int().min(0).max(100_000),
        valueSats: z.number().int().min(1),
        scriptPubKey: z.string().regex(/^([0-9a-fA-F]{2}){1,100}$/, { message: 'expected hex' }),
        previousTransaction: z
          .string()
          .regex(/^([0-9a-fA-F]{2})+$/)
          .max(200_000)
          .optional(),
      }),
    )
    .min(1)
    .max(100),
  feeRate: z.number().positive().max(10_000),
  changeAddress: z.string().min(1).max(90),
});

/** The body of `POST /api/postings/:id/payment`: the transaction that paid the accepted claim. */
export const taskPaymentInputSchema = z.strictObject({ txid: z.string().max(64) });

/** The body of `POST /api/postings/:id/cancel`. */
export const taskCancelInputSchema = z.strictObject({
  reason: z.string().trim().min(1).max(500).default('withdrawn by the employer'),
});
