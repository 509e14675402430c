/** C2SP tlog-tiles: a full tile holds 256 hashes (and a full entry bundle 256 entries). */
export const tileWidth = 256;
/** C2SP tlog-tiles: each tile level spans 8 levels of the tree (2^8 = 256). */
export const tileHeight = 8;

/** A tile (`level` 0-63) or an entry bundle (`level` `'entries'`), partial when `width` < 256. */
export interface TileAddress {
  level: number | 'entries';
  /** The tile's index within its level. */
  index: number;
  /** 1-255 for a partial tile; absent (or 256) for a full one. */
  width?: number;
}

function encodeTileIndex(index: number): string {
  const groups: string[] = [];
  let rest = index;
  do {
    groups.unshift(String(rest % 1000).padStart(3, '0'));
    rest = Math.floor(rest / 1000);
  } while (rest > 0);
  return groups.map((group, i) => (i < groups.length - 1 ? `x${group}` : group)).join('/');
}

/**
 * The path of a tile or entry bundle below a log's prefix, C2SP tlog-tiles §Merkle Tree and
 * §Log entries: `tile/<L>/<N>[.p/<W>]` or `tile/entries/<N>[.p/<W>]`, `<N>` in zero-padded
 * 3-digit groups, every group but the last prefixed with `x`.
 *
 * @throws RangeError for a level outside 0-63, a negative index or a width outside 1-256.
 * @example
 * ```ts
 * tilePath({ level: 0, index: 1234067 }); // 'tile/0/x001/x234/067'
 * tilePath({ level: 'entries', index: 5, width: 17 }); // 'tile/entries/005.p/17'
 * ```
 */
export function tilePath(tile: TileAddress): string {
  const { level, index, width } = tile;
  if (level !== 'entries' && (!Number.isInteger(level) || level < 0 || level > 63)) {
    throw new RangeError(`no tile level ${level}`);
  }
  if (!Number.isSafeInteger(index) || index < 0) throw new RangeError(`no tile index ${index}`);
  if (width !== undefined && (!Number.isInteger(width) || width < 1 || width > tileWidth)) {
    throw new RangeError(`no tile width ${width}`);
  }
  const partial = width !== undefined && width < tileWidth ? `.p/${width}` : '';
  return `tile/${level}/${encodeTileIndex(index)}${partial}`;
}

/**
 * Reads a tile path (relative to the log prefix, as {@link tilePath} writes it); `undefined`
 * unless it is the one canonical path of a tile: no leading zeros in the level or width, every
 * index group 3 digits, `x` on all but the last, a partial width of 1-255.
 */
export function parseTilePath(path: string): TileAddress | undefined {
  const match =
    /^tile\/(entries|0|[1-9][0-9]?)\/((?:x[0-9]{3}\/)*[0-9]{3})(?:\.p\/([1-9][0-9]{0,2}))?$/.exec(
      path,
    );
  if (!match) return undefined;
  const [, levelText, indexText, widthText] = match as unknown as [
    string,
    string,
    string,
    string | undefined,
  ];
  const level = levelText === 'entries' ? 'entries' : Number(levelText);
  const index = Number(indexText.replaceAll('x', '').replaceAll('/', ''));
  const width = widthText === undefined ? undefined : Number(widthText);
  if (level !== 'entries' && level > 63) return undefined;
  if (width !== undefined && width >= tileWidth) return undefined;
  if (!Number.isSafeInteger(index)) return undefined;
  const tile: TileAddress = { level, index, ...(width === undefined ? {} : { width }) };
  // One path per tile: `x000/005` is not `005`.
  return tilePath(tile) === path ? tile : undefined;
}

/**
 * Encodes an entry bundle, C2SP tlog-tiles §Log entries: each entry as a big-endian uint16
 * length and its bytes.
 *
 * @throws RangeError for an entry longer than 65,535 bytes.
 */
export function encodeEntryBundle(entries: readonly Uint8Array[]): Uint8Array {
  const length = entries.reduce((sum, entry) => sum + 2 + entry.length, 0);
  const bundle = new Uint8Array(length);
  const view = new DataView(bundle.buffer);
  let offset = 0;
  for (const entry of entries) {
    if (entry.length > 0xffff) throw new RangeError('a log entry is at most 65,535 bytes');
    view.setUint16(offset, entry.length);
    bundle.set(entry, offset + 2);
    offset += 2 + entry.length;
  }
  return bundle;
}

/** Decodes an entry bundle; `undefined` when a length runs past its end. */
export function decodeEntryBundle(bundle: Uint8Array): Uint8Array[] | undefined {
  const view = new DataView(bundle.buffer, bundle.byteOffset, bundle.byteLength);
  const entries: Uint8Array[] = [];
  let offset = 0;
  while (offset < bundle.length) {
    if (offset + 2 > bundle.length) return undefined;
    const length = view.getUint16(offset);
    if (offset + 2 + length > bundle.length) return undefined;
    entries.push(bundle.slice(offset + 2, offset + 2 + length));
    offset += 2 + length;
  }
  return entries;
}
