import type { App, AppDeps } from '../../../platform/http/deps.js';

// The secure link for an organisation without accounts: open, one-time code, answer; the team's revoke and re-send.
export function onwardLinkRoutes(_app: App, _deps: AppDeps): void {}
