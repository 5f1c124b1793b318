import type { Permission } from '../../common/permissions.js';
import type { Role } from '../../common/roles.js';
import type { Scope } from './access/scope.js';
import type { DenialThrottle } from './audit/denial-throttle.js';

/** Who is acting: built from the session on every request. */
export interface Principal {
  userId: string;
  name: string;
  role: Role;
  scope: Scope;
  permissions: readonly Permission[];
}

/** What a use-case needs to know about the request it serves (for scope and audit). */
export interface RequestContext {
  actor: Principal | null;
  ip: string | null;
  requestId: string | null;
  /** The app's throttle for refusal audit rows; absent (jobs, scripts): every row is written. */
  auditDenials?: DenialThrottle;
}

/**
 * The context of a signed-in request: what every route behind a permission hands its use-cases.
 * The route layer builds it (`signedInContext`), so a use-case never checks for a missing actor.
 */
export interface SignedInContext extends RequestContext {
  actor: Principal;
}
