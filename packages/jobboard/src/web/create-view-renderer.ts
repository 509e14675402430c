import { fileURLToPath } from 'node:url';
import nunjucks from 'nunjucks';

/** Renders a template of `packages/jobboard/views` to HTML. */
export type ViewRenderer = (template: string, context: Record<string, unknown>) => string;

/** Where the templates are: found from this module, so `src` (tests) and `dist` both find them. */
export const viewsDirectory = fileURLToPath(new URL('../../views/', import.meta.url));

/** Where the stylesheet and icon are, likewise. */
export const publicDirectory = fileURLToPath(new URL('../../public/', import.meta.url));

/** `2026-11-26T12:00:00.000Z` -> `2026-11-26 12:00 UTC`: the pages show UTC, plainly. */
function formatTime(iso: unknown): string {
  if (typeof iso !== 'string') return '';
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/.exec(iso);
  return match ? `${match[1]} ${match[2]} UTC` : iso;
}

/**
 * A nunjucks environment over the job board's views with autoescaping on: every value a
 * template prints is HTML-escaped unless the template marks it `safe` (only markup this board
 * made itself, such as the QR code's SVG, is).
 *
 * @example
 * ```ts
 * const render = createViewRenderer();
 * res.send(render('postings.njk', { postings }));
 * ```
 */
export function createViewRenderer(): ViewRenderer {
  const environment = new nunjucks.Environment(new nunjucks.FileSystemLoader(viewsDirectory), {
    autoescape: true,
    throwOnUndefined: false,
  });
  environment.addFilter('time', formatTime);
  return (template, context) => environment.render(template, context);
}
