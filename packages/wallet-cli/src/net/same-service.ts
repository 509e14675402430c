const loopbackHosts = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * Whether a URL's hostname (as `URL.hostname` writes it) names this machine: `localhost`,
 * `[::1]` or an address in 127.0.0.0/8.
 *
 * @example
 * ```ts
 * isLoopbackHost(new URL('http://127.0.0.1:4100').hostname); // true
 * ```
 */
export function isLoopbackHost(hostname: string): boolean {
  return loopbackHosts.has(hostname) || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname);
}

/**
 * Whether a presentation's audience (`domain`) names the service at `serviceUrl`: the same
 * origin, where `localhost`, `127.0.0.1` and `[::1]` on one port count as one (the same
 * service on this machine, as `pnpm start` runs it). A service asking for a presentation
 * addressed elsewhere may be relaying another service's challenge, to be signed in there as
 * the learner.
 *
 * @example
 * ```ts
 * isSameService('http://127.0.0.1:4100', 'http://localhost:4100'); // true
 * isSameService('https://evil.example', 'https://issuer.example'); // false
 * ```
 */
export function isSameService(serviceUrl: string, domain: unknown): boolean {
  let service: URL;
  let audience: URL;
  try {
    service = new URL(serviceUrl);
    audience = new URL(String(domain));
  } catch {
    return false;
  }
  if (service.origin === audience.origin) return true;
  return (
    service.protocol === audience.protocol &&
    service.port === audience.port &&
    isLoopbackHost(service.hostname) &&
    isLoopbackHost(audience.hostname)
  );
}
