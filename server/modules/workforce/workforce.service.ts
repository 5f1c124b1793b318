import type { LeaveItem } from '../../../common/front-door-types.js';
import type { TeamRole } from '../../../common/roles.js';
import { ROLE_LABELS } from '../../../common/roles.js';
import { requirePcnActor } from '../../platform/access/pcn-member.js';
import { writeAudit } from '../../platform/audit/audit.js';
import type { SignedInContext } from '../../platform/context.js';
import type { Db, DbOrTx } from '../../platform/db/client.js';
import { notFound, validationError } from '../../platform/errors.js';
import { runUseCase } from '../../platform/use-case.js';
import { londonDate } from '../../platform/working-days.js';
import { teamMembersOfPcn } from '../users/users.service.js';
import * as repo from './workforce.repository.js';
import { LEAVE_REASON_LABELS, type TLeaveCreate } from './workforce.schemas.js';

/** Today's date where the team works (leave is recorded in UK calendar days). */
export function londonToday(now: Date = new Date()): string {
  return londonDate(now);
}

/** Who in the PCN is on leave on `date`, with the last day of that leave. */
export async function leaveOnDate(db: DbOrTx, pcnId: string, date: string): Promise<Map<string, string>> {
  const rows = await repo.findLeaveOnDate(db, pcnId, date);
  const until = new Map<string, string>();
  for (const r of rows) {
    const known = until.get(r.userId);
    if (!known || r.endsOn > known) until.set(r.userId, r.endsOn);
  }
  return until;
}

async function teamById(db: DbOrTx, pcnId: string) {
  const members = await teamMembersOfPcn(db, pcnId);
  return new Map(members.filter((m) => m.active).map((m) => [m.id, m]));
}

function toItem(row: repo.LeaveRow, member: { name: string; role: string } | undefined, today: string): LeaveItem {
  const role = (member?.role ?? 'link_worker') as TeamRole;
  return {
    id: row.id,
    userId: row.userId,
    name: member?.name ?? 'Former team member',
    role,
    roleLabel: ROLE_LABELS[role],
    startsOn: row.startsOn,
    endsOn: row.endsOn,
    reason: row.reason,
    reasonLabel: LEAVE_REASON_LABELS[row.reason],
    current: row.startsOn <= today && row.endsOn >= today,
  };
}

/** The team's current and future leave. */
export async function listLeave(db: Db, ctx: SignedInContext): Promise<{ today: string; leave: LeaveItem[] }> {
  const actor = requirePcnActor(ctx, 'team');
  const today = londonToday();
  const [rows, team] = await Promise.all([
    repo.findLeaveOfPcn(db, actor.scope.pcnId, today),
    teamById(db, actor.scope.pcnId),
  ]);
  return { today, leave: rows.map((r) => toItem(r, team.get(r.userId), today)) };
}

const DAY_MS = 86_400_000;
const MAX_LEAVE_DAYS = 366;

export async function recordLeave(db: Db, ctx: SignedInContext, input: TLeaveCreate): Promise<LeaveItem> {
  const actor = requirePcnActor(ctx, 'team');
  const pcnId = actor.scope.pcnId;
  const today = londonToday();
  const team = await teamById(db, pcnId);
  const member = team.get(input.userId);
  if (!member) throw validationError([{ field: 'userId', message: 'is not a member of your team' }]);
  if (input.endsOn < today) throw validationError([{ field: 'endsOn', message: 'must not be in the past' }]);
  const days = (Date.parse(input.endsOn) - Date.parse(input.startsOn)) / DAY_MS + 1;
  if (days > MAX_LEAVE_DAYS) {
    throw validationError([{ field: 'endsOn', message: `must be within ${MAX_LEAVE_DAYS} days of the start date` }]);
  }
  return runUseCase(db, ctx, async (tx) => {
    await repo.lockLeaveOf(tx, member.id);
    const overlap = await repo.findOverlappingLeave(tx, member.id, input.startsOn, input.endsOn);
    if (overlap) {
      throw validationError([
        {
          field: 'startsOn',
          message: `overlaps leave already recorded for ${member.name} (${overlap.startsOn} to ${overlap.endsOn})`,
        },
      ]);
    }
    const row = await repo.insertLeave(tx, {
      userId: member.id,
      pcnId,
      startsOn: input.startsOn,
      endsOn: input.endsOn,
      reason: input.reason,
      createdBy: actor.userId,
    });
    await writeAudit(tx, ctx, {
      action: 'leave.create',
      entityType: 'staff_leave',
      entityId: row.id,
      details: { userId: member.id, startsOn: row.startsOn, endsOn: row.endsOn, reason: row.reason },
    });
    return toItem(row, member, today);
  });
}

export async function cancelLeave(db: Db, ctx: SignedInContext, id: string): Promise<void> {
  const actor = requirePcnActor(ctx, 'team');
  await runUseCase(db, ctx, async (tx) => {
    const row = await repo.deleteLeaveOfPcn(tx, actor.scope.pcnId, id);
    if (!row) throw notFound('leave period');
    await writeAudit(tx, ctx, {
      action: 'leave.delete',
      entityType: 'staff_leave',
      entityId: id,
      details: { userId: row.userId, startsOn: row.startsOn, endsOn: row.endsOn },
    });
  });
}

export type { LeaveItem };
