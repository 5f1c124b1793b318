import { sql } from 'drizzle-orm';
import type {
  DestroyedRecord,
  RestrictionLift,
  RestrictionSet,
  RestrictionState,
  RetentionDestroy,
  RetentionDestroyResult,
  RetentionItem,
  RetentionReport,
  RetentionSettings,
  RetentionSettingsChange,
  SubjectAccessExport,
} from '../../../common/records.js';
import { requirePcnActor } from '../../platform/access/pcn-member.js';
import { writeAudit, writeAuditAlone } from '../../platform/audit/audit.js';
import type { RequestContext, SignedInContext } from '../../platform/context.js';
import { userIdOf } from '../../platform/context.js';
import type { Db, DbOrTx } from '../../platform/db/client.js';
import { AppError, conflict, notFound } from '../../platform/errors.js';
import { runUseCase } from '../../platform/use-case.js';
import { findReferralInScope } from '../referrals/referrals.service.js';
import { userNames } from '../users/users.service.js';
import { londonToday } from '../workforce/workforce.service.js';
import * as repo from './records.repository.js';
import { retentionOf } from './retention-rule.js';

// Records management (issue 19, point 5). Retention: a dry run lists the ICB's records past the
// retention rule; an administrator confirms, or the scheduled job destroys them unattended once
// switched on; each person goes in one transaction of their own, leaving a stub without personal
// data and an audit row. People's rights: the subject access export and restriction of processing.

const REPORT_ITEMS = 500;

function adminIcb(ctx: SignedInContext): string {
  // An ICB administrator's scope is their ICB; anyone else's scope never reaches another ICB's
  // records either, but the page is the ICB's: say so plainly.
  if (ctx.actor.scope.kind !== 'icb') throw notFound('retention report');
  return ctx.actor.scope.icbId;
}

const today = (now = new Date()) => londonToday(now);

interface Due extends RetentionItem {}

/** The ICB's people due for destruction today, and how many are held back by a restriction. */
async function dueOf(db: DbOrTx, icbId: string, on: string, personId?: string) {
  const candidates = await repo.retentionCandidates(db, icbId, on, { personId });
  const due: Due[] = [];
  let held = 0;
  for (const c of candidates) {
    const decision = retentionOf({ dateOfBirth: c.dateOfBirth, closedOn: c.closedOn });
    if (decision.retainUntil >= on) continue;
    if (c.restricted) {
      held += 1;
      continue;
    }
    due.push({
      recordId: c.personId,
      referralCount: c.referralCount,
      closedOn: c.closedOn,
      retainUntil: decision.retainUntil,
      rule: decision.rule,
    });
  }
  due.sort((a, b) => a.retainUntil.localeCompare(b.retainUntil) || a.recordId.localeCompare(b.recordId));
  return { due, held };
}

async function settingsView(db: DbOrTx, icbId: string): Promise<RetentionSettings> {
  const row = await repo.settingsOf(db, icbId);
  const names = row?.updatedBy ? await userNames(db, [row.updatedBy]) : new Map<string, string>();
  return {
    scheduledDestruction: row?.scheduledDestruction ?? false,
    version: row?.version ?? 1,
    updatedAt: row?.updatedAt.toISOString() ?? null,
    updatedByName: row?.updatedBy ? (names.get(row.updatedBy) ?? null) : null,
  };
}

/** The dry run: reads only (its audit row says who looked). */
export async function retentionReport(db: Db, ctx: SignedInContext, now = new Date()): Promise<RetentionReport> {
  const icbId = adminIcb(ctx);
  const on = today(now);
  const { due, held } = await dueOf(db, icbId, on);
  const destroyed = await repo.destroyedOf(db, icbId, 50);
  const names = await userNames(
    db,
    destroyed.recent.flatMap((d) => (d.destroyedBy ? [d.destroyedBy] : [])),
  );
  await writeAuditAlone(db, ctx, {
    action: 'retention.report',
    details: { due: due.length, heldByRestriction: held },
  });
  return {
    asOf: on,
    settings: await settingsView(db, icbId),
    due: {
      people: due.length,
      referrals: due.reduce((n, d) => n + d.referralCount, 0),
      items: due.slice(0, REPORT_ITEMS),
    },
    heldByRestriction: held,
    destroyed: {
      total: destroyed.total,
      recent: destroyed.recent.map(
        (d): DestroyedRecord => ({
          kind: d.kind,
          recordId: d.recordId,
          referralCount: d.referralCount,
          closedOn: d.closedOn,
          retainUntil: d.retainUntil,
          rule: d.rule,
          destroyedAt: d.destroyedAt.toISOString(),
          how: d.how,
          destroyedByName: d.destroyedBy ? (names.get(d.destroyedBy) ?? null) : null,
        }),
      ),
    },
  };
}

