import { can } from '../../../common/permissions.js';
import {
  BEFRIENDING_END_REASON_LABELS,
  type Befriending,
  type BefriendingEndReason,
  VOLUNTEER_CHECK_LABELS,
  VOLUNTEER_END_REASON_LABELS,
  VOLUNTEER_ROLE_LABELS,
  type VolunteerCheck,
  type VolunteerRecord,
  type VolunteerSummary,
} from '../../../common/volunteers.js';
import { type PcnActor, requirePcnActor } from '../../platform/access/pcn-member.js';
import type { Scope } from '../../platform/access/scope.js';
import { writeAudit, writeAuditAlone } from '../../platform/audit/audit.js';
import type { SignedInContext } from '../../platform/context.js';
import type { Db, DbOrTx, Tx } from '../../platform/db/client.js';
import { AppError, conflict, isUniqueViolation, notFound, validationError } from '../../platform/errors.js';
import { publish } from '../../platform/realtime.js';
import { runUseCase } from '../../platform/use-case.js';
import { peopleByIds } from '../people/people.service.js';
import { isWorkable, loadCase } from '../referrals/referrals.service.js';
import { userNames } from '../users/users.service.js';
import { londonToday } from '../workforce/workforce.service.js';
import * as repo from './volunteers.repository.js';
import type {
  TCheckCreate,
  THoursCreate,
  TVolunteerCreate,
  TVolunteerEnd,
  TVolunteerUpdate,
} from './volunteers.schemas.js';

// The case record's presence read (cases/use-cases/timeline.ts) asks whether a case has befriending.
export { befriendingOfCaseExists } from './volunteers.repository.js';

// Volunteers and community champions of the PCN's team (issue 16, point 4). Their personal data
// is the team's like a person's is: only the PCN's team sees it (another PCN gets 404), every
// change is audited in its transaction, and every read of a record (contact details) or of the
// list (names) leaves an audit row, as reads of people's records do.

const DAY_MS = 86_400_000;
/** A check that runs out within this many days is shown as due soon. */
const DUE_SOON_DAYS = 30;

const addDays = (date: string, days: number) => new Date(Date.parse(date) + days * DAY_MS).toISOString().slice(0, 10);

export function checkState(expiresOn: string | null, today: string): VolunteerCheck['state'] {
  if (!expiresOn) return 'valid';
  if (expiresOn <= today) return 'expired';
  return expiresOn <= addDays(today, DUE_SOON_DAYS) ? 'due_soon' : 'valid';
}

