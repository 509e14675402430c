/**
 * The issuer's logo for wallets (`display.logo` of its OpenID4VCI metadata): a round monogram
 * of the first letters of its name, as SVG.
 *
 * @example
 * ```ts
 * issuerLogoSvg('Skillproof Academy'); // '<svg …>…SA…</svg>'
 * ```
 */
export function issuerLogoSvg(name: string): string {
  const initials = name
    .split(/\s+/u)
    .map((word) => word.match(/\p{L}|\p{N}/u)?.[0] ?? '')
    .join('')
    .slice(0, 2)
    .toUpperCase();
  // Letters and digits only: nothing in them needs escaping.
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64" width="64" height="64"><circle cx="32" cy="32" r="30" fill="#1f4e79"/><text x="32" y="41" font-family="sans-serif" font-size="24" font-weight="bold" fill="#fff" text-anchor="middle">${initials}</text></svg>`;
}
