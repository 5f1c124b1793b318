import type { App, AppDeps } from '../../../platform/http/deps.js';

// A partner's upcoming sessions and events of its services, and proposals of brand-new listings.
export function showcaseRoutes(_app: App, _deps: AppDeps): void {}