/** The latest check of each kind decides: a renewed DBS check replaces the lapsed one. */
function latestOfEachKind(checks: repo.CheckRow[]): repo.CheckRow[] {
  const seen = new Set<string>();
  return checks.filter((c) => {
    const key = `${c.volunteerId}:${c.kind}:${c.kind === 'other' || c.kind === 'training' ? (c.detail ?? '') : ''}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

const toCheck = (c: repo.CheckRow, today: string): VolunteerCheck => ({
  id: c.id,
  kind: c.kind,
  kindLabel: VOLUNTEER_CHECK_LABELS[c.kind],
  detail: c.detail,
  completedOn: c.completedOn,
  expiresOn: c.expiresOn,
  state: checkState(c.expiresOn, today),
});

async function toRecord(db: DbOrTx, actor: PcnActor, v: repo.VolunteerRow): Promise<VolunteerRecord> {
  const today = londonToday();
  // One query at a time: this runs inside a write's transaction too.
  const checks = await repo.findChecks(db, [v.id]);
  const befriending = await repo.findBefriendingOfVolunteers(db, [v.id]);
  const hours = await repo.findHours(db, v.id);
  const people = await peopleByIds(
    db,
    actor.scope,
    befriending.map((b) => b.personId),
  );
  const names = await userNames(
    db,
    hours.flatMap((h) => (h.recordedBy ? [h.recordedBy] : [])),
  );
  return {
    id: v.id,
    version: v.version,
    name: v.name,
    email: v.email,
    phone: v.phone,
    postcode: v.postcode,
    role: v.role,
    roleLabel: VOLUNTEER_ROLE_LABELS[v.role],
    availability: v.availability,
    startedOn: v.startedOn,
    status: v.endedOn ? 'ended' : 'active',
    endedOn: v.endedOn,
    endReason: v.endReason,
    endReasonLabel: v.endReason ? VOLUNTEER_END_REASON_LABELS[v.endReason] : null,
    checks: checks.map((c) => toCheck(c, today)),
    befriending: befriending.map((b) => {
      const p = people.get(b.personId);
      return {
        id: b.id,
        referralId: b.referralId,
        personName: p ? `${p.givenName} ${p.familyName}` : 'Person not known to your team',
        startedOn: b.startedOn,
        endedOn: b.endedOn,
        endReason: b.endReason,
        endReasonLabel: b.endReason ? BEFRIENDING_END_REASON_LABELS[b.endReason] : null,
      } satisfies Befriending;
    }),
    hours: hours.map((h) => ({
      id: h.id,
      workedOn: h.workedOn,
      minutes: h.minutes,
      activity: h.activity,
      recordedBy: h.recordedBy ? (names.get(h.recordedBy) ?? null) : null,
    })),
    totalMinutes: hours.reduce((sum, h) => sum + h.minutes, 0),
    may: { manage: can(actor.role, 'volunteer.manage') && !v.endedOn },
  };
}

/** A refused read or change of a volunteer (another PCN's, or none) is audited as denied. */
async function auditRefusal<T>(db: Db, ctx: SignedInContext, action: string, id: string, run: () => Promise<T>) {
  try {
    return await run();
  } catch (error) {
    if (error instanceof AppError && (error.code === 'not_found' || error.code === 'forbidden') && ctx.actor) {
      await writeAuditAlone(db, ctx, {
        action,
        outcome: 'denied',
        entityType: 'volunteer',
        entityId: id,
        details: { reason: error.code },
      });
    }
    throw error;
  }
}

export async function listVolunteers(db: Db, ctx: SignedInContext): Promise<VolunteerSummary[]> {
  const actor = requirePcnActor(ctx, 'volunteer');
  const today = londonToday();
  const rows = await repo.findVolunteersOfPcn(db, actor.scope);
  const ids = rows.map((r) => r.id);
  const [checks, befriending, minutes] = await Promise.all([
    repo.findChecks(db, ids),
    repo.findBefriendingOfVolunteers(db, ids),
    repo.minutesSince(db, actor.scope, addDays(today, -90)),
  ]);
  const latest = latestOfEachKind(checks);
  await writeAuditAlone(db, ctx, { action: 'volunteer.list', entityType: 'pcn', entityId: actor.scope.pcnId });
  return rows.map((v) => ({
    id: v.id,
    name: v.name,
    role: v.role,
    roleLabel: VOLUNTEER_ROLE_LABELS[v.role],
    status: v.endedOn ? 'ended' : 'active',
    endedOn: v.endedOn,
    expiredChecks: latest.filter((c) => c.volunteerId === v.id && checkState(c.expiresOn, today) === 'expired').length,
    openBefriending: befriending.filter((b) => b.volunteerId === v.id && !b.endedOn).length,
    minutesLast90Days: minutes.get(v.id) ?? 0,
  }));
}

export async function getVolunteer(db: Db, ctx: SignedInContext, id: string): Promise<VolunteerRecord> {
  return auditRefusal(db, ctx, 'volunteer.read', id, async () => {
    const actor = requirePcnActor(ctx, 'volunteer');
    const row = await repo.findVolunteer(db, actor.scope, id);
    if (!row) throw notFound('volunteer');
    const record = await toRecord(db, actor, row);
    await writeAuditAlone(db, ctx, { action: 'volunteer.read', entityType: 'volunteer', entityId: id });
    return record;
  });
}

export async function createVolunteer(db: Db, ctx: SignedInContext, input: TVolunteerCreate): Promise<VolunteerRecord> {
  const actor = requirePcnActor(ctx, 'volunteer');
  if (input.startedOn > londonToday()) {
    throw validationError([{ field: 'startedOn', message: 'must not be in the future' }]);
  }
  return runUseCase(db, ctx, async (tx) => {
    const row = await repo.insertVolunteer(tx, { ...input, pcnId: actor.scope.pcnId, createdBy: actor.userId });
    await writeAudit(tx, ctx, {
      action: 'volunteer.create',
      entityType: 'volunteer',
      entityId: row.id,
      details: { role: row.role },
    });
    return toRecord(tx, actor, row);
  });
}

/** Loads an active volunteer of the actor's PCN for a change, locked. */
async function loadForChange(tx: Tx, actor: PcnActor, id: string): Promise<repo.VolunteerRow> {
  const row = await repo.findVolunteer(tx, actor.scope, id, { lock: true });
  if (!row) throw notFound('volunteer');
  if (row.endedOn) throw conflict(`${row.name} stopped volunteering on ${row.endedOn}: nothing more can be recorded.`);
  return row;
}

export async function updateVolunteer(
  db: Db,
  ctx: SignedInContext,
  id: string,
  input: TVolunteerUpdate,
): Promise<VolunteerRecord> {
  const actor = requirePcnActor(ctx, 'volunteer');
  return auditRefusal(db, ctx, 'volunteer.update', id, () =>
    runUseCase(db, ctx, async (tx) => {
      await loadForChange(tx, actor, id);
      const { version, ...values } = input;
      const row = await repo.updateVolunteer(tx, actor.scope, id, version, values);
      if (!row) throw conflict('Someone else changed these details first. Reload the page to see their changes.');
      await writeAudit(tx, ctx, {
        action: 'volunteer.update',
        entityType: 'volunteer',
        entityId: id,
        details: { fields: Object.keys(values) },
      });
      return toRecord(tx, actor, row);
    }),
  );
}

export async function recordCheck(
  db: Db,
  ctx: SignedInContext,
  id: string,
  input: TCheckCreate,
): Promise<VolunteerRecord> {
  const actor = requirePcnActor(ctx, 'volunteer');
  if (input.completedOn > londonToday()) {
    throw validationError([{ field: 'completedOn', message: 'must not be in the future' }]);
  }
  return auditRefusal(db, ctx, 'volunteer.check-recorded', id, () =>
    runUseCase(db, ctx, async (tx) => {
      const row = await loadForChange(tx, actor, id);
      const check = await repo.insertCheck(tx, {
        ...input,
        volunteerId: id,
        pcnId: actor.scope.pcnId,
        recordedBy: actor.userId,
      });
      await writeAudit(tx, ctx, {
        action: 'volunteer.check-recorded',
        entityType: 'volunteer',
        entityId: id,
        details: { checkId: check.id, kind: check.kind, completedOn: check.completedOn, expiresOn: check.expiresOn },
      });
      return toRecord(tx, actor, row);
    }),
  );
}

export async function logHours(
  db: Db,
  ctx: SignedInContext,
  id: string,
  input: THoursCreate,
): Promise<VolunteerRecord> {
  const actor = requirePcnActor(ctx, 'volunteer');
  if (input.workedOn > londonToday()) {
    throw validationError([{ field: 'workedOn', message: 'must not be in the future' }]);
  }
  return auditRefusal(db, ctx, 'volunteer.hours-logged', id, () =>
    runUseCase(db, ctx, async (tx) => {
      const row = await loadForChange(tx, actor, id);
      if (input.workedOn < row.startedOn) {
        throw validationError([{ field: 'workedOn', message: `must not be before they started (${row.startedOn})` }]);
      }
      const hours = await repo.insertHours(tx, {
        ...input,
        volunteerId: id,
        pcnId: actor.scope.pcnId,
        recordedBy: actor.userId,
      });
      await writeAudit(tx, ctx, {
        action: 'volunteer.hours-logged',
        entityType: 'volunteer',
        entityId: id,
        details: { hoursId: hours.id, workedOn: hours.workedOn, minutes: hours.minutes },
      });
      return toRecord(tx, actor, row);
    }),
  );
}

/** The volunteer stops: the record is kept, with the date and reason; their befriending ends too. */
export async function endVolunteering(
  db: Db,
  ctx: SignedInContext,
  id: string,
  input: TVolunteerEnd,
): Promise<VolunteerRecord> {
  const actor = requirePcnActor(ctx, 'volunteer');
  if (input.endedOn > londonToday())
    throw validationError([{ field: 'endedOn', message: 'must not be in the future' }]);
  return auditRefusal(db, ctx, 'volunteer.end', id, () =>
    runUseCase(db, ctx, async (tx) => {
      const current = await loadForChange(tx, actor, id);
      if (input.endedOn < current.startedOn) {
        throw validationError([
          { field: 'endedOn', message: `must not be before they started (${current.startedOn})` },
        ]);
      }
      const row = await repo.updateVolunteer(tx, actor.scope, id, input.version, {
        endedOn: input.endedOn,
        endReason: input.reason,
      });
      if (!row) throw conflict('Someone else changed this volunteer first. Reload the page and try again.');
      const ended = await repo.endBefriending(
        tx,
        { volunteerId: id },
        { endedOn: input.endedOn, endedBy: actor.userId, endReason: 'volunteer_unavailable' },
      );
      await writeAudit(tx, ctx, {
        action: 'volunteer.end',
        entityType: 'volunteer',
        entityId: id,
        details: { endedOn: input.endedOn, reason: input.reason, befriendingEnded: ended.map((b) => b.id) },
      });
      for (const b of ended) {
        await publish(tx, { type: 'referral.changed', pcnId: b.pcnId, referralId: b.referralId });
      }
      return toRecord(tx, actor, row);
    }),
  );
}

/**
 * The volunteer starts befriending the person of one of the team's open cases. A change to the
 * case: only its worker, a colleague covering it, or the lead may make it (as for a note).
 */
export async function startBefriending(
  db: Db,
  ctx: SignedInContext,
  volunteerId: string,
  referralId: string,
): Promise<VolunteerRecord> {
  const actor = requirePcnActor(ctx, 'volunteer');
  return auditRefusal(db, ctx, 'volunteer.befriending-started', volunteerId, () =>
    runUseCase(db, ctx, async (tx) => {
      const volunteer = await loadForChange(tx, actor, volunteerId);
      const { row } = await loadCase(tx, ctx, referralId, { write: true });
      if (!isWorkable(row.status)) {
        throw validationError([{ field: 'referralId', message: 'must be an open case (this one is closed)' }]);
      }
      // A second open befriending of the case by the same volunteer is refused by a constraint.
      const b = await repo
        .insertBefriending(tx, {
          volunteerId,
          referralId: row.id,
          personId: row.personId,
          pcnId: row.pcnId,
          startedOn: londonToday(),
          startedBy: actor.userId,
        })
        .catch((error: unknown) => {
          if (isUniqueViolation(error, 'befriending_open_unique')) {
            throw conflict(`${volunteer.name} is already befriending this person.`);
          }
          throw error;
        });
      await writeAudit(tx, ctx, {
        action: 'volunteer.befriending-started',
        entityType: 'referral',
        entityId: row.id,
        details: { volunteerId, befriendingId: b.id },
      });
      await publish(tx, { type: 'referral.changed', pcnId: row.pcnId, referralId: row.id });
      return toRecord(tx, actor, volunteer);
    }),
  );
}

export async function endBefriending(
  db: Db,
  ctx: SignedInContext,
  volunteerId: string,
  assignmentId: string,
  reason: BefriendingEndReason,
): Promise<VolunteerRecord> {
  const actor = requirePcnActor(ctx, 'volunteer');
  return auditRefusal(db, ctx, 'volunteer.befriending-ended', volunteerId, () =>
    runUseCase(db, ctx, async (tx) => {
      const volunteer = await repo.findVolunteer(tx, actor.scope, volunteerId);
      if (!volunteer) throw notFound('volunteer');
      const current = await repo.findOpenBefriending(tx, actor.scope, volunteerId, assignmentId);
      if (!current) throw notFound('befriending');
      await loadCase(tx, ctx, current.referralId, { write: true });
      if (current.endedOn) throw conflict('This befriending has already ended.');
      const [ended] = await repo.endBefriending(
        tx,
        { volunteerId, id: assignmentId },
        { endedOn: londonToday(), endedBy: actor.userId, endReason: reason },
      );
      if (!ended) throw conflict('This befriending has already ended.');
      await writeAudit(tx, ctx, {
        action: 'volunteer.befriending-ended',
        entityType: 'referral',
        entityId: current.referralId,
        details: { volunteerId, befriendingId: assignmentId, reason },
      });
      await publish(tx, { type: 'referral.changed', pcnId: current.pcnId, referralId: current.referralId });
      return toRecord(tx, actor, volunteer);
    }),
  );
}

/** For the case timeline: who befriends (or befriended) the person of this case, and when it ended. */
export async function befriendingOfCase(db: DbOrTx, scope: Scope, referralId: string) {
  if (scope.kind !== 'pcn') return [];
  const rows = await repo.findBefriendingOfCase(db, scope, referralId);
  const volunteers = new Map(
    (
      await repo.findVolunteersByIds(
        db,
        scope,
        rows.map((r) => r.volunteerId),
      )
    ).map((v) => [v.id, v]),
  );
  const names = await userNames(
    db,
    rows.flatMap((r) => [r.startedBy, r.endedBy].filter((x): x is string => !!x)),
  );
  return rows.map((r) => {
    const v = volunteers.get(r.volunteerId);
    return {
      ...r,
      volunteerName: v?.name ?? 'A volunteer',
      volunteerRoleLabel: v ? VOLUNTEER_ROLE_LABELS[v.role] : null,
      startedByName: r.startedBy ? (names.get(r.startedBy) ?? null) : null,
      endedByName: r.endedBy ? (names.get(r.endedBy) ?? null) : null,
      endReasonLabel: r.endReason ? BEFRIENDING_END_REASON_LABELS[r.endReason] : null,
    };
  });
}

/** The PCN's volunteers by id (for the groups they help run): names, roles and whether still active. */
export async function volunteersOfPcn(db: DbOrTx, scope: Scope, ids?: string[]) {
  const rows = ids ? await repo.findVolunteersByIds(db, scope, ids) : await repo.findVolunteersOfPcn(db, scope);
  return rows.map((v) => ({
    id: v.id,
    name: v.name,
    roleLabel: VOLUNTEER_ROLE_LABELS[v.role],
    active: !v.endedOn,
  }));
}
