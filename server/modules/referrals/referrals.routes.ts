import type { App, AppDeps } from '../../platform/http/deps.js';

export function referralsRoutes(_app: App, _deps: AppDeps): void {}
