import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import {
  acceptTaskClaim,
  cancelTask,
  claimTask,
  ledgerAccounts,
  ledgerBalances,
  postTask,
  recordTaskPayment,
  taskStateOf,
  type LedgerEntry,
} from '@skillproof/jobboard';
import { isSkillproofError } from '@skillproof/core';
import { testAddresses } from '../../fixtures/bitcoin/test-addresses.js';

const at = new Date('2026-12-05T10:00:00Z');
const employers = ['acme', 'globex'];
const learners = ['did:key:z6MkA', 'did:key:z6MkB', 'did:key:z6MkC'];
const addresses = new Map(learners.map((did) => [did, testAddresses(did).testnet.p2wpkh]));
const addressOf = (did: string) => addresses.get(did)!;
const taskIds = ['t0', 't1', 't2'];
const txid = (n: number) => n.toString(16).padStart(64, '0');

type Operation =
  | { op: 'post'; task: number; employer: number; reward: number }
  | { op: 'claim'; task: number; learner: number }
  | { op: 'accept'; task: number; employer: number; learner: number }
  | { op: 'pay'; task: number; employer: number; tx: number }
  | { op: 'cancel'; task: number; employer: number };

const index = (length: number) => fc.integer({ min: 0, max: length - 1 });
const operation: fc.Arbitrary<Operation> = fc.oneof(
  fc.record({
    op: fc.constant('post' as const),
    task: index(taskIds.length),
    employer: index(employers.length),
    reward: fc.oneof(
      fc.integer({ min: 1, max: 2_100_000_000_000_000 }),
      fc.integer({ min: -5, max: 5 }),
    ),
  }),
  fc.record({ op: fc.constant('claim' as const), task: index(3), learner: index(3) }),
  fc.record({
    op: fc.constant('accept' as const),
    task: index(3),
    employer: index(2),
    learner: index(3),
  }),
  fc.record({ op: fc.constant('pay' as const), task: index(3), employer: index(2), tx: fc.nat() }),
  fc.record({ op: fc.constant('cancel' as const), task: index(3), employer: index(2) }),
);

/** What the operation decides on a task's history: the entry to append. */
function decide(history: LedgerEntry[], operation: Operation): LedgerEntry {
  const taskId = taskIds[operation.task]!;
  switch (operation.op) {
    case 'post':
      return postTask(history, {
        taskId,
        employerId: employers[operation.employer]!,
        rewardSats: operation.reward,
        network: 'testnet',
        at,
      });
    case 'claim': {
      const learnerDid = learners[operation.learner]!;
      return claimTask(history, { learnerDid, address: addressOf(learnerDid), at });
    }
    case 'accept':
      return acceptTaskClaim(history, {
        employerId: employers[operation.employer]!,
        learnerDid: learners[operation.learner]!,
        at,
      });
    case 'pay':
      return recordTaskPayment(history, {
        employerId: employers[operation.employer]!,
        txid: txid(operation.tx),
        at,
      });
    case 'cancel':
      return cancelTask(history, { employerId: employers[operation.employer]!, reason: 'r', at });
  }
}

/** An append-only store that appends an entry only when its sequence is its task's next. */
class SequencedLedger {
  readonly entries: LedgerEntry[] = [];
  history(taskId: string): LedgerEntry[] {
    return this.entries.filter((entry) => entry.taskId === taskId);
  }
  append(entry: LedgerEntry): boolean {
    if (entry.sequence !== this.history(entry.taskId).length) return false;
    this.entries.push(entry);
    return true;
  }
}

/** Throws when `holds` is false (plain checks: these run thousands of times per property). */
function invariant(holds: boolean, what: string): void {
  if (!holds) throw new Error(`invariant broken: ${what}`);
}

