import type { App, AppDeps } from '../../platform/http/deps.js';

export function triageRoutes(_app: App, _deps: AppDeps): void {}
