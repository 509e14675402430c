export { setCookie, readCookie, type CookieOptions } from './cookies.js';
export { checkFormPost } from './check-form-post.js';
export {
  createViewRenderer,
  formatTime,
  sharedViewsDirectory,
  type ViewRenderer,
} from './create-view-renderer.js';
export { errorPageHeading } from './error-page-heading.js';
export { formBody } from './form-body.js';
export { formField, formFields, type FormBody } from './form-fields.js';
