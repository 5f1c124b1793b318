import { ROLE_LABELS, type TeamRole } from '../../../common/roles.js';
import {
  ATTENDANCE_WINDOW_DAYS,
  type Facilitator,
  type GroupRecord,
  type GroupSession,
  type GroupSummary,
  type GroupsOverview,
  type OpenCase,
  type SessionRegister,
} from '../../../common/team-groups.js';
import { type PcnActor, type PcnScope, requirePcnActor } from '../../platform/access/pcn-member.js';
import type { Scope } from '../../platform/access/scope.js';
import { writeAudit, writeAuditAlone } from '../../platform/audit/audit.js';
import type { SignedInContext } from '../../platform/context.js';
import type { Db, DbOrTx } from '../../platform/db/client.js';
import { conflict, type FieldError, isUniqueViolation, notFound, validationError } from '../../platform/errors.js';
import { publish } from '../../platform/realtime.js';
import { runUseCase } from '../../platform/use-case.js';
import { loadListing } from '../directory/listings/listings.service.js';
import { peopleByIds, personNamesByIds } from '../people/people.service.js';
import { findReferralInScope, isWorkable, workLists } from '../referrals/referrals.service.js';
import { teamMembersOfPcn, userNames } from '../users/users.service.js';
import { volunteersOfPcn } from '../volunteers/volunteers.service.js';
import { londonToday } from '../workforce/workforce.service.js';
import * as repo from './team-groups.repository.js';
import type { TGroupDetails, TGroupUpdate, TRegisterSave, TSessionCreate } from './team-groups.schemas.js';

// The case record's presence read (cases/use-cases/timeline.ts) asks whether a case has attendance.
export { attendanceOfCaseExists } from './team-groups.repository.js';

// Groups and activities the PCN's team runs itself (issue 16, point 5): a schedule, sessions, a
// venue and capacity, facilitators (staff or volunteers), a register per session (people with
// cases by name, everyone else as a count), and the Directory listing the public finds it by.
// Attendance joins each person's case timeline (cases module, through attendanceOfCase) and the
// figures of the groups page, which the team lead reads.

const DAY_MS = 86_400_000;

async function listingRef(db: DbOrTx, id: string | null) {
  if (!id) return null;
  const listing = await loadListing(db, id);
  return listing ? { id: listing.id, name: listing.name, organisation: listing.organization.name } : null;
}

/** A listing of the actor's ICB that the public can find (not retired, not merged away). */
async function checkListing(db: DbOrTx, actor: PcnActor, id: string | null): Promise<void> {
  if (!id) return;
  const listing = await loadListing(db, id);
  if (!listing || listing.icb_id !== actor.scope.icbId) {
    throw validationError([{ field: 'directoryServiceId', message: 'must be a listing in your directory' }]);
  }
  if (listing.status === 'defunct' || listing.merged_into_id) {
    throw validationError([
      {
        field: 'directoryServiceId',
        message: 'must be a listing the public can find (this one was retired or merged)',
      },
    ]);
  }
}

async function checkFacilitators(db: DbOrTx, actor: PcnActor, input: Pick<TGroupDetails, 'staffIds' | 'volunteerIds'>) {
  const errors: FieldError[] = [];
  const team = new Set((await teamMembersOfPcn(db, actor.scope.pcnId)).filter((m) => m.active).map((m) => m.id));
  input.staffIds.forEach((id, i) => {
    if (!team.has(id)) errors.push({ field: `staffIds.${i}`, message: 'must be an active member of your team' });
  });
  const volunteers = new Map((await volunteersOfPcn(db, actor.scope, input.volunteerIds)).map((v) => [v.id, v]));
  input.volunteerIds.forEach((id, i) => {
    const v = volunteers.get(id);
    if (!v?.active) errors.push({ field: `volunteerIds.${i}`, message: 'must be one of your active volunteers' });
  });
  if (new Set(input.staffIds).size !== input.staffIds.length) {
    errors.push({ field: 'staffIds', message: 'must not name anyone twice' });
  }
  if (new Set(input.volunteerIds).size !== input.volunteerIds.length) {
    errors.push({ field: 'volunteerIds', message: 'must not name anyone twice' });
  }
  if (errors.length > 0) throw validationError(errors);
}

