import type { App, AppDeps } from '../../../platform/http/deps.js';

// Evidence of value per organisation and service: the partner's own, and any in the ICB for staff.
export function impactRoutes(_app: App, _deps: AppDeps): void {}
