export {
  createErrorHandler,
  notFoundHandler,
  retryAfterSecondsOf,
  type ErrorHandlerOptions,
  type ErrorLog,
} from './error-handler.js';
export { jsonBody } from './json-body.js';
export {
  assertJsonShape,
  boundedBody,
  type BodyKind,
  type BoundedBodyOptions,
} from './bounded-body.js';
export { assertAdmin, bearerToken, secretsEqual } from './bearer-token.js';
export { parseBody } from './parse-body.js';
export { listen, type RunningServer } from './listen.js';
export {
  createJsonLineLog,
  type JsonLineLog,
  type JsonLineLogStreams,
  type ServiceLog,
} from './json-line-log.js';
export { closeOnSignals } from './close-on-signals.js';
export { openApiErrorResponses } from './openapi-error-responses.js';
export { openApiErrorSchema } from './openapi-error-schema.js';
export type { RateLimiter } from '../sqlite/sqlite-rate-limiter.js';
export {
  openApiJsonSchema,
  openApiRequestBody,
  requestBodyErrorCodes,
} from './openapi-request-body.js';
export { healthRouter, type HealthRouterOptions } from './health-router.js';
