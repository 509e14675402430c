export { runDemo, type RunDemoOptions, type DemoResult, type WalletRunner } from './demo-flow.js';
export { startDemoServices, type DemoServices } from './start-demo-services.js';
export { serveOnLoopback, type LoopbackService } from './serve-on-loopback.js';
