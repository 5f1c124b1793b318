import type {
  Caseload,
  CaseloadItem,
  FirstContactDue,
  PlanReviewDue,
  TeamCaseloadCase,
  TeamCaseloadMember,
  TeamCaseloads,
} from '../../../../common/front-door-types.js';
import { type ReferralStatus, STATUS_LABELS } from '../../../../common/referrals.js';
import { ROLE_LABELS, type Role } from '../../../../common/roles.js';
import { requirePcnActor } from '../../../platform/access/pcn-member.js';
import { writeAuditAlone } from '../../../platform/audit/audit.js';
import type { SignedInContext } from '../../../platform/context.js';
import type { Db } from '../../../platform/db/client.js';
import { planReviewDates } from '../../care-plans/care-plans.service.js';
import { lastContactsOf, nextPlannedContactsOf } from '../../cases/cases.service.js';
import { reasonLabels } from '../../codes/codes.service.js';
import { latestOutcomeScores } from '../../outcomes/outcomes.service.js';
import { personNamesByIds } from '../../people/people.service.js';
import { type ReferralRow, workLists } from '../../referrals/referrals.service.js';
import { teamMembersOfPcn, userNames } from '../../users/users.service.js';
import { leaveOnDate, londonToday } from '../../workforce/workforce.service.js';
import { capacityOf } from '../allocation-rules.js';

function dueOf(row: Pick<ReferralRow, 'status' | 'firstContactAt' | 'firstContactDueAt'>, now: Date): FirstContactDue {
  if (row.status !== 'allocated' || row.firstContactAt) return 'made';
  if (!row.firstContactDueAt) return 'no_target';
  if (londonToday(row.firstContactDueAt) === londonToday(now)) return 'due_today';
  return row.firstContactDueAt < now ? 'overdue' : 'upcoming';
}

const REVIEW_SOON_DAYS = 14;

function reviewDueOf(reviewOn: string | null | undefined, today: string): PlanReviewDue {
  if (!reviewOn) return 'none';
  if (reviewOn < today) return 'overdue';
  const soon = new Date(`${today}T00:00:00Z`);
  soon.setUTCDate(soon.getUTCDate() + REVIEW_SOON_DAYS);
  return reviewOn <= soon.toISOString().slice(0, 10) ? 'due' : 'upcoming';
}

/** The signed-in worker's own open cases and the ones they cover, soonest first-contact first. */
export async function listCaseload(db: Db, ctx: SignedInContext): Promise<Caseload> {
  const actor = requirePcnActor(ctx, 'caseload');
  const rows = await workLists.findCaseload(db, actor.scope, actor.userId);
  const others = rows.flatMap((r) =>
    r.coverWorkerId === actor.userId ? [r.allocatedWorkerId as string] : r.coverWorkerId ? [r.coverWorkerId] : [],
  );
  const ids = rows.map((r) => r.id);
  // One read per kind for the whole caseload, never one per row.
  const now = new Date();
  const [people, labels, names, reviews, scores, lastContacts, nextContacts] = await Promise.all([
    personNamesByIds(
      db,
      actor.scope,
      rows.map((r) => r.personId),
    ),
    reasonLabels(db),
    userNames(db, others),
    planReviewDates(
      db,
      actor.scope,
      rows.map((r) => r.personId),
    ),
    latestOutcomeScores(db, actor.scope, ids),
    lastContactsOf(db, actor.scope, ids),
    nextPlannedContactsOf(db, actor.scope, ids, now),
  ]);
  const today = londonToday(now);
  const items = rows.map((r): CaseloadItem => {
    const p = people.get(r.personId);
    const coverKind = r.coverWorkerId === actor.userId ? 'covering' : r.coverWorkerId ? 'covered' : null;
    const otherId = coverKind === 'covering' ? (r.allocatedWorkerId as string) : (r.coverWorkerId as string);
    return {
      id: r.id,
      version: r.version,
      person: {
        givenName: p?.givenName ?? '',
        familyName: p?.familyName ?? '',
        nhsNumber: p?.nhsNumber ?? null,
        dateOfBirth: p?.dateOfBirth ?? '',
      },
      reasons: r.reasons.map((code) => ({ code, label: labels.get(code) ?? code })),
      priority: r.priority,
      status: r.status as CaseloadItem['status'],
      statusLabel: STATUS_LABELS[r.status as ReferralStatus],
      safeguardingConcern: r.safeguardingConcern,
      allocatedAt: r.allocatedAt?.toISOString() ?? null,
      firstContactDueAt: r.firstContactDueAt?.toISOString() ?? null,
      firstContactAt: r.firstContactAt?.toISOString() ?? null,
      firstContactDue: dueOf(r, now),
      cover: coverKind ? { kind: coverKind, worker: { id: otherId, name: names.get(otherId) ?? 'A colleague' } } : null,
      planReview: { on: reviews.get(r.personId) ?? null, due: reviewDueOf(reviews.get(r.personId), today) },
      latestScores: scores.get(r.id) ?? [],
      lastContactAt: lastContacts.get(r.id) ?? null,
      nextContact: nextContacts.get(r.id) ?? null,
    };
  });
  await writeAuditAlone(db, ctx, {
    action: 'caseload.read',
    entityType: 'user',
    entityId: actor.userId,
    details: { count: items.length },
  });
  return {
    items,
    counts: {
      total: items.length,
      awaitingFirstContact: items.filter((i) => i.status === 'allocated').length,
      overdue: items.filter((i) => i.firstContactDue === 'overdue').length,
      covering: items.filter((i) => i.cover?.kind === 'covering').length,
    },
  };
}