/**
 * Destroys the ICB's records due today, one person per transaction: the person is locked and
 * checked again inside it (a new referral, a restriction or a reopened case since the dry run
 * keeps them), then every row about them is deleted, the stub written and the audit row appended.
 */
async function destroyDue(
  db: Db,
  ctx: RequestContext,
  icbId: string,
  how: 'confirmed' | 'scheduled',
  now: Date,
): Promise<RetentionDestroyResult> {
  const on = today(now);
  const { due } = await dueOf(db, icbId, on);
  let destroyed = 0;
  let referrals = 0;
  for (const item of due) {
    const done = await db.transaction(async (tx) => {
      if (!(await repo.lockPerson(tx, icbId, item.recordId))) return null;
      const [still] = (await dueOf(tx, icbId, on, item.recordId)).due;
      if (!still) return null;
      const referralIds = await repo.deletePersonEverywhere(tx, still.recordId);
      await repo.insertStub(tx, {
        icbId,
        kind: 'person',
        recordId: still.recordId,
        referralCount: referralIds.length,
        closedOn: still.closedOn,
        retainUntil: still.retainUntil,
        rule: still.rule,
        destroyedAt: now,
        destroyedBy: how === 'confirmed' && ctx.actor ? userIdOf(ctx.actor) : null,
        how,
      });
      await writeAudit(tx, ctx, {
        action: 'retention.destroy',
        entityType: 'person',
        entityId: still.recordId,
        icbId,
        details: { referralIds, rule: still.rule, closedOn: still.closedOn, retainUntil: still.retainUntil, how },
      });
      return referralIds.length;
    });
    if (done !== null) {
      destroyed += 1;
      referrals += done;
    }
  }
  return { destroyed, referrals };
}

/** "Destroy now", after the dry run: the admin confirms the number of records they saw. */
export async function destroyNow(
  db: Db,
  ctx: SignedInContext,
  input: RetentionDestroy,
  now = new Date(),
): Promise<RetentionDestroyResult> {
  const icbId = adminIcb(ctx);
  const { due } = await dueOf(db, icbId, today(now));
  if (due.length !== input.expectedPeople) {
    throw new AppError('conflict', {
      userMessage: `The records due have changed since the dry run (${due.length} now, ${input.expectedPeople} shown). Look at the list again before destroying.`,
    });
  }
  const result = await destroyDue(db, ctx, icbId, 'confirmed', now);
  await writeAuditAlone(db, ctx, { action: 'retention.destroy-run', details: { ...result, how: 'confirmed' } });
  return result;
}

/** The scheduled job: each ICB that switched it on, unattended; audited with no actor. */
export async function runScheduledRetention(db: Db, now = new Date()): Promise<Record<string, RetentionDestroyResult>> {
  const ctx: RequestContext = { actor: null, ip: null, requestId: null };
  const report: Record<string, RetentionDestroyResult> = {};
  for (const icbId of await repo.icbsWithScheduledDestruction(db)) {
    const result = await destroyDue(db, ctx, icbId, 'scheduled', now);
    report[icbId] = result;
    await writeAuditAlone(db, ctx, {
      action: 'retention.destroy-run',
      icbId,
      details: { ...result, how: 'scheduled' },
    });
  }
  return report;
}

export async function changeRetentionSettings(
  db: Db,
  ctx: SignedInContext,
  input: RetentionSettingsChange,
): Promise<RetentionSettings> {
  const icbId = adminIcb(ctx);
  return runUseCase(db, ctx, async (tx, actor) => {
    const before = await repo.settingsOf(tx, icbId);
    const row = await repo.saveSettings(tx, icbId, input.version, {
      scheduledDestruction: input.scheduledDestruction,
      updatedBy: actor.userId,
    });
    if (!row)
      throw conflict('Someone changed the retention settings since you read them. Reload the page and try again.');
    await writeAudit(tx, ctx, {
      action: 'retention.settings',
      entityType: 'icb',
      entityId: icbId,
      details: {
        scheduledDestruction: { from: before?.scheduledDestruction ?? false, to: row.scheduledDestruction },
      },
    });
    return settingsView(tx, icbId);
  });
}

