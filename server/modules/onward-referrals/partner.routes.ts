import type { App, AppDeps } from '../../platform/http/deps.js';

// A VCS partner's inbox of onward referrals, and its answers (accept, decline, attendance, close).
export function partnerRoutes(_app: App, _deps: AppDeps): void {}
