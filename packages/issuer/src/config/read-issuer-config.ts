import { SkillproofError } from '@skillproof/core';

/** The issuer's settings, as read from the environment by `main.ts`. */
export interface IssuerSettings {
  port: number;
  host: string;
  dataDir: string;
  /** Public base URL, no trailing slash. */
  url: string;
  name: string;
  /** `undefined` when unset: `main.ts` then generates one for the run. */
  adminToken: string | undefined;
  /** `undefined` when unset: `main.ts` then keeps one in `<dataDir>/key-secret`. */
  keySecret: string | undefined;
  /** `undefined` when unset: the issuer then derives one from the key secret. */
  puzzleSecret: string | undefined;
  /** A catalogue folder replacing the default one; `undefined` when unset. */
  catalogDir: string | undefined;
}

function invalid(message: string): never {
  throw new SkillproofError('CONFIGURATION_INVALID', message);
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}

/**
 * Reads and checks the issuer's settings: `PORT` (default 4100), `HOST` (127.0.0.1),
 * `DATA_DIR` (`./.skillproof/issuer`), `ISSUER_URL` (`http://localhost:<PORT>`),
 * `ISSUER_NAME` (Skillproof Academy), `ISSUER_ADMIN_TOKEN`, `ISSUER_KEY_SECRET`,
 * `ISSUER_PUZZLE_SECRET` (at least 16 characters; seeds learners' puzzle inputs),
 * `ISSUER_CATALOG_DIR` (a catalogue folder to offer instead of the default one).
 *
 * @throws SkillproofError `CONFIGURATION_INVALID` naming the first bad variable.
 * @example
 * ```ts
 * const settings = readIssuerConfig(process.env);
 * ```
 */
export function readIssuerConfig(
  env: Readonly<Record<string, string | undefined>>,
): IssuerSettings {
  const portText = nonEmpty(env['PORT']) ?? '4100';
  if (!/^\d{1,5}$/.test(portText) || Number(portText) > 65535) {
    invalid(`PORT must be a number from 0 to 65535, got ${JSON.stringify(portText)}`);
  }
  const port = Number(portText);

  const urlText = nonEmpty(env['ISSUER_URL']) ?? `http://localhost:${port}`;
  let url: URL;
  try {
    url = new URL(urlText);
  } catch {
    invalid(`ISSUER_URL must be an absolute URL, got ${JSON.stringify(urlText)}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    invalid(`ISSUER_URL must be an http or https URL, got ${JSON.stringify(urlText)}`);
  }
  if (url.search !== '' || url.hash !== '' || url.username !== '' || url.password !== '') {
    invalid('ISSUER_URL must be a plain base URL (no credentials, query or fragment)');
  }

  const adminToken = nonEmpty(env['ISSUER_ADMIN_TOKEN']);
  if (adminToken !== undefined && adminToken.length < 16) {
    invalid('ISSUER_ADMIN_TOKEN must be at least 16 characters');
  }

  const puzzleSecret = nonEmpty(env['ISSUER_PUZZLE_SECRET']);
  if (puzzleSecret !== undefined && puzzleSecret.length < 16) {
    invalid('ISSUER_PUZZLE_SECRET must be at least 16 characters');
  }

  return {
    port,
    host: nonEmpty(env['HOST']) ?? '127.0.0.1',
    dataDir: nonEmpty(env['DATA_DIR']) ?? './.skillproof/issuer',
    url: url.href.replace(/\/+$/, ''),
    name: nonEmpty(env['ISSUER_NAME']) ?? 'Skillproof Academy',
    adminToken,
    keySecret: nonEmpty(env['ISSUER_KEY_SECRET']),
    puzzleSecret,
    catalogDir: nonEmpty(env['ISSUER_CATALOG_DIR']),
  };
}
