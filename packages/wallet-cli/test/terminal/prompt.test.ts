import { describe, expect, it } from '@jest/globals';
import { PassThrough } from 'node:stream';
import { createTerminalPrompter, UsageError } from '@skillproof/wallet-cli';

/** A stand-in terminal: a stream that says it is a TTY and records raw mode. */
function fakeTerminal() {
  const input = Object.assign(new PassThrough(), {
    isTTY: true,
    rawModes: [] as boolean[],
    setRawMode(mode: boolean) {
      input.rawModes.push(mode);
      return input;
    },
  });
  let written = '';
  const output = Object.assign(new PassThrough(), { isTTY: true });
  output.on('data', (chunk: Buffer) => (written += chunk.toString('utf8')));
  return {
    input,
    output,
    written: () => written,
  };
}

describe('the terminal prompter', () => {
  it('reads piped answers one line per question', async () => {
    const input = new PassThrough();
    const prompter = createTerminalPrompter(
      input as unknown as NodeJS.ReadStream,
      new PassThrough() as unknown as NodeJS.WriteStream,
    );
    input.end('2\n  b  \n');
    expect(await prompter.ask('first? ')).toBe('2');
    expect(await prompter.ask('second? ')).toBe('b');
    await expect(prompter.ask('third? ')).rejects.toThrow(/input ended/);
  });

  it('asks no passphrase without a terminal, and leaves the piped answers to the questions', async () => {
    const input = new PassThrough();
    const output = new PassThrough();
    let written = '';
    output.on('data', (chunk: Buffer) => (written += chunk.toString('utf8')));
    const prompter = createTerminalPrompter(
      input as unknown as NodeJS.ReadStream,
      output as unknown as NodeJS.WriteStream,
    );
    input.end('y\n');
    await expect(prompter.askSecret('Wallet passphrase: ')).rejects.toThrow(
      new UsageError(
        'no terminal to ask for the passphrase: set SKILLPROOF_PASSPHRASE (or --passphrase-file)',
      ),
    );
    expect(await prompter.ask('Share them and apply? [y/N] ')).toBe('y');
    await new Promise((resolve) => setImmediate(resolve));
    expect(written).toBe('Share them and apply? [y/N] ');
  });

  it('reads a passphrase in raw mode on a terminal, unechoed, even after line questions', async () => {
    const terminal = fakeTerminal();
    const prompter = createTerminalPrompter(
      terminal.input as unknown as NodeJS.ReadStream,
      terminal.output as unknown as NodeJS.WriteStream,
    );
    const confirmed = prompter.ask('Share them and apply? [y/N] ');
    terminal.input.write('y\n');
    expect(await confirmed).toBe('y');
    const secret = prompter.askSecret('Wallet passphrase: ');
    terminal.input.write('s3cret passx\u007f\r');
    expect(await secret).toBe('s3cret pass');
    expect(terminal.input.rawModes).toEqual([true, false]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(terminal.written()).toBe('Share them and apply? [y/N] Wallet passphrase: \n');
    // Line questions work again afterwards.
    const next = prompter.ask('Next? ');
    terminal.input.write('yes\n');
    expect(await next).toBe('yes');
  });
});
