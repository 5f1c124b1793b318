import type { App, AppDeps } from '../../platform/http/deps.js';

export function notificationsRoutes(_app: App, _deps: AppDeps): void {}
