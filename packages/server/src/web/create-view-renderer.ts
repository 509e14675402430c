import { fileURLToPath } from 'node:url';
import nunjucks from 'nunjucks';

/** Renders a template to HTML. */
export type ViewRenderer = (template: string, context: Record<string, unknown>) => string;

/**
 * The shared templates (`packages/server/views`: `page.njk`, the page every service's layout
 * extends), found from this module so that `src` (tests) and `dist` both find them.
 */
export const sharedViewsDirectory = fileURLToPath(new URL('../../views/', import.meta.url));

/**
 * `2026-11-26T12:00:00.000Z` -> `2026-11-26 12:00 UTC`: the pages show UTC, plainly.
 *
 * @example
 * ```ts
 * formatTime('2026-11-26T12:00:00.000Z'); // '2026-11-26 12:00 UTC'
 * ```
 */
export function formatTime(iso: unknown): string {
  if (typeof iso !== 'string') return '';
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/.exec(iso);
  return match ? `${match[1]} ${match[2]} UTC` : iso;
}

/**
 * A nunjucks environment over a service's views (searched first) and the shared ones, with
 * autoescaping on: every value a template prints is HTML-escaped unless the template marks it
 * `safe` (only markup the service made itself, such as a QR code's SVG, may be). Templates get
 * the `time` filter ({@link formatTime}).
 *
 * @example
 * ```ts
 * const render = createViewRenderer(viewsDirectory);
 * res.send(render('postings.njk', { postings }));
 * ```
 */
export function createViewRenderer(viewsDirectory: string): ViewRenderer {
  const environment = new nunjucks.Environment(
    new nunjucks.FileSystemLoader([viewsDirectory, sharedViewsDirectory]),
    { autoescape: true, throwOnUndefined: false },
  );
  environment.addFilter('time', formatTime);
  return (template, context) => environment.render(template, context);
}
