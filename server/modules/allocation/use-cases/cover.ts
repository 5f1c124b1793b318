import type {
  HandoverCase,
  HandoverPlan,
  HandoverResult,
  WorkloadMember,
} from '../../../../common/front-door-types.js';
import { referralReference, STATUS_LABELS } from '../../../../common/referrals.js';
import { ROLE_LABELS, type Role } from '../../../../common/roles.js';
import { requirePcnActor } from '../../../platform/access/pcn-member.js';
import { writeAudit, writeAuditAlone } from '../../../platform/audit/audit.js';
import type { SignedInContext } from '../../../platform/context.js';
import type { Db } from '../../../platform/db/client.js';
import { conflict, type FieldError, notFound, validationError } from '../../../platform/errors.js';
import { runUseCase } from '../../../platform/use-case.js';
import { notifyUser } from '../../notifications/notifications.service.js';
import { peopleByIds } from '../../people/people.service.js';
import { findReferralInScope, recordReferralEvent, workLists } from '../../referrals/referrals.service.js';
import { teamMembersOfPcn } from '../../users/users.service.js';
import { leaveOnDate, londonToday } from '../../workforce/workforce.service.js';
import * as repo from '../allocation.repository.js';
import type { TCover } from '../allocation.schemas.js';
import { capacityOf, coachCaseReason, coverWarning } from '../allocation-rules.js';

const CASELOAD_ROLES: readonly string[] = ['team_lead', 'link_worker', 'health_coach', 'care_coordinator'];
const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

type Member = Awaited<ReturnType<typeof teamMembersOfPcn>>[number];

/** The usual stand-in (seed article): a care coordinator at work, else anyone at work, by name. */
function defaultStandIn(colleagues: Member[]): Member | null {
  const byName = [...colleagues].sort((a, b) => a.name.localeCompare(b.name));
  return byName.find((m) => m.role === 'care_coordinator') ?? byName[0] ?? null;
}

/**
 * The worker's open cases, with what the lead needs to choose who covers each: the colleagues at
 * work, the usual stand-in, and the cases the rules give a health and wellbeing coach. Names
 * the people in the cases, so reading it is audited.
 */
export async function handoverPlan(db: Db, ctx: SignedInContext, workerId: string): Promise<HandoverPlan> {
  const actor = requirePcnActor(ctx, 'team member');
  const pcnId = actor.scope.pcnId;
  const today = londonToday();
  const [users, away, load] = await Promise.all([
    teamMembersOfPcn(db, pcnId),
    leaveOnDate(db, pcnId, today),
    workLists.findOpenCaseLoad(db, actor.scope),
  ]);
  const worker = users.find((u) => u.id === workerId);
  if (!worker) throw notFound('team member');
  const colleagues = users.filter(
    (u) => u.active && CASELOAD_ROLES.includes(u.role) && u.id !== worker.id && !away.has(u.id),
  );
  const rows = await workLists.findOwnOpenCases(db, actor.scope, worker.id);
  const people = await peopleByIds(
    db,
    actor.scope,
    rows.map((r) => r.personId),
  );
  const names = new Map(users.map((u) => [u.id, u.name]));
  await writeAuditAlone(db, ctx, {
    action: 'team.handover.read',
    entityType: 'user',
    entityId: worker.id,
    details: { count: rows.length },
  });
  return {
    worker: {
      id: worker.id,
      name: worker.name,
      roleLabel: ROLE_LABELS[worker.role as Role],
      onLeaveUntil: away.get(worker.id) ?? null,
    },
    cases: rows.map((r) => {
      const p = people.get(r.personId);
      return {
        referralId: r.id,
        reference: referralReference(r.id),
        person: { givenName: p?.givenName ?? '', familyName: p?.familyName ?? '' },
        status: r.status as HandoverCase['status'],
        statusLabel: STATUS_LABELS[r.status],
        complexity: r.complexity,
        predictedPam: r.predictedPam,
        coachReason: coachCaseReason(r),
        coveredBy: r.coverWorkerId ? { id: r.coverWorkerId, name: names.get(r.coverWorkerId) ?? 'A colleague' } : null,
      };
    }),
    colleagues: [...colleagues]
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((u) => ({
        id: u.id,
        name: u.name,
        role: u.role as Role,
        roleLabel: ROLE_LABELS[u.role as Role],
        workingCases: load.get(u.id) ?? 0,
        capacity: capacityOf({ fte: u.fte === null ? null : Number(u.fte), caseloadCapacity: u.caseloadCapacity }),
      })),
    defaultCoverWorkerId: defaultStandIn(colleagues)?.id ?? null,
  };
}

