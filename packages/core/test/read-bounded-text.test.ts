import { describe, expect, it } from '@jest/globals';
import { readBoundedText } from '@skillproof/core';

const tooLarge = () => new Error('too large');

function streamed(chunks: string[], headers: Record<string, string> = {}): Response {
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(encoder.encode(chunk));
      controller.close();
    },
  });
  return new Response(body, { headers });
}

describe('readBoundedText', () => {
  it('reads a body within the bound, multi-byte characters split across chunks included', async () => {
    const euro = new TextEncoder().encode('€');
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(euro.slice(0, 1));
        controller.enqueue(euro.slice(1));
        controller.close();
      },
    });
    await expect(readBoundedText(new Response(body), { maxBytes: 3, tooLarge })).resolves.toBe('€');
    await expect(readBoundedText(streamed(['ab', 'cd']), { maxBytes: 4, tooLarge })).resolves.toBe(
      'abcd',
    );
  });

  it('refuses a declared length above the bound before reading', async () => {
    const response = new Response('x'.repeat(10), { headers: { 'content-length': '10' } });
    await expect(readBoundedText(response, { maxBytes: 5, tooLarge })).rejects.toThrow('too large');
  });

  it('counts what arrives when the length is missing or lies', async () => {
    await expect(
      readBoundedText(streamed(['abc', 'def']), { maxBytes: 5, tooLarge }),
    ).rejects.toThrow('too large');
    await expect(
      readBoundedText(streamed(['abc', 'def'], { 'content-length': '2' }), {
        maxBytes: 5,
        tooLarge,
      }),
    ).rejects.toThrow('too large');
  });

  it('reads an empty body as an empty string', async () => {
    await expect(readBoundedText(new Response(null), { maxBytes: 1, tooLarge })).resolves.toBe('');
  });
});
