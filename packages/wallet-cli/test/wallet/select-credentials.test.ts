import { describe, expect, it } from '@jest/globals';
import type { W3cCredential } from '@skillproof/core';
import {
  parsePostingUrl,
  selectCredentials,
  type PresentationDefinition,
} from '@skillproof/wallet-cli';

const git = 'https://issuer.example/achievements/git-basics';
const trusted = 'did:key:z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp';

function badge(achievementId: string, issuer: string): W3cCredential {
  return {
    '@context': ['https://www.w3.org/2018/credentials/v1'],
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    issuer: { id: issuer, name: 'Academy' },
    credentialSubject: {
      id: 'did:key:learner',
      achievement: { id: achievementId, name: 'Git Basics' },
    },
  };
}

const definition: PresentationDefinition = {
  id: 'posting-1',
  input_descriptors: [
    {
      id: 'r1',
      constraints: {
        fields: [
          { path: ['$.credentialSubject.achievement.id'], filter: { type: 'string', const: git } },
          { path: ['$.issuer.id', '$.issuer'], filter: { type: 'string', enum: [trusted] } },
        ],
      },
    },
  ],
};

describe('selectCredentials', () => {
  it('picks a badge for the right achievement from an accepted issuer', () => {
    const matches = selectCredentials(definition, [
      { id: 'a', credential: badge(git, trusted), expired: false },
    ]);
    expect(matches[0]?.credentialId).toBe('a');
  });

  it('skips a badge from an issuer the posting does not accept', () => {
    const matches = selectCredentials(definition, [
      { id: 'a', credential: badge(git, 'did:key:other'), expired: false },
    ]);
    expect(matches[0]?.credentialId).toBeUndefined();
  });

  it('skips expired badges and badges for other achievements', () => {
    const matches = selectCredentials(definition, [
      { id: 'old', credential: badge(git, trusted), expired: true },
      {
        id: 'other',
        credential: badge('https://issuer.example/achievements/sql', trusted),
        expired: false,
      },
    ]);
    expect(matches[0]?.credentialId).toBeUndefined();
  });
});

describe('parsePostingUrl', () => {
  it.each([
    ['http://localhost:4300/postings/abc', 'http://localhost:4300', 'abc'],
    ['http://localhost:4300/api/postings/abc/', 'http://localhost:4300', 'abc'],
    ['https://jobs.example/board/postings/x%20y', 'https://jobs.example/board', 'x y'],
  ])('reads %s', (url, base, postingId) => {
    expect(parsePostingUrl(url)).toEqual({ base, postingId });
  });

  it.each(['not a url', 'ftp://jobs.example/postings/1', 'http://jobs.example/jobs/1'])(
    'refuses %s',
    (url) => {
      expect(() => parsePostingUrl(url)).toThrow(
        expect.objectContaining({ code: 'VALIDATION_FAILED' }) as unknown as Error,
      );
    },
  );
});
