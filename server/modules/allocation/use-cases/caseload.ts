import {
  CASELOAD_PAGE_SIZE,
  type Caseload,
  type CaseloadItem,
  type FirstContactDue,
  type PlanReviewDue,
  type TeamCaseloadCase,
  type TeamCaseloadMember,
  type TeamCaseloads,
} from '../../../../common/front-door-types.js';
import { type ReferralStatus, STATUS_LABELS } from '../../../../common/referrals.js';
import { ROLE_LABELS, type Role } from '../../../../common/roles.js';
import { type PcnActor, requirePcnActor } from '../../../platform/access/pcn-member.js';
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
import type { TCaseloadQuery } from '../allocation.schemas.js';
import { capacityOf } from '../allocation-rules.js';
import { caseloadSearch, showsCase } from '../caseload-filter.js';

type CaseloadRow = workLists.CaseloadRow;
type CaseloadEntry = workLists.CaseloadEntry;

function dueOf(
  row: Pick<ReferralRow, 'status' | 'firstContactAt' | 'firstContactDueAt'>,
  now: Date,
  today = londonToday(now),
): FirstContactDue {
  if (row.status !== 'allocated' || row.firstContactAt) return 'made';
  if (!row.firstContactDueAt) return 'no_target';
  if (londonToday(row.firstContactDueAt) === today) return 'due_today';
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

/** Whether the signed-in worker covers this case, or someone covers it for them. */
function coverKindOf(r: Pick<CaseloadEntry, 'coverWorkerId'>, userId: string): 'covering' | 'covered' | null {
  return r.coverWorkerId === userId ? 'covering' : r.coverWorkerId ? 'covered' : null;
}

/**
 * The signed-in worker's own open cases and the ones they cover, those waiting for first contact
 * first (soonest due first): one page of those matching the search and "show". The details (names, plan reviews, scores,
 * contacts) are read for that page only, unless the search or "show" needs them to choose.
 */
export async function listCaseload(db: Db, ctx: SignedInContext, query: TCaseloadQuery): Promise<Caseload> {
  const actor = requirePcnActor(ctx, 'caseload');
  const search = caseloadSearch(query.q);
  const caseload =
    search || query.show === 'overdue'
      ? await chosenInApp(db, actor, query, search)
      : await chosenInSql(db, actor, { ...query, show: query.show });
  await writeAuditAlone(db, ctx, {
    action: 'caseload.read',
    entityType: 'user',
    entityId: actor.userId,
    details: {
      count: caseload.items.length,
      matching: caseload.total,
      open: caseload.counts.total,
      page: caseload.page,
    },
  });
  return caseload;
}

const lastPage = (matching: number) => Math.max(1, Math.ceil(matching / CASELOAD_PAGE_SIZE));

/**
 * The usual caseload (no search; a "show" its rows decide): the counts and one page chosen by
 * PostgreSQL, so a worker with hundreds of cases costs the app one page. The same rules as
 * chosenInApp (referrals/caseload.repository.ts says how; caseload-counts.db.test.ts holds them
 * equal).
 */
async function chosenInSql(
  db: Db,
  actor: PcnActor,
  query: Omit<TCaseloadQuery, 'show'> & { show: workLists.RowShow },
): Promise<Caseload> {
  const now = new Date();
  const counts = await workLists.caseloadCounts(db, actor.scope, actor.userId, {
    show: query.show,
    today: londonToday(now),
  });
  const page = Math.min(query.page, lastPage(counts.matching));
  const rows =
    counts.matching === 0
      ? []
      : await workLists.caseloadPage(db, actor.scope, actor.userId, {
          show: query.show,
          limit: CASELOAD_PAGE_SIZE,
          offset: (page - 1) * CASELOAD_PAGE_SIZE,
        });
  return {
    items: await caseloadItems(db, actor, rows, now, { people: null, reviews: null, next: null }),
    total: counts.matching,
    page,
    pageSize: CASELOAD_PAGE_SIZE,
    counts: {
      total: counts.total,
      awaitingFirstContact: counts.awaiting,
      overdue: counts.overdue,
      covering: counts.covering,
    },
  };
}

/**
 * A search, or "overdue" (which needs every case's plan review and planned contacts): every open
 * case is read, and what choosing needs of them; the rest is read below for one page.
 */
async function chosenInApp(
  db: Db,
  actor: PcnActor,
  query: TCaseloadQuery,
  search: ReturnType<typeof caseloadSearch>,
): Promise<Caseload> {
  const rows = await workLists.findCaseload(db, actor.scope, actor.userId);
  const now = new Date();
  const today = londonToday(now);
  const overdueOnly = query.show === 'overdue';
  const [allPeople, allReviews, allNext] = await Promise.all([
    search
      ? personNamesByIds(
          db,
          actor.scope,
          rows.map((r) => r.personId),
        )
      : null,
    overdueOnly
      ? planReviewDates(
          db,
          actor.scope,
          rows.map((r) => r.personId),
        )
      : null,
    overdueOnly
      ? nextPlannedContactsOf(
          db,
          actor.scope,
          rows.map((r) => r.id),
          now,
        )
      : null,
  ]);
  // Each open case's own facts, worked out once: for "show" and for the counts.
  const facts = rows.map((r) => ({
    status: r.status,
    coverKind: coverKindOf(r, actor.userId),
    firstContactDue: dueOf(r, now, today),
  }));
  const matching = rows.filter((r, i) => {
    const shown = showsCase(query.show, {
      ...(facts[i] as (typeof facts)[number]),
      nextContactOverdue: allNext?.get(r.id)?.overdue,
      planReviewDue: allReviews ? reviewDueOf(allReviews.get(r.personId), today) : undefined,
    });
    const p = allPeople?.get(r.personId);
    return shown && (!search || (p !== undefined && search({ ...p, id: r.id })));
  });
  const page = Math.min(query.page, lastPage(matching.length));
  const pageRows = await workLists.findCaseloadPage(
    db,
    actor.scope,
    matching.slice((page - 1) * CASELOAD_PAGE_SIZE, page * CASELOAD_PAGE_SIZE).map((r) => r.id),
  );
  const items = await caseloadItems(db, actor, pageRows, now, {
    people: allPeople,
    reviews: allReviews,
    next: allNext,
  });
  return {
    items,
    total: matching.length,
    page,
    pageSize: CASELOAD_PAGE_SIZE,
    counts: {
      total: rows.length,
      awaitingFirstContact: facts.filter((c) => c.status === 'allocated').length,
      overdue: facts.filter((c) => c.firstContactDue === 'overdue').length,
      covering: facts.filter((c) => c.coverKind === 'covering').length,
    },
  };
}

/** The page's cases with their details: one read per kind for the whole page, never one per row. */
async function caseloadItems(
  db: Db,
  actor: PcnActor,
  rows: CaseloadRow[],
  now: Date,
  known: {
    people: Awaited<ReturnType<typeof personNamesByIds>> | null;
    reviews: Awaited<ReturnType<typeof planReviewDates>> | null;
    next: Awaited<ReturnType<typeof nextPlannedContactsOf>> | null;
  },
): Promise<CaseloadItem[]> {
  if (rows.length === 0) return [];
  const others = rows.flatMap((r) =>
    r.coverWorkerId === actor.userId ? [r.allocatedWorkerId as string] : r.coverWorkerId ? [r.coverWorkerId] : [],
  );
  const ids = rows.map((r) => r.id);
  const personIds = rows.map((r) => r.personId);
  const [people, labels, names, reviews, scores, lastContacts, nextContacts] = await Promise.all([
    known.people ?? personNamesByIds(db, actor.scope, personIds),
    reasonLabels(db),
    userNames(db, others),
    known.reviews ?? planReviewDates(db, actor.scope, personIds),
    latestOutcomeScores(db, actor.scope, ids),
    lastContactsOf(db, actor.scope, ids),
    known.next ?? nextPlannedContactsOf(db, actor.scope, ids, now),
  ]);
  const today = londonToday(now);
  return rows.map((r): CaseloadItem => {
    const p = people.get(r.personId);
    const coverKind = coverKindOf(r, actor.userId);
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
      firstContactDue: dueOf(r, now, today),
      cover: coverKind ? { kind: coverKind, worker: { id: otherId, name: names.get(otherId) ?? 'A colleague' } } : null,
      planReview: { on: reviews.get(r.personId) ?? null, due: reviewDueOf(reviews.get(r.personId), today) },
      latestScores: scores.get(r.id) ?? [],
      lastContactAt: lastContacts.get(r.id) ?? null,
      nextContact: nextContacts.get(r.id) ?? null,
    };
  });
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
            firstContactDue: dueOf(r, now, today),
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
