import type { App, AppDeps } from '../../../platform/http/deps.js';

// How a service takes referrals through Waymark: takes referrals, referral email, working days to reply.
export function referralSettingsRoutes(_app: App, _deps: AppDeps): void {}
