export { createVerifierApp, type VerifierAppDeps } from '../http/create-app.js';
