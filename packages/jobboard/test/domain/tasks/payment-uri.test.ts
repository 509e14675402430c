import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { buildPaymentUri } from '@skillproof/jobboard';

// BIP-21's own examples; notice in the file.
const vectors = JSON.parse(
  readFileSync(new URL('../../fixtures/bitcoin/bip21-examples.json', import.meta.url), 'utf8'),
) as {
  examples: Array<{
    uri: string;
    address: string;
    amountSats?: number;
    label?: string;
    message?: string;
  }>;
};

describe('buildPaymentUri (BIP-21)', () => {
  it.each(vectors.examples)('builds $uri', ({ uri, ...input }) => {
    expect(buildPaymentUri(input)).toBe(uri);
  });

  it('percent-encodes UTF-8 and the separators, so a label cannot add parameters', () => {
    const uri = buildPaymentUri({
      address: 'tb1qexample',
      amountSats: 1,
      label: 'Zoë & Co',
      message: 'task=7&amount=21000000 (fix #3)',
    });
    expect(uri).toBe(
      'bitcoin:tb1qexample?amount=0.00000001&label=Zo%C3%AB%20%26%20Co&message=task%3D7%26amount%3D21000000%20%28fix%20%233%29',
    );
    const parsed = new URL(uri);
    expect(parsed.searchParams.get('amount')).toBe('0.00000001');
    expect(parsed.searchParams.get('label')).toBe('Zoë & Co');
    expect([...parsed.searchParams.keys()]).toEqual(['amount', 'label', 'message']);
  });

  it('refuses an amount that is not whole satoshis in range', () => {
    for (const amountSats of [0, 0.5, 2_100_000_000_000_001]) {
      expect(() => buildPaymentUri({ address: 'tb1qexample', amountSats })).toThrow(
        expect.objectContaining({ code: 'AMOUNT_INVALID' }),
      );
    }
  });
});
