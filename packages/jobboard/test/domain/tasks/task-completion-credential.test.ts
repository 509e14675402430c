import { describe, expect, it } from '@jest/globals';
import { buildTaskCompletionCredential } from '@skillproof/jobboard';
import { ob3SchemaErrors } from '@skillproof/testing';

const txid = 'c0ffee'.padEnd(64, '0');
const credential = buildTaskCompletionCredential({
  id: 'urn:uuid:7b1c9f2e-2a55-4a8e-9d43-0a3b7d1f5e10',
  board: { id: 'did:web:board.example', name: 'Skillproof Jobs', url: 'https://board.example/' },
  taskId: 'task-42',
  taskTitle: 'Fix the date parser',
  employerName: 'Acme',
  learnerDid: 'did:key:z6MkLearner',
  paidSats: 50_000,
  network: 'signet',
  txid,
  paidAt: new Date('2026-12-05T10:11:12.345Z'),
});

describe('buildTaskCompletionCredential', () => {
  it('is an OpenBadgeCredential that says what was done, for whom, and what was paid', () => {
    expect(credential.type).toEqual(['VerifiableCredential', 'OpenBadgeCredential']);
    expect(credential.validFrom).toBe('2026-12-05T10:11:12Z');
    expect(credential.credentialSubject.id).toBe('did:key:z6MkLearner');
    expect(credential.credentialSubject.achievement).toMatchObject({
      id: 'https://board.example/tasks/task-42',
      name: 'Completed task Fix the date parser for Acme',
    });
    expect(credential.credentialSubject.result).toEqual([
      {
        type: ['Result'],
        resultDescription: 'https://board.example/tasks/task-42#paid-sats',
        value: '50000',
      },
    ]);
    expect(credential.evidence[0]!.description).toContain(txid);
    expect(credential.evidence[0]!.description).toContain('50000 sats on bitcoin signet');
  });

  it('fits the OB 3.0 AchievementCredential JSON schema', () => {
    expect(ob3SchemaErrors(credential)).toEqual([]);
  });

  it('the schema check fails what the schema forbids', () => {
    const { criteria: _criteria, ...achievement } = credential.credentialSubject.achievement;
    expect(
      ob3SchemaErrors({
        ...credential,
        '@context': ['https://www.w3.org/2018/credentials/v1'],
        credentialSubject: { ...credential.credentialSubject, achievement },
      }),
    ).toEqual(
      expect.arrayContaining([
        expect.stringContaining('/@context'),
        expect.stringContaining("required property 'criteria'"),
      ]),
    );
  });

  it('refuses an amount that is not whole satoshis', () => {
    expect(() =>
      buildTaskCompletionCredential({
        id: 'urn:uuid:x',
        board: { id: 'did:web:b', name: 'B', url: 'https://b' },
        taskId: 't',
        taskTitle: 'T',
        employerName: 'E',
        learnerDid: 'did:key:z',
        paidSats: 0.5,
        network: 'testnet',
        txid,
        paidAt: new Date(),
      }),
    ).toThrow(expect.objectContaining({ code: 'AMOUNT_INVALID' }));
  });
});