async function facilitatorsOf(db: DbOrTx, scope: PcnScope, rows: repo.FacilitatorRow[]): Promise<Facilitator[]> {
  const team = new Map((await teamMembersOfPcn(db, scope.pcnId)).map((m) => [m.id, m]));
  const volunteerIds = rows.flatMap((r) => (r.volunteerId ? [r.volunteerId] : []));
  const volunteers = new Map((await volunteersOfPcn(db, scope, volunteerIds)).map((v) => [v.id, v]));
  return rows.flatMap((r): Facilitator[] => {
    if (r.userId) {
      const m = team.get(r.userId);
      return m
        ? [
            {
              kind: 'staff',
              id: m.id,
              name: m.name,
              roleLabel: ROLE_LABELS[m.role as TeamRole] ?? m.role,
              active: m.active,
            },
          ]
        : [];
    }
    const v = r.volunteerId ? volunteers.get(r.volunteerId) : undefined;
    return v
      ? [
          {
            kind: 'volunteer',
            id: v.id,
            name: v.name,
            roleLabel: `Volunteer: ${v.roleLabel.toLowerCase()}`,
            active: v.active,
          },
        ]
      : [];
  });
}

async function figures(db: DbOrTx, scope: PcnScope, now: Date) {
  const from = new Date(now.getTime() - ATTENDANCE_WINDOW_DAYS * DAY_MS);
  const f = await repo.attendanceFigures(db, scope, from, now);
  const bySessions = new Map(f.sessions.map((s) => [s.groupId, s]));
  const byPeople = new Map(f.people.map((p) => [p.groupId, p]));
  return {
    of: (groupId: string) => ({
      sessionsHeld: bySessions.get(groupId)?.sessions ?? 0,
      otherAttendances: bySessions.get(groupId)?.others ?? 0,
      caseAttendances: byPeople.get(groupId)?.attendances ?? 0,
      peopleWithCases: byPeople.get(groupId)?.people ?? 0,
    }),
    totals: {
      sessionsHeld: f.sessions.reduce((n, s) => n + s.sessions, 0),
      otherAttendances: f.sessions.reduce((n, s) => n + s.others, 0),
      caseAttendances: f.people.reduce((n, p) => n + p.attendances, 0),
      peopleWithCases: f.distinctPeople,
    },
  };
}

async function toSummary(
  db: DbOrTx,
  g: repo.GroupRow,
  figs: Awaited<ReturnType<typeof figures>>,
  next: Map<string, Date>,
): Promise<GroupSummary> {
  return {
    id: g.id,
    name: g.name,
    schedule: g.schedule,
    venue: g.venue,
    capacity: g.capacity,
    status: g.closedAt ? 'closed' : 'active',
    listing: await listingRef(db, g.directoryServiceId),
    nextSessionAt: next.get(g.id)?.toISOString() ?? null,
    ...figs.of(g.id),
  };
}

/** The groups page: each group and the attendance figures of the last 90 days (what the lead reads). */
export async function listGroups(db: Db, ctx: SignedInContext): Promise<GroupsOverview> {
  const actor = requirePcnActor(ctx, 'group');
  const now = new Date();
  const groups = await repo.findGroupsOfPcn(db, actor.scope);
  const figs = await figures(db, actor.scope, now);
  const next = await repo.nextSessions(db, actor.scope, now);
  const summaries: GroupSummary[] = [];
  for (const g of groups) summaries.push(await toSummary(db, g, figs, next));
  return {
    windowDays: ATTENDANCE_WINDOW_DAYS,
    groups: summaries,
    totals: figs.totals,
  };
}

