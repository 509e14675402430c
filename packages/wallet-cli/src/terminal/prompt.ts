import { createInterface } from 'node:readline';
import { SkillproofError } from '@skillproof/core';
import { UsageError } from '../usage-error.js';

/** Asks the person at the terminal. Tests give scripted answers. */
export interface Prompter {
  ask(question: string): Promise<string>;
  askSecret(question: string): Promise<string>;
}

/** What a secret prompt says when stdin is not a terminal. */
export const noTerminalForPassphrase =
  'no terminal to ask for the passphrase: set SKILLPROOF_PASSPHRASE (or --passphrase-file)';

/**
 * A prompter on stdin/stderr. Lines are read from one shared reader, so answers piped into stdin
 * (`printf 'b\nc\n' | skillproof attempt …`) are consumed one per question. A secret is read
 * only from a terminal, unechoed: when stdin is not one, `askSecret` refuses at once (a
 * passphrase in a pipe would sit in a script or the shell history; scripts set
 * `SKILLPROOF_PASSPHRASE` or `--passphrase-file`), and the piped lines stay for the questions.
 *
 * @example
 * ```ts
 * const answer = await createTerminalPrompter().ask('Share them and apply? [y/N] ');
 * ```
 */
export function createTerminalPrompter(
  input: NodeJS.ReadStream = process.stdin,
  output: NodeJS.WriteStream = process.stderr,
): Prompter {
  const lines: string[] = [];
  const waiting: Array<(line: string | undefined) => void> = [];
  let closed = false;
  let reader: ReturnType<typeof createInterface> | undefined;
  const start = () => {
    if (reader) return;
    const opened = createInterface({ input, terminal: false });
    reader = opened;
    opened.on('line', (line) => {
      const next = waiting.shift();
      if (next) next(line);
      else lines.push(line);
    });
    opened.on('close', () => {
      // Closed by us to read a secret: the input goes on.
      if (reader !== opened) return;
      closed = true;
      for (const next of waiting.splice(0)) next(undefined);
    });
  };
  const stopReading = () => {
    const open = reader;
    reader = undefined;
    open?.close();
  };
  const readLine = async (question: string): Promise<string> => {
    start();
    output.write(question);
    const line =
      lines.shift() ??
      (closed
        ? undefined
        : await new Promise<string | undefined>((resolve) => waiting.push(resolve)));
    if (line === undefined)
      throw new SkillproofError(
        'VALIDATION_FAILED',
        'input ended before every question was answered',
      );
    return line.trim();
  };
  return {
    ask: (question) => readLine(question),
    async askSecret(question) {
      if (!input.isTTY) throw new UsageError(noTerminalForPassphrase);
      // On a terminal, read keystrokes in raw mode so the passphrase is never echoed, even
      // after earlier questions were read line by line.
      stopReading();
      output.write(question);
      return readHidden(input, output);
    },
  };
}

function readHidden(input: NodeJS.ReadStream, output: NodeJS.WriteStream): Promise<string> {
  return new Promise((resolve, reject) => {
    let secret = '';
    input.setRawMode(true);
    input.resume();
    const finish = (error?: Error) => {
      input.off('data', onData);
      input.setRawMode(false);
      input.pause();
      output.write('\n');
      if (error) reject(error);
      else resolve(secret);
    };
    const onData = (chunk: Buffer) => {
      for (const char of chunk.toString('utf8')) {
        if (char === '\r' || char === '\n') return finish();
        if (char === '\u0003') return finish(new SkillproofError('VALIDATION_FAILED', 'cancelled'));
        if (char === '\u007f' || char === '\b') secret = secret.slice(0, -1);
        else secret += char;
      }
    };
    input.on('data', onData);
  });
}
