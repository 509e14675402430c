import { isIPv4, isIPv6 } from 'node:net';

type Range = readonly [network: number, prefixLength: number];

// IANA IPv4 Special-Purpose Address Registry (RFC 6890 and successors), plus multicast and the
// reserved 240/4: no address in these may be fetched from on a credential's say-so.
const nonPublicIPv4: readonly Range[] = [
  [0x00000000, 8], // 0.0.0.0/8 "this network"
  [0x0a000000, 8], // 10/8 private (RFC 1918)
  [0x64400000, 10], // 100.64/10 shared address space, CGNAT (RFC 6598)
  [0x7f000000, 8], // 127/8 loopback
  [0xa9fe0000, 16], // 169.254/16 link-local (cloud metadata lives here)
  [0xac100000, 12], // 172.16/12 private (RFC 1918)
  [0xc0000000, 24], // 192.0.0/24 IETF protocol assignments
  [0xc0000200, 24], // 192.0.2/24 TEST-NET-1
  [0xc0586300, 24], // 192.88.99/24 6to4 relay anycast (deprecated, RFC 7526)
  [0xc0a80000, 16], // 192.168/16 private (RFC 1918)
  [0xc6120000, 15], // 198.18/15 benchmarking
  [0xc6336400, 24], // 198.51.100/24 TEST-NET-2
  [0xcb007100, 24], // 203.0.113/24 TEST-NET-3
  [0xe0000000, 4], // 224/4 multicast
  [0xf0000000, 4], // 240/4 reserved, and 255.255.255.255 broadcast
];

function ipv4Number(address: string): number {
  return address.split('.').reduce((value, octet) => value * 256 + Number(octet), 0);
}

function isPublicIPv4(address: string): boolean {
  const value = ipv4Number(address);
  return !nonPublicIPv4.some(([network, prefixLength]) => {
    const size = 2 ** (32 - prefixLength);
    return Math.floor(value / size) === Math.floor(network / size);
  });
}

/** The eight 16-bit groups of an IPv6 address (`isIPv6` already said it is one). */
function ipv6Groups(address: string): number[] {
  let text = address.split('%', 1)[0] as string;
  // A trailing dotted quad (`::ffff:127.0.0.1`) stands for the last two groups.
  const quad = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (quad) {
    const value = ipv4Number(quad[1] as string);
    text = `${text.slice(0, quad.index)}${(value >>> 16).toString(16)}:${(value & 0xffff).toString(16)}`;
  }
  const [head = '', tail] = text.split('::');
  const parse = (part: string): number[] =>
    part === '' ? [] : part.split(':').map((group) => parseInt(group, 16));
  const front = parse(head);
  const back = tail === undefined ? [] : parse(tail);
  return [...front, ...new Array<number>(8 - front.length - back.length).fill(0), ...back];
}

function embeddedIPv4(groups: readonly number[]): string {
  const high = groups[6] as number;
  const low = groups[7] as number;
  return [high >> 8, high & 0xff, low >> 8, low & 0xff].join('.');
}

function isPublicIPv6(address: string): boolean {
  const groups = ipv6Groups(address);
  const [g0 = 0, g1 = 0, g2 = 0, g3 = 0, g4 = 0, g5 = 0] = groups;
  // ::ffff:0:0/96 IPv4-mapped (RFC 4291 §2.5.5.2) and 64:ff9b::/96 NAT64 (RFC 6052): the
  // address is the IPv4 address inside, so ::ffff:127.0.0.1 is as much loopback as 127.0.0.1.
  if (g0 === 0 && g1 === 0 && g2 === 0 && g3 === 0 && g4 === 0 && g5 === 0xffff) {
    return isPublicIPv4(embeddedIPv4(groups));
  }
  if (g0 === 0x64 && g1 === 0xff9b && g2 === 0 && g3 === 0 && g4 === 0 && g5 === 0) {
    return isPublicIPv4(embeddedIPv4(groups));
  }
  // RFC 4291 §2.4: global unicast is 2000::/3. Everything else (::, ::1, IPv4-compatible ::/96,
  // ULA fc00::/7, link-local fe80::/10, site-local fec0::/10, multicast ff00::/8, discard
  // 100::/64, local NAT64 64:ff9b:1::/48) is not public.
  if ((g0 & 0xe000) !== 0x2000) return false;
  // Special-purpose blocks inside 2000::/3 (IANA IPv6 Special-Purpose Address Registry):
  // 2001::/23 protocol assignments (Teredo 2001::/32 among them), 2001:db8::/32 and 3fff::/20
  // documentation, 2002::/16 6to4 (it tunnels to an IPv4 address we would have to check).
  if (g0 === 0x2001 && g1 < 0x200) return false;
  if (g0 === 0x2001 && g1 === 0xdb8) return false;
  if (g0 === 0x2002) return false;
  if (g0 === 0x3fff && g1 < 0x1000) return false;
  return true;
}

/**
 * Whether an IP address is in the public (globally routable) range: not loopback, private
 * (RFC 1918, ULA), link-local, CGNAT, unspecified, multicast, documentation or reserved, nor an
 * IPv4-mapped or NAT64 IPv6 address of one of those. Anything that is not an IP address is not
 * public.
 *
 * @example
 * ```ts
 * isPublicAddress('93.184.215.14'); // true
 * isPublicAddress('::ffff:10.0.0.1'); // false
 * ```
 */
export function isPublicAddress(address: string): boolean {
  if (isIPv4(address)) return isPublicIPv4(address);
  if (isIPv6(address)) return isPublicIPv6(address);
  return false;
}

/**
 * Whether an IP address is a loopback address: 127/8, `::1`, or IPv4-mapped 127/8.
 *
 * @example
 * ```ts
 * isLoopbackAddress('127.0.0.1'); // true
 * ```
 */
export function isLoopbackAddress(address: string): boolean {
  if (isIPv4(address)) return address.startsWith('127.');
  if (!isIPv6(address)) return false;
  const groups = ipv6Groups(address);
  if (groups.slice(0, 7).every((group) => group === 0)) return groups[7] === 1;
  const mapped = groups.slice(0, 5).every((group) => group === 0) && groups[5] === 0xffff;
  return mapped && embeddedIPv4(groups).startsWith('127.');
}