async function toRecord(db: DbOrTx, scope: PcnScope, g: repo.GroupRow): Promise<GroupRecord> {
  const now = new Date();
  // One query at a time: this runs inside a write's transaction too.
  const figs = await figures(db, scope, now);
  const next = await repo.nextSessions(db, scope, now);
  const facilitatorRows = await repo.findFacilitators(db, [g.id]);
  const sessions = await repo.findSessions(db, g.id);
  const attendance = await repo.findAttendance(
    db,
    sessions.map((s) => s.id),
  );
  return {
    ...(await toSummary(db, g, figs, next)),
    version: g.version,
    description: g.description,
    facilitators: await facilitatorsOf(db, scope, facilitatorRows),
    sessions: sessions.map((s) => toSession(s, attendance.filter((a) => a.sessionId === s.id).length)),
  };
}

const toSession = (s: repo.SessionRow, caseAttendances: number): GroupSession => ({
  id: s.id,
  startsAt: s.startsAt.toISOString(),
  durationMinutes: s.durationMinutes,
  registerTaken: s.registerTakenAt !== null,
  caseAttendances,
  othersCount: s.othersCount,
});

/** The group's record. Audited: it names the volunteers who help run it. */
export async function getGroup(db: Db, ctx: SignedInContext, id: string): Promise<GroupRecord> {
  const actor = requirePcnActor(ctx, 'group');
  const g = await repo.findGroup(db, actor.scope, id);
  if (!g) throw notFound('group');
  const record = await toRecord(db, actor.scope, g);
  await writeAuditAlone(db, ctx, { action: 'team-group.read', entityType: 'team_group', entityId: id });
  return record;
}

export async function createGroup(db: Db, ctx: SignedInContext, input: TGroupDetails): Promise<GroupRecord> {
  const actor = requirePcnActor(ctx, 'group');
  await checkListing(db, actor, input.directoryServiceId);
  await checkFacilitators(db, actor, input);
  return runUseCase(db, ctx, async (tx) => {
    const { staffIds, volunteerIds, ...values } = input;
    const g = await repo.insertGroup(tx, { ...values, pcnId: actor.scope.pcnId, createdBy: actor.userId });
    await repo.replaceFacilitators(tx, g.id, staffIds, volunteerIds);
    await writeAudit(tx, ctx, {
      action: 'team-group.create',
      entityType: 'team_group',
      entityId: g.id,
      details: { directoryServiceId: g.directoryServiceId, staffIds, volunteerIds },
    });
    return toRecord(tx, actor.scope, g);
  });
}

export async function updateGroup(db: Db, ctx: SignedInContext, id: string, input: TGroupUpdate): Promise<GroupRecord> {
  const actor = requirePcnActor(ctx, 'group');
  return runUseCase(db, ctx, async (tx) => {
    const current = await repo.findGroup(tx, actor.scope, id, { lock: true });
    if (!current) throw notFound('group');
    await checkListing(tx, actor, input.directoryServiceId);
    await checkFacilitators(tx, actor, input);
    const { staffIds, volunteerIds, version, closed, ...values } = input;
    const g = await repo.updateGroup(tx, actor.scope, id, version, {
      ...values,
      closedAt: closed ? (current.closedAt ?? new Date()) : null,
    });
    if (!g) throw conflict('Someone else changed this group first. Reload the page to see their changes.');
    await repo.replaceFacilitators(tx, id, staffIds, volunteerIds);
    await writeAudit(tx, ctx, {
      action: 'team-group.update',
      entityType: 'team_group',
      entityId: id,
      details: { directoryServiceId: g.directoryServiceId, staffIds, volunteerIds, closed },
    });
    return toRecord(tx, actor.scope, g);
  });
}