/**
 * Hands a worker's open cases to colleagues (e.g. while they are on leave): every case to one
 * colleague (`coverWorkerId`), a colleague per case (`cases`), or both (the named cases to their
 * own colleague, the rest to `coverWorkerId`). A case the rules give a health and wellbeing coach
 * (high complexity, predicted PAM level 1) goes to a care coordinator only when the lead confirms
 * it (`confirmCareCoordinator`); otherwise 400 naming that field, and nothing changes.
 */
export async function startCover(
  db: Db,
  ctx: SignedInContext,
  workerId: string,
  input: TCover,
): Promise<HandoverResult> {
  const actor = requirePcnActor(ctx, 'team member');
  const pcnId = actor.scope.pcnId;
  return runUseCase(db, ctx, async (tx) => {
    await repo.lockPcnAllocation(tx, pcnId);
    const team = new Map((await teamMembersOfPcn(tx, pcnId)).map((m) => [m.id, m]));
    const worker = team.get(workerId);
    if (!worker) throw notFound('team member');
    const away = await leaveOnDate(tx, pcnId, londonToday());
    const errors: FieldError[] = [];
    /** The colleague named at `field`, if they can cover: in the team, holding a caseload, at work. */
    const colleague = (id: string, field: string): Member | null => {
      const m = team.get(id);
      if (!m?.active || !CASELOAD_ROLES.includes(m.role)) {
        errors.push({ field, message: 'is not a member of your team' });
      } else if (m.id === worker.id) {
        errors.push({ field, message: 'must be someone other than the person who is away' });
      } else if (away.get(m.id)) {
        errors.push({ field, message: `is on leave until ${away.get(m.id)}` });
      } else {
        return m;
      }
      return null;
    };
    const standIn = input.coverWorkerId ? colleague(input.coverWorkerId, 'coverWorkerId') : null;
    const open = await workLists.findOwnOpenCases(tx, actor.scope, worker.id);
    const openById = new Map(open.map((r) => [r.id, r]));
    const chosen = new Map<string, Member>();
    const gone: string[] = [];
    for (const [i, c] of (input.cases ?? []).entries()) {
      const cover = colleague(c.coverWorkerId, `cases.${i}.coverWorkerId`);
      if (openById.has(c.referralId)) {
        if (cover) chosen.set(c.referralId, cover);
      } else if ((await findReferralInScope(tx, actor.scope, c.referralId))?.allocatedWorkerId === worker.id) {
        gone.push(referralReference(c.referralId));
      } else {
        errors.push({ field: `cases.${i}.referralId`, message: `is not one of ${worker.name}’s cases` });
      }
    }
    if (errors.length > 0) throw validationError(errors);
    if (gone.length > 0) {
      throw conflict(
        `${gone.join(', ')} ${gone.length === 1 ? 'is' : 'are'} no longer open: the cases have changed since you looked. Reload to see them as they are now.`,
      );
    }
    if (standIn) for (const r of open) if (!chosen.has(r.id)) chosen.set(r.id, standIn);

    // Cases a colleague already covers stay as they are: only real moves are warned about and made.
    const moves = open.flatMap((r) => {
      const cover = chosen.get(r.id);
      return cover && r.coverWorkerId !== cover.id ? [{ row: r, cover, warning: coverWarning(r, cover) }] : [];
    });
    const warned = moves.filter((m) => m.warning);
    if (warned.length > 0 && !input.confirmCareCoordinator) {
      const refs = warned.map((m) => referralReference(m.row.id)).join(', ');
      throw validationError([
        {
          field: 'confirmCareCoordinator',
          message: `must be true to hand ${plural(warned.length, 'case', 'cases')} the rules give a health and wellbeing coach (high complexity or predicted PAM level 1) to a care coordinator: ${refs}`,
        },
      ]);
    }

    const handedTo: HandoverResult['handedTo'] = [];
    let moved = 0;
    const byCover = new Map<string, typeof moves>();
    for (const m of moves) byCover.set(m.cover.id, [...(byCover.get(m.cover.id) ?? []), m]);
    for (const [coverId, group] of [...byCover.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const cover = group[0]?.cover as Member;
      const warnings = new Map(group.map((m) => [m.row.id, m.warning]));
      const rows = await workLists.setCoverWorkerOfCases(
        tx,
        actor.scope,
        worker.id,
        group.map((m) => m.row.id),
        coverId,
      );
      for (const row of rows) {
        const warning = warnings.get(row.id) ?? null;
        await recordReferralEvent(tx, ctx, row, {
          type: 'cover_started',
          details: {
            workerId: worker.id,
            workerName: worker.name,
            coverWorkerId: cover.id,
            coverWorkerName: cover.name,
            ...(warning ? { warning, confirmedByLead: true } : {}),
          },
        });
      }
      if (rows.length === 0) continue;
      moved += rows.length;
      handedTo.push({ id: cover.id, name: cover.name, count: rows.length });
      await notifyUser(tx, {
        userId: cover.id,
        kind: 'referral.cover',
        title: `${plural(rows.length, 'case', 'cases')} handed to you to cover for ${worker.name}`,
        link: '/caseload',
      });
    }
    const warnings = warned.map((m) => ({
      referralId: m.row.id,
      reference: referralReference(m.row.id),
      message: m.warning as string,
    }));
    await writeAudit(tx, ctx, {
      action: 'team.cover-start',
      entityType: 'user',
      entityId: worker.id,
      details: {
        coverWorkerId: standIn?.id ?? null,
        count: moved,
        handedTo: handedTo.map((h) => ({ coverWorkerId: h.id, count: h.count })),
        ...(warnings.length > 0 ? { confirmedCareCoordinator: warnings.map((w) => w.referralId) } : {}),
      },
    });
    return { moved, coverWorker: standIn ? { id: standIn.id, name: standIn.name } : null, handedTo, warnings };
  });
}

/** Hands the covered cases back to the worker they are allocated to. */
export async function endCover(db: Db, ctx: SignedInContext, workerId: string): Promise<{ returned: number }> {
  const actor = requirePcnActor(ctx, 'team member');
  const pcnId = actor.scope.pcnId;
  return runUseCase(db, ctx, async (tx) => {
    await repo.lockPcnAllocation(tx, pcnId);
    const worker = (await teamMembersOfPcn(tx, pcnId)).find((m) => m.id === workerId);
    if (!worker) throw notFound('team member');
    const returned = await workLists.clearCoverWorker(tx, actor.scope, worker.id);
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
export async function teamWorkload(
  db: Db,
  ctx: SignedInContext,
): Promise<{ today: string; members: WorkloadMember[] }> {
  const actor = requirePcnActor(ctx, 'team');
  const pcnId = actor.scope.pcnId;
  const today = londonToday();
  const [users, counts, away, coachCases] = await Promise.all([
    teamMembersOfPcn(db, pcnId),
    workLists.findCoverCounts(db, actor.scope),
    leaveOnDate(db, pcnId, today),
    workLists.findCoachCaseCounts(db, actor.scope),
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
        coachCases: coachCases.get(u.id) ?? 0,
      };
    })
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return { today, members };
}

export type { HandoverPlan, HandoverResult, WorkloadMember };
