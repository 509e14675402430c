import { fileURLToPath } from 'node:url';

/** Where the templates are: found from this module, so `src` (tests) and `dist` both find them. */
export const viewsDirectory = fileURLToPath(new URL('../../views/', import.meta.url));

/** Where the stylesheet and icon are, likewise. */
export const publicDirectory = fileURLToPath(new URL('../../public/', import.meta.url));