export async function addSession(
  db: Db,
  ctx: SignedInContext,
  groupId: string,
  input: TSessionCreate,
): Promise<GroupRecord> {
  const actor = requirePcnActor(ctx, 'group');
  return runUseCase(db, ctx, async (tx) => {
    const g = await repo.findGroup(tx, actor.scope, groupId, { lock: true });
    if (!g) throw notFound('group');
    if (g.closedAt) throw conflict(`${g.name} has closed: reopen it to add sessions.`);
    const session = await repo
      .insertSession(tx, {
        groupId,
        pcnId: actor.scope.pcnId,
        startsAt: new Date(input.startsAt),
        durationMinutes: input.durationMinutes,
        createdBy: actor.userId,
      })
      .catch((error: unknown) => {
        if (isUniqueViolation(error, 'team_group_sessions_once')) {
          throw validationError([{ field: 'startsAt', message: 'must not be the start of a session already planned' }]);
        }
        throw error;
      });
    await writeAudit(tx, ctx, {
      action: 'team-group.session-added',
      entityType: 'team_group',
      entityId: groupId,
      details: { sessionId: session.id, startsAt: input.startsAt },
    });
    return toRecord(tx, actor.scope, g);
  });
}

async function registerOf(db: DbOrTx, actor: PcnActor, g: repo.GroupRow, s: repo.SessionRow): Promise<SessionRegister> {
  const attendance = await repo.findAttendance(db, [s.id]);
  const people = await peopleByIds(
    db,
    actor.scope,
    attendance.map((a) => a.personId),
  );
  const takenBy = s.registerTakenBy ? (await userNames(db, [s.registerTakenBy])).get(s.registerTakenBy) : null;
  return {
    group: { id: g.id, name: g.name, capacity: g.capacity, venue: g.venue },
    session: { ...toSession(s, attendance.length), version: s.version, takenBy: takenBy ?? null },
    attendees: attendance
      .map((a) => {
        const p = people.get(a.personId);
        return {
          referralId: a.referralId,
          personName: p ? `${p.givenName} ${p.familyName}` : 'Person not known to your team',
          nhsNumber: p?.nhsNumber ?? null,
        };
      })
      .sort((a, b) => a.personName.localeCompare(b.personName)),
  };
}

async function loadSession(db: DbOrTx, actor: PcnActor, groupId: string, sessionId: string, lock = false) {
  const g = await repo.findGroup(db, actor.scope, groupId);
  if (!g) throw notFound('session');
  const s = await repo.findSession(db, actor.scope, groupId, sessionId, { lock });
  if (!s) throw notFound('session');
  return { g, s };
}

/** A session's register: the people with cases who came, by name. An audited read. */
export async function getRegister(
  db: Db,
  ctx: SignedInContext,
  groupId: string,
  sessionId: string,
): Promise<SessionRegister> {
  const actor = requirePcnActor(ctx, 'session');
  const { g, s } = await loadSession(db, actor, groupId, sessionId);
  const register = await registerOf(db, actor, g, s);
  await writeAuditAlone(db, ctx, {
    action: 'team-group.register-read',
    entityType: 'team_group_session',
    entityId: sessionId,
  });
  return register;
}

const londonDateOf = (at: Date) => londonToday(at);

/**
 * Takes (or corrects) a session's register: the people with open cases who came, replacing what
 * was there, and a count of everyone else. Each case named must be an open case of the team.
 * Every case whose attendance changed hears of it (its timeline shows the session).
 */
