import { and, eq, gt, max } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditEvents } from '../../platform/audit/audit.tables.js';
import { setUpTestApp } from '../../test/team.js';
import type { Session } from '../../test/toolkit.js';
import { createTestReferral, triaged } from '../triage/test-referrals.js';
import { londonToday } from '../workforce/workforce.service.js';
import { supervisionSessions, teamMemberSkills, teamProfiles, trainingRecords } from './team.tables.js';

const { ctx, lead, coach, worker, supervisor, admin, otherLead, otherAdmin, tenancy } = setUpTestApp({
  tenancies: { other: 'same-icb', far: 'new-icb' },
  team: {
    lead: { role: 'team_lead', name: 'Priya Lead' },
    coach: { role: 'health_coach', name: 'Aisha Coach', fte: '1', caseloadCapacity: 20 },
    worker: { role: 'link_worker', name: 'Tom Link', fte: '1', caseloadCapacity: 20 },
    supervisor: { role: 'link_worker', name: 'Sam Senior' },
    admin: 'admin',
    otherLead: { role: 'team_lead', at: 'other' },
    otherAdmin: { role: 'admin', at: 'far' },
  },
});

const get = (s: Session, url: string) => ctx.app.inject({ method: 'GET', url, headers: { cookie: s.cookie } });
const send = (s: Session, method: 'POST' | 'PUT', url: string, payload: unknown) =>
  ctx.app.inject({ method, url, headers: s.headers, payload: payload as object });
const profileOf = (s: Session, id: string) => get(s, `/api/team/members/${id}/profile`);
const today = () => londonToday();
const daysAgo = (n: number) => new Date(Date.parse(`${today()}T00:00:00Z`) - n * 86_400_000).toISOString().slice(0, 10);

async function skillId(label: string): Promise<string> {
  const res = await get(admin, '/api/team/settings');
  const skill = res.json().skills.find((s: { label: string }) => s.label === label);
  return skill.id as string;
}

async function profileBody(s: Session, id: string, changes: Record<string, unknown> = {}) {
  const p = (await profileOf(s, id)).json();
  return {
    version: p.member.version,
    band: p.member.band,
    fte: p.member.fte,
    workingDays: p.workingDays,
    startDate: p.startDate,
    funding: p.funding,
    fundingNote: p.fundingNote,
    languages: p.member.languages,
    skillIds: p.skills.map((x: { id: string }) => x.id),
    ...changes,
  };
}

const lastAuditId = async () => (await ctx.db.select({ id: max(auditEvents.id) }).from(auditEvents))[0]?.id ?? 0;
const auditSince = (id: number | bigint | string, action: string) =>
  ctx.db
    .select()
    .from(auditEvents)
    .where(and(gt(auditEvents.id, id as never), eq(auditEvents.action, action)));

