import type { CredentialStatusRecord } from '../ports/status-list-store.js';

function statusWord(record: CredentialStatusRecord): string {
  if (record.revoked === null && record.suspended === null) return 'no status';
  const words = [
    ...(record.revoked ? ['revoked'] : []),
    ...(record.suspended ? ['suspended'] : []),
  ];
  return words.length === 0 ? 'active' : words.join('+');
}

/**
 * Credentials as a plain-text table (one line each, columns padded), for the admin commands.
 *
 * @example
 * ```ts
 * process.stdout.write(formatCredentialTable(await listCommand(data, {})));
 * ```
 */
export function formatCredentialTable(records: readonly CredentialStatusRecord[]): string {
  if (records.length === 0) return 'no credentials\n';
  const rows = [
    ['ID', 'STATUS', 'ISSUED', 'LEARNER', 'ACHIEVEMENT'],
    ...records.map((record) => [
      record.credentialId,
      statusWord(record),
      record.issuedAt,
      record.subjectDid ?? '-',
      record.achievementId ?? '-',
    ]),
  ];
  const widths = rows[0]!.map((_, column) =>
    Math.max(...rows.map((row) => (row[column] ?? '').length)),
  );
  return rows
    .map((row) =>
      row
        .map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column]!)))
        .join('  '),
    )
    .join('\n')
    .concat('\n');
}