export async function saveRegister(
  db: Db,
  ctx: SignedInContext,
  groupId: string,
  sessionId: string,
  input: TRegisterSave,
): Promise<SessionRegister> {
  const actor = requirePcnActor(ctx, 'session');
  if (new Set(input.referralIds).size !== input.referralIds.length) {
    throw validationError([{ field: 'referralIds', message: 'must not name anyone twice' }]);
  }
  return runUseCase(db, ctx, async (tx) => {
    const { g, s } = await loadSession(tx, actor, groupId, sessionId, true);
    if (londonDateOf(s.startsAt) > londonToday()) {
      throw conflict('A register can be taken on the day of the session or after it, not before.');
    }
    const before = await repo.findAttendance(tx, [s.id]);
    const kept = new Set(before.map((a) => a.referralId));
    const errors: FieldError[] = [];
    const rows: { referralId: string; personId: string; pcnId: string; recordedBy: string }[] = [];
    for (const [i, referralId] of input.referralIds.entries()) {
      const referral = await findReferralInScope(tx, actor.scope, referralId);
      // A case already on the register stays even if it has closed since; a new one must be open.
      if (!referral || (!kept.has(referralId) && !isWorkable(referral.status))) {
        errors.push({ field: `referralIds.${i}`, message: 'must be one of your team’s open cases' });
        continue;
      }
      rows.push({ referralId, personId: referral.personId, pcnId: actor.scope.pcnId, recordedBy: actor.userId });
    }
    if (errors.length > 0) throw validationError(errors);
    const taken = await repo.markRegisterTaken(tx, s.id, input.version, {
      othersCount: input.othersCount,
      registerTakenBy: actor.userId,
    });
    if (!taken) throw conflict('Someone else saved this register first. Reload the page to see it.');
    // Rows already there keep who recorded them and when.
    const previous = new Map(before.map((a) => [a.referralId, a]));
    await repo.replaceAttendance(
      tx,
      s.id,
      rows.map((r) => {
        const was = previous.get(r.referralId);
        return was ? { ...r, recordedBy: was.recordedBy, recordedAt: was.recordedAt } : r;
      }),
    );
    const now = new Set(rows.map((r) => r.referralId));
    const added = rows.filter((r) => !kept.has(r.referralId)).map((r) => r.referralId);
    const removed = before.filter((a) => !now.has(a.referralId)).map((a) => a.referralId);
    await writeAudit(tx, ctx, {
      action: 'team-group.register-taken',
      entityType: 'team_group_session',
      entityId: s.id,
      details: { groupId, added, removed, attended: rows.length, othersCount: input.othersCount },
    });
    for (const referralId of [...added, ...removed]) {
      await publish(tx, { type: 'referral.changed', pcnId: actor.scope.pcnId, referralId });
    }
    return registerOf(tx, actor, g, taken);
  });
}

/**
 * The team's open cases whose person's name or NHS number matches: for a register or a befriender.
 * An audited read (it shows people's names and NHS numbers).
 */
export async function findOpenCases(db: Db, ctx: SignedInContext, q: string): Promise<OpenCase[]> {
  const actor = requirePcnActor(ctx, 'case');
  const cases = await workLists.findTeamCaseloads(db, actor.scope);
  const people = await personNamesByIds(
    db,
    actor.scope,
    cases.map((c) => c.personId),
  );
  const workers = await userNames(
    db,
    cases.flatMap((c) => (c.allocatedWorkerId ? [c.allocatedWorkerId] : [])),
  );
  const words = q.toLowerCase().split(/\s+/).filter(Boolean);
  const digits = q.replace(/\s+/g, '');
  const found: OpenCase[] = [];
  for (const c of cases) {
    const p = people.get(c.personId);
    if (!p) continue;
    const name = `${p.givenName} ${p.familyName}`;
    const matches =
      (/^\d{3,}$/.test(digits) && p.nhsNumber?.includes(digits)) || words.every((w) => name.toLowerCase().includes(w));
    if (!matches) continue;
    found.push({
      referralId: c.id,
      personName: name,
      nhsNumber: p.nhsNumber,
      dateOfBirth: p.dateOfBirth,
      workerName: c.allocatedWorkerId ? (workers.get(c.allocatedWorkerId) ?? null) : null,
    });
    if (found.length >= 20) break;
  }
  await writeAuditAlone(db, ctx, {
    action: 'case.search',
    entityType: 'pcn',
    entityId: actor.scope.pcnId,
    details: { results: found.map((f) => f.referralId) },
  });
  return found.sort((a, b) => a.personName.localeCompare(b.personName));
}

/** For the case timeline: the group sessions the person of this case attended. */
export async function attendanceOfCase(db: DbOrTx, scope: Scope, referralId: string) {
  if (scope.kind !== 'pcn') return [];
  return repo.findAttendanceOfCase(db, scope, referralId);
}
