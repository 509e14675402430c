export {
  achievementId,
  badgeCredential,
  codesOf,
  fixedNow,
  issueTestBadge,
  makeIdentity,
  nowSeconds,
  payloadOf,
  signCredential,
  signPayload,
  signPresentation,
  withPayload,
  type IssuedTestBadge,
  type PresentationOptions,
  type TestIdentity,
} from './jwt-fixtures.js';
export {
  inflatingEncodedList,
  signStatusList,
  startStatusListServer,
  statusEntry,
  type ServedList,
  type StatusListOptions,
  type StatusListServer,
} from './status-list-server.js';
export { pinToOneCore } from './pin-to-one-core.js';
export {
  raceInterleaved,
  type RaceContender,
  type RaceFigure,
  type RaceOptions,
} from './race-interleaved.js';
export { createTestClock, type TestClock } from './test-clock.js';
export {
  deeplyNested,
  documentsStatus,
  hostileRequests,
  leakPattern,
  operationsOf,
  sendRaw,
  type HostileRequest,
  type HostileRequestsOptions,
  type HostileResponse,
  type OpenApiOperation,
} from './hostile-requests.js';
export { registeredRoutes } from './registered-routes.js';
export {
  academyAchievements,
  issuerDidA,
  issuerDidAShort,
  issuerDidB,
  issuerDidBShort,
  pythonSkillUrl,
} from './requirement-vocabulary.js';
export { openBadgeV2Credential } from './open-badge-v2-credential.js';
export { chromiumLaunchOptions, screenshotsDirectory } from './chromium.js';
export { findChromium } from './find-chromium.js';
export {
  requirePostgresVariable,
  testDatabaseEngines,
  testDatabaseUrlVariable,
  testPostgresUrl,
  type TestDatabaseEngine,
} from './test-database-engines.js';
export { ob3SchemaErrors } from './ob3-schema-errors.js';
export {
  callService,
  serviceInstances,
  startDatabaseRelay,
  type DatabaseRelay,
  type ServiceAnswer,
  type ServiceInstance,
  type ServiceInstances,
} from './service-instances.js';
