import { resolve } from 'node:path';

/** The settings `main.ts` runs the job board with. */
export interface MainConfig {
  port: number;
  host: string;
  dataDir: string;
  /** The public base URL; its origin is the presentation domain. */
  url: string;
  /** Unset: `main.ts` makes one for the run. */
  adminToken: string | undefined;
  /** Issuers whose catalogues the posting form offers (`JOBBOARD_ISSUER_URLS`). */
  issuerUrls: string[];
  /** Processes serving the board over the one SQLite file (`JOBBOARD_WORKERS`); absent: one. */
  workers?: number;
  /** Presentation requests per client address and minute (`JOBBOARD_PRESENTATION_REQUESTS_PER_MINUTE`); absent: the app's default. */
  presentationRequestsPerMinute?: number;
}

/** A setting that can't be used; its message is the one line `main.ts` prints. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

// Bearer tokens are matched against this alphabet (core `bearerToken`); an admin token with any
// other character could never be presented.
const tokenPattern = /^[A-Za-z0-9._~+/=-]{1,512}$/;

/**
 * Reads `PORT` (4300), `HOST` (127.0.0.1), `DATA_DIR` (`./.skillproof/jobboard`),
 * `JOBBOARD_URL` (`http://localhost:<PORT>`), `JOBBOARD_ADMIN_TOKEN` and `JOBBOARD_ISSUER_URLS`
 * (comma-separated issuer base URLs, default none) and `JOBBOARD_WORKERS` (processes sharing the
 * port and the database, default 1) from `env`.
 *
 * @throws ConfigError naming the setting that is wrong.
 */
export function readMainConfig(env: Record<string, string | undefined>): MainConfig {
  const portText = env['PORT'] ?? '4300';
  const port = Number(portText);
  if (!/^\d{1,5}$/.test(portText) || port > 65535) {
    throw new ConfigError(`PORT must be a port number (0-65535), not "${portText}"`);
  }
  const url = env['JOBBOARD_URL'] ?? `http://localhost:${port}`;
  let protocol: string | undefined;
  try {
    protocol = new URL(url).protocol;
  } catch {
    protocol = undefined;
  }
  if (protocol !== 'http:' && protocol !== 'https:') {
    throw new ConfigError(`JOBBOARD_URL must be an absolute http(s) URL, not "${url}"`);
  }
  const adminToken = env['JOBBOARD_ADMIN_TOKEN'];
  if (adminToken !== undefined && !tokenPattern.test(adminToken)) {
    throw new ConfigError(
      'JOBBOARD_ADMIN_TOKEN must be 1-512 characters of A-Z a-z 0-9 . _ ~ + / = -',
    );
  }
  const issuerUrls = (env['JOBBOARD_ISSUER_URLS'] ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
  for (const issuerUrl of issuerUrls) {
    if (!isHttpUrl(issuerUrl)) {
      throw new ConfigError(
        `JOBBOARD_ISSUER_URLS must list absolute http(s) URLs separated by commas, not "${issuerUrl}"`,
      );
    }
  }
  const workersText = env['JOBBOARD_WORKERS'];
  if (workersText !== undefined && !/^([1-9]|[1-5][0-9]|6[0-4])$/.test(workersText)) {
    throw new ConfigError(
      `JOBBOARD_WORKERS must be a number of processes (1-64), not "${workersText}"`,
    );
  }
  const requestsText = env['JOBBOARD_PRESENTATION_REQUESTS_PER_MINUTE'];
  if (requestsText !== undefined && !/^[1-9][0-9]{0,6}$/.test(requestsText)) {
    throw new ConfigError(
      `JOBBOARD_PRESENTATION_REQUESTS_PER_MINUTE must be a whole number from 1 to 9999999, not "${requestsText}"`,
    );
  }
  const host = env['HOST'] ?? '127.0.0.1';
  if (host.trim() === '') throw new ConfigError('HOST must not be empty');
  return {
    port,
    host,
    dataDir: resolve(env['DATA_DIR'] ?? './.skillproof/jobboard'),
    url,
    adminToken,
    issuerUrls,
    ...(workersText === undefined ? {} : { workers: Number(workersText) }),
    ...(requestsText === undefined ? {} : { presentationRequestsPerMinute: Number(requestsText) }),
  };
}

function isHttpUrl(text: string): boolean {
  try {
    const { protocol } = new URL(text);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}
