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
  /**
   * Set when the actor is a registered system (a GP system, another NHS service) authenticated by
   * an OAuth bearer token rather than a person with a session: `userId` is then the client's id,
   * which is no user's, so columns that reference users take `userIdOf(actor)` (null for a client).
   */
  systemClient?: { id: string; name: string };
}

/** The acting user's id for columns that reference users; null when a system client acts. */
export function userIdOf(actor: Principal): string | null {
  return actor.systemClient ? null : actor.userId;
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
