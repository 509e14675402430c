import type { Response } from 'express';

/**
 * Answers an SVG image: cacheable for a day, unlike the rest of the API, with a sandboxing
 * Content-Security-Policy that keeps an SVG opened on its own from running anything.
 */
export function sendSvg(res: Response, svg: string): void {
  res
    .set('Cache-Control', 'public, max-age=86400')
    .set('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; sandbox")
    .type('image/svg+xml')
    .send(svg);
}
