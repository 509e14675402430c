import { isAbsolute, resolve } from 'node:path';
import { SkillproofError } from '../skillproof-error.js';

/** Environment variables as `process.env` holds them. */
export type Environment = Readonly<Record<string, string | undefined>>;

/**
 * Reads typed settings from environment variables, with one rule for every service and the
 * wallet: a variable that is unset, empty or only whitespace is **unset** (its default applies);
 * anything else is trimmed (secrets excepted) and must be valid, or reading fails with
 * `CONFIGURATION_INVALID: NAME must be …, got "…"` naming the first bad variable.
 * Secrets are never echoed in the message.
 */
export interface ConfigReader {
  /** Free text. */
  text(name: string): string | undefined;
  text(name: string, fallback: string): string;
  /** A TCP port, 0 to 65535. */
  port(name: string, fallback: number): number;
  /** A whole number in `[min, max]`. */
  integer(name: string, range: { min: number; max: number }): number | undefined;
  integer(name: string, range: { min: number; max: number }, fallback: number): number;
  /**
   * An absolute http(s) URL with no credentials, query or fragment, returned without its
   * trailing slashes (a service's public base URL).
   */
  baseUrl(name: string, fallback: string): string;
  /** A comma-separated list of base URLs (as {@link baseUrl}); unset is an empty list. */
  baseUrls(name: string): string[];
  /** A comma-separated list of items each matching `pattern` (`what` says what they are). */
  list(name: string, item: { pattern: RegExp; what: string }): string[];
  /** A secret of at least `minLength` characters, matching `pattern` if given; never echoed. */
  secret(
    name: string,
    rules: { minLength: number; pattern?: RegExp; what?: string },
  ): string | undefined;
  /**
   * A file system path. A relative one resolves against `baseDir` (the folder the user ran the
   * command from), so every command of a service reaches the same files.
   */
  path(name: string, fallback: string): string;
}

/** Options of {@link readConfig}. */
export interface ReadConfigOptions {
  /**
   * What relative paths resolve against. Default: `INIT_CWD` (the folder a `pnpm` script was
   * started from, even when it runs inside a package) if set, else the process's folder.
   */
  baseDir?: string;
}

function invalid(name: string, what: string, value?: string): never {
  const got = value === undefined ? '' : `, got ${JSON.stringify(value)}`;
  throw new SkillproofError('CONFIGURATION_INVALID', `${name} must be ${what}${got}`);
}

function plainBaseUrl(name: string, value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    invalid(name, 'an absolute http(s) URL', value);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    invalid(name, 'an absolute http(s) URL', value);
  }
  if (url.search !== '' || url.hash !== '' || url.username !== '' || url.password !== '') {
    invalid(name, 'a plain base URL (no credentials, query or fragment)', value);
  }
  return url.href.replace(/\/+$/, '');
}

/**
 * The one configuration reader: every `main.ts`, admin command and the wallet read their
 * environment through it.
 *
 * @example
 * ```ts
 * const config = readConfig(process.env);
 * const port = config.port('PORT', 4100);
 * const url = config.baseUrl('ISSUER_URL', `http://localhost:${port}`);
 * const dataDir = config.path('DATA_DIR', '.skillproof/issuer');
 * ```
 */
export function readConfig(env: Environment, options: ReadConfigOptions = {}): ConfigReader {
  const valueOf = (name: string): string | undefined => {
    const raw = env[name];
    if (raw === undefined) return undefined;
    const trimmed = raw.trim();
    return trimmed === '' ? undefined : trimmed;
  };
  const baseDir = options.baseDir ?? valueOf('INIT_CWD') ?? process.cwd();
  const items = (name: string): string[] =>
    (valueOf(name) ?? '')
      .split(',')
      .map((item) => item.trim())
      .filter((item) => item !== '');

  function text(name: string): string | undefined;
  function text(name: string, fallback: string): string;
  function text(name: string, fallback?: string): string | undefined {
    return valueOf(name) ?? fallback;
  }

  function integer(name: string, range: { min: number; max: number }): number | undefined;
  function integer(name: string, range: { min: number; max: number }, fallback: number): number;
  function integer(
    name: string,
    range: { min: number; max: number },
    fallback?: number,
  ): number | undefined {
    const value = valueOf(name);
    if (value === undefined) return fallback;
    const number = Number(value);
    if (!/^\d{1,15}$/.test(value) || number < range.min || number > range.max) {
      invalid(name, `a whole number from ${range.min} to ${range.max}`, value);
    }
    return number;
  }

  return {
    text,
    integer,
    port(name, fallback) {
      const value = valueOf(name);
      if (value === undefined) return fallback;
      if (!/^\d{1,5}$/.test(value) || Number(value) > 65535) {
        invalid(name, 'a port number from 0 to 65535', value);
      }
      return Number(value);
    },
    baseUrl(name, fallback) {
      return plainBaseUrl(name, valueOf(name) ?? fallback);
    },
    baseUrls(name) {
      return items(name).map((item) => plainBaseUrl(name, item));
    },
    list(name, item) {
      const values = items(name);
      for (const value of values) {
        if (!item.pattern.test(value))
          invalid(name, `a comma-separated list of ${item.what}`, value);
      }
      return values;
    },
    secret(name, rules) {
      // Kept exactly as given: a secret's spaces are part of it.
      if (valueOf(name) === undefined) return undefined;
      const value = env[name] as string;
      if (value.length < rules.minLength) {
        invalid(name, `at least ${rules.minLength} characters`);
      }
      if (rules.pattern !== undefined && !rules.pattern.test(value)) {
        invalid(name, rules.what ?? `of the form ${String(rules.pattern)}`);
      }
      return value;
    },
    path(name, fallback) {
      const value = valueOf(name) ?? fallback;
      return isAbsolute(value) ? value : resolve(baseDir, value);
    },
  };
}