describe('team member profile', () => {
  it('the lead edits a profile; the member sees their own; the edit is audited', async () => {
    const before = await lastAuditId();
    const body = await profileBody(lead, worker.id, {
      band: '5',
      fte: 0.8,
      workingDays: ['thu', 'mon', 'tue'],
      startDate: '2025-04-01',
      funding: 'arrs',
      fundingNote: 'Claimed from April 2025',
      languages: ['Polish', 'Urdu'],
      skillIds: [await skillId('Debt and benefits'), await skillId('Housing')],
    });
    const res = await send(lead, 'PUT', `/api/team/members/${worker.id}/profile`, body);
    expect(res.statusCode, res.body).toBe(200);
    const own = await profileOf(worker, worker.id);
    expect(own.statusCode).toBe(200);
    expect(own.json()).toMatchObject({
      member: { band: '5', fte: 0.8, languages: ['Polish', 'Urdu'], role: 'link_worker' },
      workingDays: ['mon', 'tue', 'thu'],
      startDate: '2025-04-01',
      funding: 'arrs',
      canManage: false,
      supervisorOptions: [],
    });
    expect(own.json().skills.map((s: { label: string }) => s.label)).toEqual(['Debt and benefits', 'Housing']);
    const [row] = await auditSince(before, 'team.profile.update');
    expect(row?.details).toMatchObject({
      changed: expect.arrayContaining(['fte', 'startDate', 'languages', 'skillIds']),
    });
  });

  it('a member cannot see or edit a colleague; another PCN and another ICB find nobody', async () => {
    expect((await profileOf(coach, worker.id)).statusCode).toBe(404);
    expect((await send(coach, 'PUT', `/api/team/members/${worker.id}/profile`, {})).statusCode).toBe(403);
    expect((await profileOf(otherLead, worker.id)).statusCode).toBe(404);
    const body = await profileBody(lead, worker.id);
    expect((await send(otherLead, 'PUT', `/api/team/members/${worker.id}/profile`, body)).statusCode).toBe(404);
    expect((await profileOf(otherAdmin, worker.id)).statusCode).toBe(404);
    // The home ICB's admin edits profiles too.
    expect((await profileOf(admin, worker.id)).json().canManage).toBe(true);
  });

  it('bad input names the field and changes nothing', async () => {
    const good = await profileBody(lead, coach.id);
    const cases: [string, Record<string, unknown>][] = [
      ['fte', { fte: 1.5 }],
      ['fte', { fte: 0.001 }],
      ['band', { band: '11' }],
      ['workingDays.1', { workingDays: ['mon', 'mon'] }],
      ['workingDays.0', { workingDays: ['monday'] }],
      ['startDate', { startDate: '2025-02-30' }],
      ['funding', { funding: 'lottery' }],
      ['languages.1', { languages: ['Polish', 'polish'] }],
      ['skillIds.0', { skillIds: ['00000000-0000-4000-8000-000000000000'] }],
    ];
    for (const [field, change] of cases) {
      const res = await send(lead, 'PUT', `/api/team/members/${coach.id}/profile`, { ...good, ...change });
      expect(res.statusCode, field).toBe(400);
      expect(res.json().errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    expect(await ctx.db.select().from(teamProfiles).where(eq(teamProfiles.userId, coach.id))).toEqual([]);
    expect(await ctx.db.select().from(teamMemberSkills).where(eq(teamMemberSkills.userId, coach.id))).toEqual([]);
  });

  it('an edit from a stale version is refused with a conflict', async () => {
    const body = await profileBody(lead, coach.id, { band: '5' });
    expect((await send(lead, 'PUT', `/api/team/members/${coach.id}/profile`, body)).statusCode).toBe(200);
    const stale = await send(lead, 'PUT', `/api/team/members/${coach.id}/profile`, { ...body, band: '6' });
    expect(stale.statusCode).toBe(409);
    expect((await profileOf(lead, coach.id)).json().member.band).toBe('5');
  });

  it('allocation prefers the worker whose skills suit the reasons, and says so', async () => {
    // Tom (debt and benefits, from the first test) and Sam, no skills; both link workers with room.
    await send(
      lead,
      'PUT',
      `/api/team/members/${supervisor.id}/profile`,
      await profileBody(lead, supervisor.id, { fte: 1 }),
    );
    const referral = await createTestReferral(ctx.db, tenancy, triaged({ reasons: ['debt', 'stress'] }));
    const res = await get(lead, `/api/referrals/${referral.id}/allocation-suggestion`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().worker?.name).toBe('Tom Link');
    expect(res.json().reasons.join(' ')).toMatch(/Tom Link has skills in Debt and benefits/);
  });
});

describe('training', () => {
  it('the lead records a certificate: the requirement turns valid; the record is audited', async () => {
    const p = (await profileOf(lead, coach.id)).json();
    const pci = p.training.requirements.find((r: { title: string }) => /Personalised Care Institute/.test(r.title));
    expect(pci).toMatchObject({ status: 'not_done', sourceUrl: 'https://www.personalisedcareinstitute.org.uk/' });
    const before = await lastAuditId();
    const res = await send(lead, 'POST', `/api/team/members/${coach.id}/training`, {
      requirementId: pci.requirementId,
      title: null,
      completedOn: daysAgo(10),
      evidenceNote: 'Certificate seen',
    });
    expect(res.statusCode, res.body).toBe(201);
    const after = (await profileOf(lead, coach.id)).json();
    expect(after.training.requirements.find((r: { title: string }) => r.title === pci.title).status).toBe('valid');
    expect(await auditSince(before, 'team.training.record')).toHaveLength(1);
  });

  it('an old safeguarding certificate shows expired, in the team view and as the member’s task', async () => {
    const p = (await profileOf(lead, coach.id)).json();
    const safeguarding = p.training.requirements.find((r: { title: string }) => /Safeguarding/.test(r.title));
    await send(lead, 'POST', `/api/team/members/${coach.id}/training`, {
      requirementId: safeguarding.requirementId,
      title: null,
      completedOn: '2020-01-10',
      evidenceNote: 'Certificate on file',
    });
    const team = (await get(lead, '/api/team/development')).json();
    expect(team.members.find((m: { id: string }) => m.id === coach.id).training.expired).toBe(1);
    const tasks = (await get(coach, '/api/team/my-tasks')).json();
    expect(tasks.items.map((t: { kind: string }) => t.kind)).toContain('training_expired');
  });

  it('refuses a requirement of another role, a future date and a missing evidence note; nothing stored', async () => {
    const p = (await profileOf(lead, worker.id)).json();
    const coachOnly = (await profileOf(lead, coach.id)).json().training.requirements[0].requirementId;
    const cases: [string, Record<string, unknown>][] = [
      ['requirementId', { requirementId: coachOnly }],
      ['completedOn', { completedOn: '2199-01-01' }],
      ['evidenceNote', { evidenceNote: '' }],
      ['title', { requirementId: null, title: null }],
    ];
    for (const [field, change] of cases) {
      const res = await send(lead, 'POST', `/api/team/members/${worker.id}/training`, {
        requirementId: p.training.requirements[0].requirementId,
        title: null,
        completedOn: daysAgo(1),
        evidenceNote: 'Seen',
        ...change,
      });
      expect(res.statusCode, field).toBe(400);
      expect(res.json().errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    expect(await ctx.db.select().from(trainingRecords).where(eq(trainingRecords.userId, worker.id))).toEqual([]);
  });
});

describe('supervision', () => {
  it('overdue without a session; a recorded one clears the flag and the member’s task', async () => {
    const flag = async () =>
      (await get(lead, '/api/team/development')).json().members.find((m: { id: string }) => m.id === coach.id)
        .supervision.overdue;
    expect(await flag()).toBe(true);
    expect((await get(coach, '/api/team/my-tasks')).json().items.map((t: { kind: string }) => t.kind)).toContain(
      'supervision_overdue',
    );
    const before = await lastAuditId();
    const res = await send(lead, 'POST', `/api/team/members/${coach.id}/supervisions`, {
      heldOn: daysAgo(2),
      supervisorId: supervisor.id,
      kind: 'clinical',
      privateNotes: 'Talked about a hard case. Private.',
    });
    expect(res.statusCode, res.body).toBe(201);
    // The lead recorded it but is not the supervisor: the notes are not theirs to read.
    expect(res.json()).toMatchObject({ privateNotes: null, notesHidden: true, supervisorName: 'Sam Senior' });
    expect(await flag()).toBe(false);
    expect((await get(coach, '/api/team/my-tasks')).json().items.map((t: { kind: string }) => t.kind)).not.toContain(
      'supervision_overdue',
    );
    const [audit] = await auditSince(before, 'team.supervision.record');
    expect(JSON.stringify(audit?.details)).not.toMatch(/hard case/);
  });

  it('private notes: the member and the supervisor read them; the lead and the admin do not', async () => {
    const notesFor = async (s: Session) =>
      (await profileOf(s, coach.id))
        .json()
        .supervision.sessions.map((x: { privateNotes: string | null }) => x.privateNotes);
    expect(await notesFor(coach)).toEqual(['Talked about a hard case. Private.']);
    expect(await notesFor(lead)).toEqual([null]);
    expect(await notesFor(admin)).toEqual([null]);
    // The supervisor (a link worker, not the lead) cannot open the coach's profile, but reads the
    // sessions they gave, notes included, on their own.
    expect((await profileOf(supervisor, coach.id)).statusCode).toBe(404);
    const own = (await profileOf(supervisor, supervisor.id)).json();
    expect(own.supervisionGiven).toEqual([
      expect.objectContaining({ superviseeName: 'Aisha Coach', privateNotes: 'Talked about a hard case. Private.' }),
    ]);
    // Nobody else is shown what someone supervised.
    expect((await profileOf(lead, supervisor.id)).json().supervisionGiven).toEqual([]);
  });

  it('when the lead is the supervisor, the lead reads the notes', async () => {
    await send(lead, 'POST', `/api/team/members/${worker.id}/supervisions`, {
      heldOn: daysAgo(1),
      supervisorId: lead.id,
      kind: 'line_management',
      privateNotes: 'Lead as supervisor.',
    });
    const sessions = (await profileOf(lead, worker.id)).json().supervision.sessions;
    expect(sessions[0]).toMatchObject({ privateNotes: 'Lead as supervisor.', kind: 'line_management' });
  });

  it('refuses the member as their own supervisor, someone of another team, a future date; nothing stored', async () => {
    const count = async () =>
      (await ctx.db.select().from(supervisionSessions).where(eq(supervisionSessions.userId, supervisor.id))).length;
    const cases: [string, Record<string, unknown>][] = [
      ['supervisorId', { supervisorId: supervisor.id }],
      ['supervisorId', { supervisorId: otherLead.id }],
      ['heldOn', { heldOn: '2199-01-01' }],
      ['kind', { kind: 'coffee' }],
    ];
    for (const [field, change] of cases) {
      const res = await send(lead, 'POST', `/api/team/members/${supervisor.id}/supervisions`, {
        heldOn: daysAgo(1),
        supervisorId: lead.id,
        kind: 'peer',
        privateNotes: null,
        ...change,
      });
      expect(res.statusCode, field).toBe(400);
      expect(res.json().errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    expect(await count()).toBe(0);
  });
});

describe('team settings (admin)', () => {
  it('the admin adds a skill and changes a supervision target; the lead cannot', async () => {
    const s = (await get(admin, '/api/team/settings')).json();
    expect(s.targets.find((t: { role: string }) => t.role === 'link_worker').intervalDays).toBe(31);
    const body = {
      skills: [
        ...s.skills.map(({ id, label, reasonCodes, active }: Record<string, unknown>) => ({
          id,
          label,
          reasonCodes,
          active,
        })),
        { id: null, label: 'Gambling harms', reasonCodes: ['debt', 'money'], active: true },
      ],
      requirements: s.requirements.map(
        ({ id, role, title, source, sourceUrl, validityMonths, active }: Record<string, unknown>) => ({
          id,
          role,
          title,
          source,
          sourceUrl,
          validityMonths,
          active,
        }),
      ),
      targets: [{ role: 'link_worker', intervalDays: 42, note: 'Six-weekly' }],
    };
    const res = await send(admin, 'PUT', '/api/team/settings', body);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().skills.map((x: { label: string }) => x.label)).toContain('Gambling harms');
    expect(res.json().targets.find((t: { role: string }) => t.role === 'link_worker').intervalDays).toBe(42);
    expect((await send(lead, 'PUT', '/api/team/settings', body)).statusCode).toBe(403);
    // Another ICB's lists are its own.
    const far = (await get(otherAdmin, '/api/team/settings')).json();
    expect(far.skills.map((x: { label: string }) => x.label)).not.toContain('Gambling harms');

    const bad = await send(admin, 'PUT', '/api/team/settings', {
      ...body,
      skills: [{ id: far.skills[0].id, label: 'Stolen', reasonCodes: ['nonsense'], active: true }],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors.map((e: { field: string }) => e.field)).toEqual(['skills.0.id', 'skills.0.reasonCodes.0']);
    // Nothing was saved: neither the rename of the other ICB's skill nor the targets sent with it.
    const after = (await get(admin, '/api/team/settings')).json();
    expect(after.skills.map((x: { label: string }) => x.label)).not.toContain('Stolen');
    expect((await get(otherAdmin, '/api/team/settings')).json().skills[0].label).toBe(far.skills[0].label);
  });
});
