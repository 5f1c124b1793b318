import type { Permission } from '../../../common/permissions.js';
import { TEAM_ROLES, type TeamRole } from '../../../common/roles.js';
import type { SignedInContext } from '../../platform/context.js';
import type { DbOrTx } from '../../platform/db/client.js';
import { notFound } from '../../platform/errors.js';
import { findUserInScope, type UserRow } from '../users/users.service.js';

export type TeamMemberRow = UserRow & { role: TeamRole; pcnId: string };

const isTeamMember = (u: UserRow): u is TeamMemberRow =>
  (TEAM_ROLES as readonly string[]).includes(u.role) && u.pcnId !== null;

export const canManageTeam = (ctx: SignedInContext) =>
  (ctx.actor.permissions as readonly Permission[]).includes('team.manage');

/**
 * The team member `id` as the actor may see them: found in the actor's scope (their PCN's team;
 * the ICB's users for an admin), of a team role, and either the actor themself or someone the
 * actor manages (lead, admin). Anyone else is not found: 404, as for an id that does not exist.
 */
export async function findMemberFor(
  db: DbOrTx,
  ctx: SignedInContext,
  id: string,
  need: 'read' | 'manage',
): Promise<TeamMemberRow> {
  const row = await findUserInScope(db, ctx.actor.scope, id);
  if (!row || !isTeamMember(row)) throw notFound('team member');
  const self = row.id === ctx.actor.userId;
  if (!canManageTeam(ctx) && !(need === 'read' && self)) throw notFound('team member');
  return row;
}
