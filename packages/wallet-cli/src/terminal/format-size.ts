/**
 * A size in words, as limits are stated: `1 MiB`, `64 KiB`, else bytes.
 *
 * @example
 * ```ts
 * formatSize(1024 * 1024); // '1 MiB'
 * ```
 */
export function formatSize(bytes: number): string {
  if (bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MiB`;
  if (bytes % 1024 === 0) return `${bytes / 1024} KiB`;
  return `${bytes} bytes`;
}
