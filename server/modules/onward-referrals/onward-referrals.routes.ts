import type { App, AppDeps } from '../../platform/http/deps.js';

// From a case: signpost or refer a person to a community service; the case's onward referrals.
export function onwardReferralRoutes(_app: App, _deps: AppDeps): void {}
