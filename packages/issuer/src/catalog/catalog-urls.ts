/**
 * The public URL of a badge's Open Badges `Achievement` (`GET /achievements/:id`).
 *
 * @example
 * ```ts
 * achievementUrl('https://academy.example', 'git-basics'); // 'https://academy.example/achievements/git-basics'
 * ```
 */
export function achievementUrl(baseUrl: string, badgeId: string): string {
  return `${baseUrl}/achievements/${encodeURIComponent(badgeId)}`;
}

/**
 * The public URL of a badge's SVG image (`GET /badges/:id/image.svg`).
 *
 * @example
 * ```ts
 * badgeImageUrl('https://academy.example', 'git-basics'); // 'https://academy.example/badges/git-basics/image.svg'
 * ```
 */
export function badgeImageUrl(baseUrl: string, badgeId: string): string {
  return `${baseUrl}/badges/${encodeURIComponent(badgeId)}/image.svg`;
}

/**
 * The public URL of a skill the issuer defines (`GET /skills/:id`); badges align to it.
 *
 * @example
 * ```ts
 * skillUrl('https://academy.example', 'sql'); // 'https://academy.example/skills/sql'
 * ```
 */
export function skillUrl(baseUrl: string, skillId: string): string {
  return `${baseUrl}/skills/${encodeURIComponent(skillId)}`;
}
