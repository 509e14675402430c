/** Where a command writes, and how. */
export interface Output {
  /** `--json`: print data as JSON, nothing else on stdout. */
  json: boolean;
  /** Colours and spinners only for a terminal (and never with NO_COLOR). */
  color: boolean;
  interactive: boolean;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

const codes = {
  bold: [1, 22],
  dim: [2, 22],
  green: [32, 39],
  red: [31, 39],
  yellow: [33, 39],
  cyan: [36, 39],
} as const;

/** Wraps text in an ANSI style when `output.color` is on. */
export function paint(
  output: Pick<Output, 'color'>,
  style: keyof typeof codes,
  text: string,
): string {
  if (!output.color) return text;
  const [open, close] = codes[style];
  return `\u001b[${open}m${text}\u001b[${close}m`;
}

// eslint-disable-next-line no-control-regex
const ansiPattern = /\u001b\[[0-9;]*m/g;

/** Renders rows as an aligned table with a header line. */
export function renderTable(
  output: Pick<Output, 'color'>,
  headers: string[],
  rows: string[][],
): string {
  const widths = headers.map((header, column) =>
    Math.max(
      header.length,
      ...rows.map((row) => (row[column] ?? '').replace(ansiPattern, '').length),
    ),
  );
  const line = (cells: string[]) =>
    cells
      .map(
        (cell, column) =>
          cell +
          ' '.repeat(Math.max(0, (widths[column] ?? 0) - cell.replace(ansiPattern, '').length)),
      )
      .join('  ')
      .trimEnd();
  return [paint(output, 'bold', line(headers)), ...rows.map(line)].join('\n');
}

/**
 * Shows progress of a network step: a spinner on a terminal, nothing otherwise (so piped output
 * and `--json` stay clean).
 */
export async function withProgress<T>(
  output: Output,
  label: string,
  work: () => Promise<T>,
): Promise<T> {
  if (!output.interactive || output.json) return work();
  const frames = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
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
