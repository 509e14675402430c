export { runDemo, type RunDemoOptions, type DemoResult, type WalletRunner } from './demo-flow.js';
export { startDemoServices, type DemoServices } from './start-demo-services.js';
export { serveOnLoopback, type LoopbackService } from './serve-on-loopback.js';
export {
  readStartOptions,
  serviceNames,
  startUsage,
  type ServiceName,
  type StartOptions,
} from './read-start-options.js';
export {
  describeSampleData,
  sampleEmployerEmail,
  seedSampleData,
  type SeedSampleDataOptions,
  type SeedSampleDataResult,
} from './seed-sample-data.js';
export {
  superviseServices,
  type SupervisedServices,
  type SuperviseServicesDeps,
} from './supervise-services.js';
export { waitForService } from './wait-for-service.js';
