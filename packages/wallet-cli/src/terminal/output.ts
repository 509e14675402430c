import picocolors from 'picocolors';

/** Where a command writes, and how. */
export interface Output {
  /** `--json`: print data as JSON, nothing else on stdout. */
  json: boolean;
  /** Colours only for a terminal, and never with NO_COLOR (https://no-color.org). */
  color: boolean;
  /** Spinners and progress bars only when stderr is a terminal. */
  interactive: boolean;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

type Style = 'bold' | 'dim' | 'green' | 'red' | 'yellow' | 'cyan';

const coloured = picocolors.createColors(true);

/**
 * Wraps text in an ANSI style when `output.color` is on.
 *
 * @example
 * ```ts
 * paint(output, 'green', 'valid');
 * ```
 */
export function paint(output: Pick<Output, 'color'>, style: Style, text: string): string {
  return output.color ? coloured[style](text) : text;
}

// eslint-disable-next-line no-control-regex
const ansiPattern = /\u001b\[[0-9;]*m/g;
// Text from credentials and services, which anyone can write: no terminal escapes get through,
// and no line breaks either, so a name can't forge a row of a table or a second line of an error.
// eslint-disable-next-line no-control-regex
const controlCharacters = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;
const lineBreaksAndTabs = /[\t\n\r]+/g;

/**
 * `text` on one line, with control characters (terminal escapes) replaced: safe to print.
 *
 * @example
 * ```ts
 * printable('Git\u001b[2J'); // 'Git\uFFFD[2J'
 * printable('Git\nBasics'); // 'Git Basics'
 * ```
 */
export function printable(text: string): string {
  return text.replace(lineBreaksAndTabs, ' ').replace(controlCharacters, '\uFFFD');
}

/**
 * Renders rows as an aligned table with a bold header line.
 *
 * @example
 * ```ts
 * renderTable(output, ['BADGE', 'STATUS'], [['Git Basics', 'valid']]);
 * ```
 */
export function renderTable(
  output: Pick<Output, 'color'>,
  headers: string[],
  rows: string[][],
): string {
  const widthOf = (cell: string) => cell.replace(ansiPattern, '').length;
  const widths = headers.map((header, column) =>
    Math.max(header.length, ...rows.map((row) => widthOf(row[column] ?? ''))),
  );
  const line = (cells: string[]) =>
    cells
      .map((cell, column) => cell + ' '.repeat(Math.max(0, (widths[column] ?? 0) - widthOf(cell))))
      .join('  ')
      .trimEnd();
  return [paint(output, 'bold', line(headers)), ...rows.map(line)].join('\n');
}

const frames = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

/**
 * Shows a spinner on stderr while a network step runs, on a terminal only (so piped output and
 * `--json` stay clean).
 *
 * @example
 * ```ts
 * const catalog = await withProgress(output, 'fetching the catalogue', () => fetchCatalog());
 * ```
 */
export async function withProgress<T>(
  output: Output,
  label: string,
  work: () => Promise<T>,
): Promise<T> {
  if (!output.interactive || output.json) return work();
  let frame = 0;
  const timer = setInterval(
    () => output.stderr(`\r${frames[frame++ % frames.length]} ${label}`),
    80,
  );
  try {
    const result = await work();
    output.stderr(`\r${paint(output, 'green', '✔')} ${label}\n`);
    return result;
  } catch (error) {
    output.stderr(`\r${paint(output, 'red', '✖')} ${label}\n`);
    throw error;
  } finally {
    clearInterval(timer);
  }
}

/**
 * A progress bar on stderr for work over many items, on a terminal only. Call the returned
 * `tick` after each item and `done` at the end.
 *
 * @example
 * ```ts
 * const bar = progressBar(output, 'checking badges', 200);
 * bar.tick();
 * bar.done();
 * ```
 */
export function progressBar(
  output: Output,
  label: string,
  total: number,
): { tick: () => void; done: () => void } {
  if (!output.interactive || output.json || total === 0) return { tick: () => {}, done: () => {} };
  let count = 0;
  const draw = () => {
    const width = 24;
    const filled = Math.round((count / total) * width);
    output.stderr(
      `\r${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${count}/${total}`,
    );
  };
  draw();
  return {
    tick: () => {
      count += 1;
      draw();
    },
    done: () => output.stderr('\n'),
  };
}