function checkInvariants(ledger: SequencedLedger): void {
  // Every entry balances; no escrow, payable or `paid` ever goes negative (ledgerBalances
  // checks both while folding, entry by entry, and throws LEDGER_INVALID).
  const balances = ledgerBalances(ledger.entries);
  for (const entry of ledger.entries) {
    const sum = entry.postings.reduce((total, posting) => total + posting.amountSats, 0);
    invariant(sum === 0, `entry ${entry.taskId}#${entry.sequence} sums to ${sum}`);
  }
  let paidTotal = 0;
  const committed = new Map<string, number>();
  for (const taskId of taskIds) {
    const history = ledger.history(taskId);
    if (history.length === 0) continue;
    const task = taskStateOf(history);
    const count = (kind: string) => history.filter((entry) => entry.kind === kind).length;
    invariant(count('paid') <= 1, `${taskId} paid at most once`);
    invariant(count('accepted') <= 1, `${taskId} accepted at most once`);
    invariant(count('posted') === 1, `${taskId} posted once`);
    if (task.status === 'paid') paidTotal += task.rewardSats;
    if (task.status !== 'cancelled') {
      committed.set(task.employerId, (committed.get(task.employerId) ?? 0) - task.rewardSats);
    }
    // The reward sits in exactly one place: escrow, a payable, paid, or back with the employer.
    const inEscrow = task.status === 'open' || task.status === 'claimed' ? task.rewardSats : 0;
    invariant(balances.get(ledgerAccounts.escrow(taskId)) === inEscrow, `${taskId} escrow`);
  }
  invariant((balances.get(ledgerAccounts.paid) ?? 0) === paidTotal, 'paid is the paid rewards');
  for (const employerId of employers) {
    invariant(
      (balances.get(ledgerAccounts.committed(employerId)) ?? 0) ===
        (committed.get(employerId) ?? 0),
      `${employerId} committed is the rewards of their live tasks`,
    );
  }
  for (const learnerDid of learners) {
    invariant((balances.get(ledgerAccounts.payable(learnerDid)) ?? 0) >= 0, 'payable >= 0');
  }
}

describe('ledger properties', () => {
  it('any sequence of operations keeps double entry, never overdraws, pays at most once', () => {
    const reached = new Set<string>();
    fc.assert(
      fc.property(fc.array(operation, { minLength: 20, maxLength: 80 }), (operations) => {
        const ledger = new SequencedLedger();
        for (const next of operations) {
          const before = ledger.entries.length;
          let entry: LedgerEntry | undefined;
          try {
            entry = decide(ledger.history(taskIds[next.task]!), next);
          } catch (error) {
            // Refusals are SkillproofErrors with a stable code, and write nothing.
            invariant(isSkillproofError(error), `a refusal is a SkillproofError: ${String(error)}`);
          }
          if (entry) {
            invariant(ledger.append(entry), 'a decided entry is the next of its task');
            reached.add(entry.kind);
          } else invariant(ledger.entries.length === before, 'a refusal writes nothing');
          checkInvariants(ledger);
        }
      }),
      { numRuns: 300 },
    );
    // The runs went through every step of a task's life, not just refusals.
    expect([...reached].sort()).toEqual(['accepted', 'cancelled', 'claimed', 'paid', 'posted']);
  });

  it('two changes decided on the same history: the sequence lets only one in, the other is decided again', () => {
    fc.assert(
      fc.property(
        fc.array(operation, { minLength: 10, maxLength: 40 }),
        fc.array(fc.tuple(operation, operation), { minLength: 5, maxLength: 30 }),
        (prefix, races) => {
          const ledger = new SequencedLedger();
          const tryAppend = (next: Operation, history: LedgerEntry[]) => {
            try {
              return ledger.append(decide(history, next));
            } catch {
              return false;
            }
          };
          for (const next of prefix) tryAppend(next, ledger.history(taskIds[next.task]!));
          for (const [first, second] of races) {
            // Both read the task before either writes, as two board instances would.
            const firstSnapshot = ledger.history(taskIds[first.task]!);
            const secondSnapshot = ledger.history(taskIds[second.task]!);
            const firstIn = tryAppend(first, firstSnapshot);
            const secondIn = tryAppend(second, secondSnapshot);
            if (!secondIn) tryAppend(second, ledger.history(taskIds[second.task]!));
            if (firstIn && first.task === second.task) {
              // The second was decided on a stale history: it can't have gone in as is.
              invariant(!secondIn, 'a change decided on a stale history is refused');
            }
            checkInvariants(ledger);
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('without the sequence check, two payments decided at once would both go in', () => {
    const history: LedgerEntry[] = [];
    history.push(
      postTask(history, {
        taskId: 't0',
        employerId: 'acme',
        rewardSats: 100,
        network: 'testnet',
        at,
      }),
    );
    history.push(
      claimTask(history, { learnerDid: learners[0]!, address: addressOf(learners[0]!), at }),
    );
    history.push(acceptTaskClaim(history, { employerId: 'acme', learnerDid: learners[0]!, at }));
    const one = recordTaskPayment(history, { employerId: 'acme', txid: txid(1), at });
    const two = recordTaskPayment(history, { employerId: 'acme', txid: txid(2), at });
    expect(one.sequence).toBe(two.sequence);
    expect(() => ledgerBalances([...history, one, two])).toThrow(
      expect.objectContaining({ code: 'LEDGER_INVALID' }),
    );
    const ledger = new SequencedLedger();
    for (const entry of history) ledger.append(entry);
    expect([ledger.append(one), ledger.append(two)]).toEqual([true, false]);
  });
});
