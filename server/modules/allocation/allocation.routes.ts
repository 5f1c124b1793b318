import type { App, AppDeps } from '../../platform/http/deps.js';

export function allocationRoutes(_app: App, _deps: AppDeps): void {}