// --- Restriction of processing ----------------------------------------------------------------

/** The person of a referral in the actor's scope (a PCN's team), or 404 as for no such referral. */
async function personOfReferral(db: DbOrTx, ctx: SignedInContext, referralId: string) {
  const actor = requirePcnActor(ctx);
  const referral = await findReferralInScope(db, actor.scope, referralId);
  if (!referral) throw notFound('referral');
  return { referral, actor };
}

async function restrictionView(db: DbOrTx, personId: string): Promise<RestrictionState> {
  const rows = await repo.restrictionsOf(db, personId);
  const names = await userNames(
    db,
    rows.flatMap((r) => [r.restrictedBy, r.liftedBy].filter((x): x is string => !!x)),
  );
  const view = (r: repo.RestrictionRow) => ({
    reason: r.reason,
    note: r.note,
    restrictedAt: r.restrictedAt.toISOString(),
    restrictedByName: r.restrictedBy ? (names.get(r.restrictedBy) ?? null) : null,
    liftedAt: r.liftedAt?.toISOString() ?? null,
    liftedByName: r.liftedBy ? (names.get(r.liftedBy) ?? null) : null,
    liftNote: r.liftNote,
  });
  const active = rows.find((r) => r.liftedAt === null);
  return { personId, active: active ? view(active) : null, history: rows.map(view) };
}

export async function restrictionOf(db: Db, ctx: SignedInContext, referralId: string): Promise<RestrictionState> {
  const { referral } = await personOfReferral(db, ctx, referralId);
  return restrictionView(db, referral.personId);
}

export async function restrictProcessing(
  db: Db,
  ctx: SignedInContext,
  referralId: string,
  input: RestrictionSet,
): Promise<RestrictionState> {
  return runUseCase(db, ctx, async (tx, actor) => {
    const { referral } = await personOfReferral(tx, ctx, referralId);
    const row = await repo.insertRestriction(tx, {
      personId: referral.personId,
      icbId: referral.icbId,
      reason: input.reason,
      note: input.note?.trim() || null,
      restrictedBy: userIdOf(actor),
    });
    if (!row) throw conflict('Processing of this person’s record is already restricted.');
    await writeAudit(tx, ctx, {
      action: 'person.restrict',
      entityType: 'person',
      entityId: referral.personId,
      details: { referralId, reason: input.reason },
    });
    return restrictionView(tx, referral.personId);
  });
}

export async function liftRestriction(
  db: Db,
  ctx: SignedInContext,
  referralId: string,
  input: RestrictionLift,
): Promise<RestrictionState> {
  return runUseCase(db, ctx, async (tx, actor) => {
    const { referral } = await personOfReferral(tx, ctx, referralId);
    const row = await repo.liftRestriction(tx, referral.personId, { liftedBy: userIdOf(actor), liftNote: input.note });
    if (!row) throw conflict('Processing of this person’s record is not restricted.');
    await writeAudit(tx, ctx, {
      action: 'person.restriction-lift',
      entityType: 'person',
      entityId: referral.personId,
      details: { referralId, reason: row.reason },
    });
    return restrictionView(tx, referral.personId);
  });
}

// --- Subject access ---------------------------------------------------------------------------

/** Columns that are secrets of the service, not data about the person (hashes of one-time links). */
const SECRET_COLUMN = /(_hash|^token|_token)$/;

function withoutSecrets(rows: Record<string, unknown>[]): Record<string, unknown>[] {
  return rows.map((r) => Object.fromEntries(Object.entries(r).filter(([k]) => !SECRET_COLUMN.test(k))));
}

/**
 * Everything the team holds about the person of a referral in its scope: the person, and every
 * referral of theirs to this PCN with what hangs off it. Other teams' referrals are theirs to
 * answer for (a person may have been referred to another PCN of the ICB), so they are not in it.
 */
