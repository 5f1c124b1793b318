import { and, eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { EMPTY_PLAN } from '../../../common/care-plan.js';
import type { RestrictionState, RetentionReport, SubjectAccessExport } from '../../../common/records.js';
import { verifyAuditChain } from '../../platform/audit/audit.js';
import { auditEvents } from '../../platform/audit/audit.tables.js';
import { setUpTestApp } from '../../test/team.js';
import type { Session } from '../../test/toolkit.js';
import { queueResidentMessage } from '../notifications/notifications.service.js';
import { createPartnerService, createTestOnward } from '../onward-referrals/test-onward.js';
import { people } from '../people/people.tables.js';
import { validReferralBody } from '../referrals/referral-fixtures.js';
import { referrals } from '../referrals/referrals.tables.js';
import { createTestReferral, triaged } from '../triage/test-referrals.js';
import { runScheduledRetention } from './records.service.js';
import { destroyedRecords, processingRestrictions, retentionSettings } from './records.tables.js';

// Records management over HTTP (issue 19, point 5): the dry run changes nothing; destruction
// leaves the stub and nothing else of the person, one transaction per person, the ICB's records
// only; the audit chain still verifies; the subject access export; restriction of processing.

const { ctx, tenancy, elsewhere, lead, worker, otherLead, admin, otherAdmin, coordinator, referrer } = setUpTestApp({
  tenancies: { other: 'same-icb', elsewhere: 'new-icb' },
  team: {
    lead: 'team_lead',
    worker: 'link_worker',
    coordinator: 'care_coordinator',
    otherLead: { role: 'team_lead', at: 'other' },
    admin: 'admin',
    otherAdmin: { role: 'admin', at: 'elsewhere' },
    referrer: 'referrer',
  },
});

const get = (s: Session, url: string) => ctx.app.inject({ method: 'GET', url, headers: { cookie: s.cookie } });
const send = (s: Session, method: 'POST' | 'PUT', url: string, payload: unknown) =>
  ctx.app.inject({ method, url, headers: s.headers, payload: payload as Record<string, unknown> });

const YEAR = 365.25 * 86_400_000;
const yearsAgo = (n: number) => new Date(Date.now() - n * YEAR);

/** A person with a whole case worked through the API, discharged `closedYearsAgo` years ago. */
async function workedCase(closedYearsAgo: number, person: { dateOfBirth?: string } = {}) {
  const service = await createPartnerService(ctx.db, tenancy, `Walk ${Math.random()}`);
  const onward = await createTestOnward(ctx.db, tenancy, worker, service);
  const referralId = onward.referralId;
  const [row] = await ctx.db.select().from(referrals).where(eq(referrals.id, referralId));
  const personId = row?.personId as string;
  if (person.dateOfBirth) await ctx.db.update(people).set(person).where(eq(people.id, personId));
  const at = new Date(Date.now() - 3_600_000).toISOString();
  const ok = (res: { statusCode: number; body: string }) => {
    expect(res.statusCode, res.body).toBeLessThan(300);
  };
  ok(await send(worker, 'POST', `/api/referrals/${referralId}/notes`, { body: 'Talked about the allotment.' }));
  ok(
    await send(worker, 'POST', `/api/referrals/${referralId}/contacts`, {
      at,
      mode: 'phone',
      durationMinutes: 20,
      outcome: 'attended',
    }),
  );
  ok(
    await send(worker, 'POST', `/api/referrals/${referralId}/measures`, {
      measure: 'ons4',
      timepoint: 'baseline',
      answers: { lifeSatisfaction: 3, worthwhile: 5, happy: 4, anxious: 8 },
    }),
  );
  ok(
    await send(worker, 'PUT', `/api/people/${personId}/care-plan`, {
      ...EMPTY_PLAN,
      whatMattersToMe: 'Getting out of the house.',
      version: 0,
    }),
  );
  await queueResidentMessage(ctx.db, {
    icbId: tenancy.icbId,
    referralId,
    personId,
    kind: 'first_contact_appointment',
    channel: 'sms',
    recipient: '07700900123',
    personalisation: { name: 'Test' },
  });
  const [fresh] = await ctx.db.select().from(referrals).where(eq(referrals.id, referralId));
  ok(
    await send(worker, 'POST', `/api/referrals/${referralId}/discharge`, {
      version: fresh?.version,
      reason: 'goals_met',
      summary: 'Settled in a walking group.',
    }),
  );
  // Support ended years ago (the test's only shortcut: the clock).
  await ctx.db
    .update(referrals)
    .set({ closedAt: yearsAgo(closedYearsAgo) })
    .where(eq(referrals.id, referralId));
  return { referralId, personId };
}

/** Every row of every table (but the audit log and the stubs) whose text holds one of the values. */
async function rowsHolding(values: string[]): Promise<string[]> {
  const tables = await ctx.db.execute<{ table_name: string }>(
    sql`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'
         AND table_name NOT IN ('audit_events', 'destroyed_records', '__drizzle_migrations')`,
  );
  const found: string[] = [];
  for (const { table_name } of tables.rows) {
    for (const v of values) {
      const res = await ctx.db.execute<{ n: number }>(
        sql`SELECT count(*)::int AS n FROM ${sql.identifier(table_name)} t WHERE t::text LIKE ${`%${v}%`}`,
      );
      if (Number(res.rows[0]?.n) > 0) found.push(`${table_name}: ${v}`);
    }
  }
  return found;
}

describe('retention: the dry run, destroy now, the scheduled job', () => {
  it('lists only the ICB’s people past retention, changes nothing, and is the administrator’s alone', async () => {
    const due = await workedCase(9);
    const recent = await workedCase(2);
    // A child: 10 when support ended 9 years ago, kept until the 25th birthday.
    const child = await workedCase(9, { dateOfBirth: new Date(Date.now() - 19 * YEAR).toISOString().slice(0, 10) });
    // Another ICB's record past retention, and one with an open referral beside a closed one.
    const foreign = await createTestReferral(ctx.db, elsewhere, {
      status: 'discharged',
      closedAt: yearsAgo(10),
      person: { dateOfBirth: '1950-01-01' },
    });
    const reopened = await workedCase(9);
    await createTestReferral(ctx.db, tenancy, { personId: reopened.personId, ...triaged() });

    const countsBefore = await ctx.db.execute(
      sql`SELECT (SELECT count(*) FROM people) p, (SELECT count(*) FROM referrals) r`,
    );
    const res = await get(admin, '/api/admin/retention');
    expect(res.statusCode, res.body).toBe(200);
    const report = res.json() as RetentionReport;
    const ids = report.due.items.map((i) => i.recordId);
    expect(ids).toContain(due.personId);
    expect(ids, 'recent').not.toContain(recent.personId);
    expect(ids, 'child').not.toContain(child.personId);
    expect(ids).not.toContain(foreign.personId);
    expect(ids, 'reopened').not.toContain(reopened.personId);
    expect(report.due.items.find((i) => i.recordId === due.personId)).toMatchObject({
      rule: 'adult_8_years',
      referralCount: 1,
    });
    // No personal data in the report.
    const [person] = await ctx.db.select().from(people).where(eq(people.id, due.personId));
    expect(res.body).not.toContain(person?.familyName);
    expect(res.body).not.toContain(person?.dateOfBirth);
    const countsAfter = await ctx.db.execute(
      sql`SELECT (SELECT count(*) FROM people) p, (SELECT count(*) FROM referrals) r`,
    );
    expect(countsAfter.rows).toEqual(countsBefore.rows);

    // Another ICB's admin sees none of it; team staff may not look at all.
    const elsewhereReport = (await get(otherAdmin, '/api/admin/retention')).json() as RetentionReport;
    expect(elsewhereReport.due.items.map((i) => i.recordId)).toContain(foreign.personId);
    expect(elsewhereReport.due.items.map((i) => i.recordId)).not.toContain(due.personId);
    expect((await get(lead, '/api/admin/retention')).statusCode).toBe(403);
  });

  it('refuses bad input naming the field, and a count that differs from the dry run, changing nothing', async () => {
    const before = await ctx.db.select({ n: sql<number>`count(*)::int` }).from(people);
    const bad = await send(admin, 'POST', '/api/admin/retention/destroy', { confirm: 'yes', expectedPeople: -1 });
    expect(bad.statusCode).toBe(400);
    const fields = (bad.json() as { errors: { field: string }[] }).errors.map((e) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['confirm', 'expectedPeople']));
    const stale = await send(admin, 'POST', '/api/admin/retention/destroy', { confirm: true, expectedPeople: 99_999 });
    expect(stale.statusCode).toBe(409);
    expect(await ctx.db.select({ n: sql<number>`count(*)::int` }).from(people)).toEqual(before);
    expect(
      (await send(admin, 'PUT', '/api/admin/retention/settings', { scheduledDestruction: 'on', version: 1 })).json(),
    ).toMatchObject({ errors: [{ field: 'scheduledDestruction' }] });
  });

  it('destroys each due person with everything held about them, keeps a stub, audits, and the chain verifies', async () => {
    const target = await workedCase(9);
    const [person] = await ctx.db.select().from(people).where(eq(people.id, target.personId));
    const restricted = await workedCase(9);
    await ctx.db.insert(processingRestrictions).values({
      personId: restricted.personId,
      icbId: tenancy.icbId,
      reason: 'legal_claims',
    });
    const report = (await get(admin, '/api/admin/retention')).json() as RetentionReport;
    expect(report.heldByRestriction).toBeGreaterThanOrEqual(1);
    expect(report.due.items.map((i) => i.recordId)).not.toContain(restricted.personId);

    const res = await send(admin, 'POST', '/api/admin/retention/destroy', {
      confirm: true,
      expectedPeople: report.due.people,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ destroyed: report.due.people });

    // Nothing of the person is left anywhere but the stub (and the audit log's ids).
    expect(
      await rowsHolding([
        target.personId,
        target.referralId,
        person?.familyName as string,
        person?.givenName as string,
      ]),
    ).toEqual([]);
    const [stub] = await ctx.db.select().from(destroyedRecords).where(eq(destroyedRecords.recordId, target.personId));
    expect(stub).toMatchObject({
      kind: 'person',
      icbId: tenancy.icbId,
      rule: 'adult_8_years',
      how: 'confirmed',
      referralCount: 1,
    });
    expect(JSON.stringify(stub)).not.toContain(person?.familyName);
    const audits = await ctx.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'retention.destroy'), eq(auditEvents.entityId, target.personId)));
    expect(audits).toHaveLength(1);
    expect(audits[0]?.actorUserId).toBe(admin.me.user.id);
    // The restricted person is kept whole.
    expect(await ctx.db.select().from(people).where(eq(people.id, restricted.personId))).toHaveLength(1);
    // The audit log keeps its rows about the person, and they hold ids, never the person's details.
    const mentions = await ctx.db.execute<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM audit_events a WHERE a::text LIKE ${`%${person?.familyName}%`} OR a::text LIKE ${`%${person?.givenName}%`}`,
    );
    expect(Number(mentions.rows[0]?.n)).toBe(0);
    // The audit log is untouched and its chain still verifies.
    expect((await verifyAuditChain(ctx.db)).ok).toBe(true);
    // The report now lists the stub and none due.
    const after = (await get(admin, '/api/admin/retention')).json() as RetentionReport;
    expect(after.due.people).toBe(0);
    expect(after.destroyed.recent.map((d) => d.recordId)).toContain(target.personId);
  });

  it('the scheduled job destroys only where the ICB switched it on', async () => {
    const target = await workedCase(9);
    await runScheduledRetention(ctx.db);
    expect(await ctx.db.select().from(people).where(eq(people.id, target.personId))).toHaveLength(1);
    const on = await send(admin, 'PUT', '/api/admin/retention/settings', { scheduledDestruction: true, version: 1 });
    expect(on.statusCode, on.body).toBe(200);
    expect(
      (await send(admin, 'PUT', '/api/admin/retention/settings', { scheduledDestruction: true, version: 1 }))
        .statusCode,
    ).toBe(409);
    await runScheduledRetention(ctx.db);
    expect(await ctx.db.select().from(people).where(eq(people.id, target.personId))).toHaveLength(0);
    const [stub] = await ctx.db.select().from(destroyedRecords).where(eq(destroyedRecords.recordId, target.personId));
    expect(stub).toMatchObject({ how: 'scheduled', destroyedBy: null });
    await ctx.db
      .update(retentionSettings)
      .set({ scheduledDestruction: false })
      .where(eq(retentionSettings.icbId, tenancy.icbId));
    expect((await verifyAuditChain(ctx.db)).ok).toBe(true);
  });

  it('every table that points at a person or a referral is one destruction reaches', async () => {
    // A new table holding a person's data fails here until records.repository deletes its rows.
    const res = await ctx.db.execute<{ t: string }>(sql`
      SELECT DISTINCT c.conrelid::regclass::text AS t FROM pg_constraint c
       WHERE c.contype = 'f' AND c.confrelid::regclass::text IN
             ('people', 'referrals', 'onward_referrals', 'care_plans', 'planned_contacts', 'case_contacts')
       ORDER BY 1`);
    expect(res.rows.map((r) => r.t)).toEqual([
      'befriending_assignments',
      'care_plan_versions',
      'care_plans',
      'case_contacts',
      'case_notes',
      'fhir_service_requests',
      'gp_messages',
      'onward_attendances',
      'onward_events',
      'onward_links',
      'onward_referrals',
      'outcome_measures',
      'person_links',
      'planned_contacts',
      'processing_restrictions',
      'referral_events',
      'referrals',
      'reminder_tasks',
      'resident_messages',
      'team_group_attendance',
      'video_appointments',
    ]);
  });
});

describe('subject access export', () => {
  it('gives the lead everything the team holds about the person, audited; 404 out of scope; 403 without the permission', async () => {
    const c = await workedCase(1);
    const res = await get(lead, `/api/referrals/${c.referralId}/person/export`);
    expect(res.statusCode, res.body).toBe(200);
    const out = res.json() as SubjectAccessExport;
    expect(out.person.id).toBe(c.personId);
    const section = (k: string) => out.sections.find((s) => s.key === k)?.rows ?? [];
    expect(section('referrals')).toHaveLength(1);
    expect(section('notes')[0]).toMatchObject({ body: 'Talked about the allotment.' });
    expect(section('contacts')).toHaveLength(1);
    expect(section('outcomeMeasures')).toHaveLength(1);
    expect(section('carePlan').length).toBeGreaterThanOrEqual(1);
    expect(section('onwardReferrals')).toHaveLength(1);
    expect(section('residentMessages')).toHaveLength(1);
    expect(res.body).not.toMatch(/token_hash|tokenHash/);
    const [row] = await ctx.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'person.export'), eq(auditEvents.entityId, c.personId)));
    expect(row).toMatchObject({ actorUserId: lead.me.user.id, entityType: 'person' });

    expect((await get(otherLead, `/api/referrals/${c.referralId}/person/export`)).statusCode).toBe(404);
    expect((await get(worker, `/api/referrals/${c.referralId}/person/export`)).statusCode).toBe(403);
    expect((await get(lead, '/api/referrals/not-an-id/person/export')).json()).toMatchObject({
      errors: [{ field: 'id' }],
    });
  });
});

describe('restriction of processing (UK GDPR Article 18)', () => {
  it('makes the record read-only with a 409 naming why, keeps it out of allocation and outreach, and lifts', async () => {
    const theCase = await createTestReferral(ctx.db, tenancy, triaged());
    const base = `/api/referrals/${theCase.id}/person/restriction`;

    const bad = await send(lead, 'PUT', base, { reason: 'because', note: 'x'.repeat(1001) });
    expect(bad.statusCode).toBe(400);
    expect((bad.json() as { errors: { field: string }[] }).errors.map((e) => e.field).sort()).toEqual([
      'note',
      'reason',
    ]);
    expect(
      await ctx.db.select().from(processingRestrictions).where(eq(processingRestrictions.personId, theCase.personId)),
    ).toEqual([]);
    expect((await send(worker, 'PUT', base, { reason: 'accuracy_contested' })).statusCode).toBe(403);
    expect((await send(otherLead, 'PUT', base, { reason: 'accuracy_contested' })).statusCode).toBe(404);

    const set = await send(lead, 'PUT', base, { reason: 'accuracy_contested', note: 'Disputes the referral reasons.' });
    expect(set.statusCode, set.body).toBe(200);
    expect((set.json() as RestrictionState).active).toMatchObject({ reason: 'accuracy_contested' });
    expect((await send(lead, 'PUT', base, { reason: 'legal_claims' })).statusCode).toBe(409);
    // Anyone who reads the case sees it.
    expect(((await get(worker, base)).json() as RestrictionState).active?.reason).toBe('accuracy_contested');

    // Reads work, writes are refused with the reason, and nothing changes.
    expect((await get(lead, `/api/referrals/${theCase.id}`)).statusCode).toBe(200);
    const triage = await send(lead, 'POST', `/api/referrals/${theCase.id}/decline`, {
      version: theCase.version,
      reason: 'person_declined',
    });
    expect(triage.statusCode).toBe(409);
    expect(triage.json()).toMatchObject({ code: 'processing_restricted' });
    expect(triage.json().detail).toMatch(/Article 18/);
    const [unchanged] = await ctx.db.select().from(referrals).where(eq(referrals.id, theCase.id));
    expect(unchanged?.status).toBe('triaged');
    const [refusal] = await ctx.db
      .select()
      .from(auditEvents)
      .where(
        and(eq(auditEvents.action, 'processing-restricted.refused'), eq(auditEvents.actorUserId, lead.me.user.id)),
      );
    expect(refusal).toMatchObject({ outcome: 'denied' });

    // Left out of "allocate all" and of messages to the person.
    const plan = await send(lead, 'POST', '/api/triage/allocate-all', { dryRun: true });
    expect(plan.statusCode, plan.body).toBe(200);
    expect(plan.body).not.toContain(theCase.id);
    expect(
      await queueResidentMessage(ctx.db, {
        icbId: tenancy.icbId,
        referralId: theCase.id,
        personId: null,
        kind: 'first_contact_appointment',
        channel: 'sms',
        recipient: '07700900123',
        personalisation: {},
      }),
    ).toBeNull();

    // Lifting needs a reason; then writes work again.
    expect((await send(lead, 'POST', `${base}/lift`, { note: '' })).json()).toMatchObject({
      errors: [{ field: 'note' }],
    });
    const lifted = await send(lead, 'POST', `${base}/lift`, { note: 'Record corrected with the person.' });
    expect(lifted.statusCode, lifted.body).toBe(200);
    expect((lifted.json() as RestrictionState).active).toBeNull();
    expect((lifted.json() as RestrictionState).history[0]).toMatchObject({
      liftNote: 'Record corrected with the person.',
    });
    const declined = await send(lead, 'POST', `/api/referrals/${theCase.id}/decline`, {
      version: theCase.version,
      reason: 'person_declined',
    });
    expect(declined.statusCode, declined.body).toBeLessThan(300);
    const actions = await ctx.db
      .select({ action: auditEvents.action })
      .from(auditEvents)
      .where(eq(auditEvents.entityId, theCase.personId));
    expect(actions.map((a) => a.action)).toEqual(
      expect.arrayContaining(['person.restrict', 'person.restriction-lift']),
    );
    void coordinator;
  });

  it('still takes a new referral for a restricted person from their practice: a GP’s referral is never lost', async () => {
    const body = validReferralBody();
    const first = await send(referrer, 'POST', '/api/referrals', body);
    expect(first.statusCode, first.body).toBe(201);
    const referralId = first.json().id as string;
    const restricted = await send(lead, 'PUT', `/api/referrals/${referralId}/person/restriction`, {
      reason: 'legal_claims',
    });
    expect(restricted.statusCode, restricted.body).toBe(200);
    const second = await send(referrer, 'POST', '/api/referrals', { ...body, confirmedSecondReferral: true });
    expect(second.statusCode, second.body).toBe(201);
    const personId = (restricted.json() as RestrictionState).personId;
    expect(await ctx.db.$count(referrals, eq(referrals.personId, personId))).toBe(2);
    // The team sees the restriction on the new referral too.
    const state = (await get(lead, `/api/referrals/${second.json().id}/person/restriction`)).json() as RestrictionState;
    expect(state.active?.reason).toBe('legal_claims');
  });
});
