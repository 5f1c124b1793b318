import type { WorkloadMember } from '../../../../common/front-door-types.js';
import { ROLE_LABELS, type Role } from '../../../../common/roles.js';
import { writeAudit } from '../../../platform/audit/audit.js';
import type { RequestContext } from '../../../platform/context.js';
import type { Db } from '../../../platform/db/client.js';
import { notFound, validationError } from '../../../platform/errors.js';
import { notifyUser } from '../../notifications/notifications.service.js';
import { recordReferralEvent } from '../../referrals/referrals.service.js';
import { requirePcnActor } from '../../triage/triage.service.js';
import { teamMembersOfPcn } from '../../users/users.service.js';
import { leaveOnDate, londonToday } from '../../workforce/workforce.service.js';
import * as repo from '../allocation.repository.js';
import type { TCover } from '../allocation.schemas.js';
import { capacityOf } from '../allocation-rules.js';

const CASELOAD_ROLES: readonly string[] = ['team_lead', 'link_worker', 'health_coach', 'care_coordinator'];
const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** Hands all of a worker's open cases to a colleague in one action (e.g. while they are on leave). */
export async function startCover(
  db: Db,
  ctx: RequestContext,
  workerId: string,
  input: TCover,
): Promise<{ moved: number; coverWorker: { id: string; name: string } }> {
  const actor = requirePcnActor(ctx, 'team member');
  const pcnId = actor.scope.pcnId;
  return db.transaction(async (tx) => {
    await repo.lockPcnAllocation(tx, pcnId);
    const team = new Map((await teamMembersOfPcn(tx, pcnId)).map((m) => [m.id, m]));
    const worker = team.get(workerId);
    if (!worker) throw notFound('team member');
    const cover = team.get(input.coverWorkerId);
    if (!cover?.active || !CASELOAD_ROLES.includes(cover.role)) {
      throw validationError([{ field: 'coverWorkerId', message: 'is not a member of your team' }]);
    }
    if (cover.id === worker.id) {
      throw validationError([{ field: 'coverWorkerId', message: 'must be someone other than the person who is away' }]);
    }
    const away = await leaveOnDate(tx, pcnId, londonToday());
    const coverAwayUntil = away.get(cover.id);
    if (coverAwayUntil) {
      throw validationError([{ field: 'coverWorkerId', message: `is on leave until ${coverAwayUntil}` }]);
    }
    const rows = await repo.setCoverWorker(tx, pcnId, worker.id, cover.id);
    for (const row of rows) {
      await recordReferralEvent(tx, ctx, row, {
        type: 'cover_started',
        details: { workerId: worker.id, workerName: worker.name, coverWorkerId: cover.id, coverWorkerName: cover.name },
      });
    }
    if (rows.length > 0) {
      await notifyUser(tx, {
        userId: cover.id,
        kind: 'referral.cover',
        title: `${plural(rows.length, 'case', 'cases')} handed to you to cover for ${worker.name}`,
        link: '/caseload',
      });
    }
    await writeAudit(tx, ctx, {
      action: 'team.cover-start',
      entityType: 'user',
      entityId: worker.id,
      details: { coverWorkerId: cover.id, count: rows.length },
    });
    return { moved: rows.length, coverWorker: { id: cover.id, name: cover.name } };
  });
}

/** Hands the covered cases back to the worker they are allocated to. */
export async function endCover(db: Db, ctx: RequestContext, workerId: string): Promise<{ returned: number }> {
  const actor = requirePcnActor(ctx, 'team member');
  const pcnId = actor.scope.pcnId;
  return db.transaction(async (tx) => {
    await repo.lockPcnAllocation(tx, pcnId);
    const worker = (await teamMembersOfPcn(tx, pcnId)).find((m) => m.id === workerId);
    if (!worker) throw notFound('team member');
    const returned = await repo.clearCoverWorker(tx, pcnId, worker.id);
    for (const { row, coveredBy } of returned) {
      await recordReferralEvent(tx, ctx, row, {
        type: 'cover_ended',
        details: { workerId: worker.id, workerName: worker.name, coverWorkerId: coveredBy },
      });
    }
    if (returned.length > 0) {
      await notifyUser(tx, {
        userId: worker.id,
        kind: 'referral.cover',
        title: `${plural(returned.length, 'case', 'cases')} handed back to you`,
        link: '/caseload',
      });
    }
    await writeAudit(tx, ctx, {
      action: 'team.cover-end',
      entityType: 'user',
      entityId: worker.id,
      details: { count: returned.length },
    });
    return { returned: returned.length };
  });
}

/** The team's open cases and cover, for the leave and cover page. Numbers only: no personal data. */
export async function teamWorkload(db: Db, ctx: RequestContext): Promise<{ today: string; members: WorkloadMember[] }> {
  const actor = requirePcnActor(ctx, 'team');
  const pcnId = actor.scope.pcnId;
  const today = londonToday();
  const [users, counts, away] = await Promise.all([
    teamMembersOfPcn(db, pcnId),
    repo.findCoverCounts(db, pcnId),
    leaveOnDate(db, pcnId, today),
  ]);
  const names = new Map(users.map((u) => [u.id, u.name]));
  const members = users
    .filter((u) => u.active && CASELOAD_ROLES.includes(u.role))
    .map((u): WorkloadMember => {
      const own = counts.filter((c) => c.workerId === u.id);
      const covering = counts.filter((c) => c.coverWorkerId === u.id);
      const sum = (xs: { n: number }[]) => xs.reduce((s, x) => s + x.n, 0);
      return {
        id: u.id,
        name: u.name,
        role: u.role as Role,
        roleLabel: ROLE_LABELS[u.role as Role],
        capacity: capacityOf({ fte: u.fte === null ? null : Number(u.fte), caseloadCapacity: u.caseloadCapacity }),
        ownCases: sum(own),
        workingCases: sum(own.filter((c) => c.coverWorkerId === null)) + sum(covering),
        onLeaveUntil: away.get(u.id) ?? null,
        coveredBy: own
          .filter((c) => c.coverWorkerId !== null)
          .map((c) => ({
            id: c.coverWorkerId as string,
            name: names.get(c.coverWorkerId as string) ?? '',
            count: c.n,
          })),
        coveringFor: covering.map((c) => ({
          id: c.workerId as string,
          name: names.get(c.workerId as string) ?? '',
          count: c.n,
        })),
      };
    })
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return { today, members };
}

export type { WorkloadMember };
