import { describe, expect, it } from '@jest/globals';
import { derivePresentationDefinition } from '@skillproof/jobboard';

const issuerA = 'did:key:z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp';
const issuerB = 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK';

describe('derivePresentationDefinition', () => {
  it('makes one required input descriptor per requirement (DIF PE v2)', () => {
    const definition = derivePresentationDefinition({
      id: 'posting-1',
      title: 'Data analyst',
      requirements: [
        {
          id: 'r1',
          achievementId: 'https://academy.test/achievements/python-problems-1',
          acceptedIssuers: [issuerA, issuerB],
        },
        {
          id: 'r2',
          achievementId: 'urn:uuid:2c5d0a4e-1f7b-4f0e-9a0a-6c1d2f3e4b5a',
          acceptedIssuers: [issuerB],
        },
      ],
    });
    expect(definition).toEqual({
      id: 'posting-1',
      name: 'Data analyst',
      purpose: 'Show the badges that "Data analyst" requires',
      format: { jwt_vc: { alg: ['EdDSA'] }, jwt_vp: { alg: ['EdDSA'] } },
      input_descriptors: [
        {
          id: 'r1',
          name: 'https://academy.test/achievements/python-problems-1',
          purpose:
            'A badge for https://academy.test/achievements/python-problems-1 from an accepted issuer',
          constraints: {
            fields: [
              {
                path: [
                  '$.credentialSubject.achievement.id',
                  '$.vc.credentialSubject.achievement.id',
                ],
                filter: {
                  type: 'string',
                  const: 'https://academy.test/achievements/python-problems-1',
                },
              },
              {
                path: ['$.issuer.id', '$.issuer', '$.iss', '$.vc.issuer'],
                filter: { type: 'string', enum: [issuerA, issuerB] },
              },
            ],
          },
        },
        {
          id: 'r2',
          name: 'urn:uuid:2c5d0a4e-1f7b-4f0e-9a0a-6c1d2f3e4b5a',
          purpose:
            'A badge for urn:uuid:2c5d0a4e-1f7b-4f0e-9a0a-6c1d2f3e4b5a from an accepted issuer',
          constraints: {
            fields: [
              {
                path: [
                  '$.credentialSubject.achievement.id',
                  '$.vc.credentialSubject.achievement.id',
                ],
                filter: { type: 'string', const: 'urn:uuid:2c5d0a4e-1f7b-4f0e-9a0a-6c1d2f3e4b5a' },
              },
              {
                path: ['$.issuer.id', '$.issuer', '$.iss', '$.vc.issuer'],
                filter: { type: 'string', enum: [issuerB] },
              },
            ],
          },
        },
      ],
    });
    expect(definition).not.toHaveProperty('submission_requirements');
  });

  it('does not share the issuer list with the requirement it came from', () => {
    const requirement = { id: 'r1', achievementId: 'https://a.test/x', acceptedIssuers: [issuerA] };
    const definition = derivePresentationDefinition({
      id: 'p',
      title: 't',
      requirements: [requirement],
    });
    requirement.acceptedIssuers.push(issuerB);
    expect(definition.input_descriptors[0]?.constraints.fields[1]?.filter.enum).toEqual([issuerA]);
  });
});