const CASELOAD_ROLES: readonly string[] = ['team_lead', 'link_worker', 'health_coach', 'care_coordinator'];

/**
 * The team lead's view: every member's open cases against their capacity × FTE. Names the people
 * in the cases, so the read is audited.
 */
export async function teamCaseloads(db: Db, ctx: SignedInContext): Promise<TeamCaseloads> {
  const actor = requirePcnActor(ctx, 'team');
  const pcnId = actor.scope.pcnId;
  const today = londonToday();
  const [users, rows, away] = await Promise.all([
    teamMembersOfPcn(db, pcnId),
    workLists.findTeamCaseloads(db, actor.scope),
    leaveOnDate(db, pcnId, today),
  ]);
  const people = await personNamesByIds(
    db,
    actor.scope,
    rows.map((r) => r.personId),
  );
  const names = new Map(users.map((u) => [u.id, u.name]));
  const now = new Date();
  const members = users
    .filter((u) => u.active && CASELOAD_ROLES.includes(u.role))
    .map((u): TeamCaseloadMember => {
      const cases = rows
        .filter((r) => r.allocatedWorkerId === u.id || r.coverWorkerId === u.id)
        .map((r): TeamCaseloadCase => {
          const p = people.get(r.personId);
          const kind: 'covering' | 'covered' | null =
            r.coverWorkerId === u.id ? 'covering' : r.coverWorkerId ? 'covered' : null;
          const otherId = kind === 'covering' ? (r.allocatedWorkerId as string) : (r.coverWorkerId as string);
          return {
            id: r.id,
            person: { givenName: p?.givenName ?? '', familyName: p?.familyName ?? '' },
            status: r.status as TeamCaseloadCase['status'],
            statusLabel: STATUS_LABELS[r.status as ReferralStatus],
            firstContactDueAt: r.firstContactDueAt?.toISOString() ?? null,
            firstContactDue: dueOf(r, now),
            cover: kind ? { kind, worker: { id: otherId, name: names.get(otherId) ?? 'A colleague' } } : null,
          };
        });
      const fte = u.fte === null ? null : Number(u.fte);
      return {
        id: u.id,
        name: u.name,
        role: u.role as Role,
        roleLabel: ROLE_LABELS[u.role as Role],
        fte,
        caseloadCapacity: u.caseloadCapacity,
        capacity: capacityOf({ fte, caseloadCapacity: u.caseloadCapacity }),
        workingCases: cases.filter((c) => c.cover?.kind !== 'covered').length,
        onLeaveUntil: away.get(u.id) ?? null,
        cases,
      };
    })
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  await writeAuditAlone(db, ctx, {
    action: 'team.caseloads-read',
    entityType: 'pcn',
    entityId: pcnId,
    details: { members: members.length, cases: rows.length },
  });
  return { today, members };
}

export type { Caseload, CaseloadItem, FirstContactDue, PlanReviewDue };
