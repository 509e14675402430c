/** Where a did:web DID document lives, or why the DID is not a valid did:web DID. */
export type DidWebLocation =
  | {
      ok: true;
      /** The host name, as written in the DID. */
      hostname: string;
      /** The port, when the DID names one (`%3A8443`). */
      port?: number;
      /** The path of the document: `/.well-known/did.json` or `/<segments>/did.json`. */
      path: string;
      /** `https://<host>[:port]<path>`. */
      url: string;
    }
  | { ok: false; message: string };

// DID Core §3.1: a DID is at most what we are willing to read; 2,048 characters is far more
// than any web address a did:web could sensibly name.
const maxDidLength = 2048;
// RFC 1035 §2.3.1 / RFC 1123 §2.1: letters, digits and hyphens, 1–63 characters, no hyphen at
// either end. Internationalised names must be written in their A-label (punycode) form.
const labelPattern = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;
// DID Core §3.1 idchar, without pct-encoded: a path segment holds nothing that needs decoding.
const segmentPattern = /^[A-Za-z0-9._-]+$/;

function invalid(did: string, reason: string): DidWebLocation {
  return { ok: false, message: `${did.slice(0, 200)} is not a valid did:web DID: ${reason}` };
}

function readHost(did: string, host: string): { hostname: string; port?: number } | string {
  // did:web §3.1: "If an optional port is specified on the domain, then the colon MUST be
  // percent encoded." `%3A` is the one escape we decode; anything else with a % is refused.
  const [hostname = '', port, ...extra] = host.split('%3A');
  if (extra.length > 0) return 'the host names more than one port';
  if (hostname.includes('%')) return 'only %3A (the port separator) may be percent-encoded';
  if (hostname.length === 0) return 'the host is empty';
  if (hostname.length > 253) return 'the host name is longer than 253 characters';
  const labels = hostname.split('.');
  if (!labels.every((label) => labelPattern.test(label))) {
    return `the host ${hostname} is not a domain name (letters, digits, hyphens and dots; no userinfo, brackets or empty labels)`;
  }
  // did:web §3.1: the identifier "MUST NOT include IP addresses". The WHATWG URL parser reads a
  // host whose last label is a number (all digits, or 0x and hex digits: `0x0`, `0x7f.1`) as an
  // IPv4 address in one of its numeric spellings; a domain's last label is never one.
  if (/^(?:[0-9]+|0[xX][0-9A-Fa-f]*)$/.test(labels[labels.length - 1] as string)) {
    return `the host ${hostname} is an IP address, which did:web does not allow`;
  }
  if (port === undefined) return { hostname };
  if (!/^[1-9][0-9]{0,4}$/.test(port) || Number(port) > 65_535) {
    return `the port ${JSON.stringify(port)} is not a number from 1 to 65535`;
  }
  return { hostname, port: Number(port) };
}

/**
 * Where the DID document of a did:web DID is published, by the did:web method's DID-to-HTTPS
 * transformation (W3C CCG did:web §3.2 Read): `did:web:example.com` is at
 * `https://example.com/.well-known/did.json`, `did:web:example.com:users:alice` at
 * `https://example.com/users/alice/did.json`, `did:web:localhost%3A8443` at
 * `https://localhost:8443/.well-known/did.json`.
 *
 * The syntax is checked strictly, because the result becomes a request: a domain name (no IP
 * address, userinfo or empty label), an optional `%3A` port, path segments of DID idchars that
 * are not empty, `.` or `..`; no other percent-encoding; no fragment, query or path.
 *
 * @example
 * ```ts
 * didWebUrl('did:web:example.com:users:alice'); // { ok: true, url: 'https://example.com/users/alice/did.json', … }
 * ```
 */
export function didWebUrl(did: string): DidWebLocation {
  if (did.length > maxDidLength) return invalid(did, `it is over ${maxDidLength} characters`);
  if (!did.startsWith('did:web:')) return invalid(did, 'it does not start with did:web:');
  const [host = '', ...segments] = did.slice('did:web:'.length).split(':');
  const read = readHost(did, host);
  if (typeof read === 'string') return invalid(did, read);
  for (const segment of segments) {
    if (segment === '') return invalid(did, 'it has an empty path segment');
    if (!segmentPattern.test(segment)) {
      return invalid(
        did,
        `the path segment ${JSON.stringify(segment.slice(0, 100))} holds characters other than letters, digits, ".", "-" and "_"`,
      );
    }
    if (/^\.+$/.test(segment)) return invalid(did, `the path segment "${segment}" is only dots`);
  }
  const path = segments.length === 0 ? '/.well-known/did.json' : `/${segments.join('/')}/did.json`;
  const authority = read.port === undefined ? read.hostname : `${read.hostname}:${read.port}`;
  return {
    ok: true,
    hostname: read.hostname,
    ...(read.port === undefined ? {} : { port: read.port }),
    path,
    url: `https://${authority}${path}`,
  };
}
