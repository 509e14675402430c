// A realistic Open Badges 3.0 credential on VCDM 2.0, unsigned, for the Data Integrity tests and
// the benchmark's fixtures.

/** An unsigned OpenBadgeCredential (VCDM 2.0 + OB 3.0.3) issued by `issuer` to `subject`. */
export function openBadgeV2Credential(issuer: string, subject: string): Record<string, unknown> {
  return {
    '@context': [
      'https://www.w3.org/ns/credentials/v2',
      'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
    ],
    id: 'urn:uuid:5f9b1f5e-8d4e-4c3a-9b64-3a0c2f1d7e21',
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    name: 'Python Problem Solver I',
    issuer: {
      id: issuer,
      type: ['Profile'],
      name: 'Example Academy',
      url: 'https://academy.example',
    },
    validFrom: '2026-01-15T09:00:00Z',
    validUntil: '2031-01-15T09:00:00Z',
    credentialSubject: {
      id: subject,
      type: ['AchievementSubject'],
      achievement: {
        id: 'https://academy.example/achievements/python-problem-solver-1',
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
      id: 'https://academy.example/status/1#94567',
      type: 'BitstringStatusListEntry',
      statusPurpose: 'revocation',
      statusListIndex: '94567',
      statusListCredential: 'https://academy.example/status/1',
    },
  };
}
