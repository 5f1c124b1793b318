import type { App, AppDeps } from '../../platform/http/deps.js';

export function workforceRoutes(_app: App, _deps: AppDeps): void {}
