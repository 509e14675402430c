import type { ApplicationOutcome } from '../openid4vp/submit-openid4vp-response.js';
import { paint, printable, renderTable, type Output } from '../terminal/output.js';

/**
 * A board's decision for the terminal: qualified or not (`for`, e.g. a posting's title in
 * quotes, after it), then a table with a reason per requirement.
 *
 * @example
 * ```ts
 * lines.push(...renderDecision(context.output, application, '"Git person"'));
 * ```
 */
export function renderDecision(
  output: Output,
  application: Pick<ApplicationOutcome, 'qualified' | 'requirements'>,
  subject?: string,
): string[] {
  const suffix = subject === undefined ? '' : ` for ${subject}`;
  return [
    application.qualified
      ? paint(output, 'green', `✔ qualified${suffix}`)
      : paint(output, 'red', `✖ not qualified${suffix}`),
    renderTable(
      output,
      ['REQUIREMENT', 'MET', 'REASON'],
      application.requirements.map((requirement) => [
        printable(requirement.id),
        requirement.met ? paint(output, 'green', 'yes') : paint(output, 'red', 'no'),
        printable(requirement.reason),
      ]),
    ),
  ];
}