export async function subjectAccessExport(
  db: Db,
  ctx: SignedInContext,
  referralId: string,
  now = new Date(),
): Promise<SubjectAccessExport> {
  const { referral, actor } = await personOfReferral(db, ctx, referralId);
  const personId = referral.personId;
  const pcnId = actor.scope.pcnId;
  const ids = await db.execute<{ id: string }>(
    sql`SELECT id FROM referrals WHERE person_id = ${personId} AND pcn_id = ${pcnId} ORDER BY received_at`,
  );
  const R = sql`ARRAY[${sql.join(
    ids.rows.map((r) => sql`${r.id}`),
    sql`, `,
  )}]::uuid[]`;
  const onward = sql`SELECT id FROM onward_referrals WHERE referral_id = ANY(${R})`;
  const sections: [string, string, ReturnType<typeof sql>][] = [
    ['referrals', 'Referrals', sql`SELECT * FROM referrals WHERE id = ANY(${R}) ORDER BY received_at`],
    [
      'referralEvents',
      'What happened to each referral',
      sql`SELECT * FROM referral_events WHERE referral_id = ANY(${R}) ORDER BY at, id`,
    ],
    ['contacts', 'Contacts', sql`SELECT * FROM case_contacts WHERE referral_id = ANY(${R}) ORDER BY at`],
    ['notes', 'Case notes', sql`SELECT * FROM case_notes WHERE referral_id = ANY(${R}) ORDER BY created_at`],
    [
      'plannedContacts',
      'Planned contacts',
      sql`SELECT * FROM planned_contacts WHERE referral_id = ANY(${R}) ORDER BY planned_for`,
    ],
    ['videoAppointments', 'Video appointments', sql`SELECT * FROM video_appointments WHERE referral_id = ANY(${R})`],
    [
      'carePlan',
      'Personalised care and support plan (every version)',
      sql`SELECT v.* FROM care_plan_versions v JOIN care_plans p ON p.id = v.plan_id WHERE p.person_id = ${personId} AND p.pcn_id = ${pcnId} ORDER BY v.version`,
    ],
    [
      'outcomeMeasures',
      'Outcome measures',
      sql`SELECT * FROM outcome_measures WHERE referral_id = ANY(${R}) ORDER BY administered_on`,
    ],
    [
      'onwardReferrals',
      'Referrals and signposts to community services',
      sql`SELECT * FROM onward_referrals WHERE id IN (${onward}) ORDER BY created_at`,
    ],
    [
      'onwardEvents',
      'What happened to them',
      sql`SELECT * FROM onward_events WHERE onward_referral_id IN (${onward}) ORDER BY at`,
    ],
    [
      'onwardAttendances',
      'Attendance at community services',
      sql`SELECT * FROM onward_attendances WHERE onward_referral_id IN (${onward})`,
    ],
    ['gpMessages', 'Messages back to the GP', sql`SELECT * FROM gp_messages WHERE referral_id = ANY(${R})`],
    [
      'residentMessages',
      'Texts and emails sent to the person',
      sql`SELECT * FROM resident_messages WHERE referral_id = ANY(${R}) OR (person_id = ${personId} AND referral_id IS NULL) ORDER BY created_at`,
    ],
    ['befriending', 'Befriending', sql`SELECT * FROM befriending_assignments WHERE referral_id = ANY(${R})`],
    ['groupAttendance', 'Groups attended', sql`SELECT * FROM team_group_attendance WHERE referral_id = ANY(${R})`],
    [
      'restrictions',
      'Restrictions of processing',
      sql`SELECT * FROM processing_restrictions WHERE person_id = ${personId} ORDER BY restricted_at`,
    ],
  ];
  const [person] = await repo.rowsAsJson(db, sql`SELECT * FROM people WHERE id = ${personId}`);
  const out: SubjectAccessExport['sections'] = [];
  for (const [key, title, query] of sections) {
    out.push({ key, title, rows: withoutSecrets(await repo.rowsAsJson(db, query)) });
  }
  await writeAuditAlone(db, ctx, {
    action: 'person.export',
    entityType: 'person',
    entityId: personId,
    details: { referralId, referrals: ids.rows.length },
  });
  return {
    generatedAt: now.toISOString(),
    generatedBy: ctx.actor.name,
    heldBy: 'The social prescribing team of this primary care network',
    note: 'A subject access request must be answered within one month of receipt. This export holds what this team keeps; other teams answer for their own records.',
    person: person ?? {},
    sections: out,
  };
}
