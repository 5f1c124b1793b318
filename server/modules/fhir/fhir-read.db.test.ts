import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditEvents } from '../../platform/audit/audit.tables.js';
import { setUpTestApp } from '../../test/team.js';
import { createTestListing, createTestOrganization } from '../directory/listings/test-listings.js';
import { testNhsNumber } from '../referrals/referral-fixtures.js';
import { referrals } from '../referrals/referrals.tables.js';
import { fhirSchemaErrors } from './testing/fhir-schema.js';
import {
  expectOutcome,
  fhirTestSupport,
  NHS_NUMBER,
  referralMessage,
  type TestSystem,
} from './testing/fhir-test-support.js';

// Issue 17 point 3, over HTTP: systems read the state of what they sent (ServiceRequest, Task,
// Patient), a PCN's system its team's plans and outcome measures (CarePlan, Observation,
// QuestionnaireResponse), anyone the directory; each only in its own scope, with paging, filters,
// every refusal an OperationOutcome, and every resource valid against the FHIR R4 schema.

const { ctx, tenancy, other, admin, worker } = setUpTestApp({
  tenancies: { other: 'same-icb' },
  team: { admin: 'admin', worker: 'link_worker' },
});
const fhir = () => fhirTestSupport(ctx, admin);

const get = (url: string, bearer?: string, headers: Record<string, string> = {}) =>
  ctx.app.inject({
    method: 'GET',
    url,
    headers: { ...(bearer ? { authorization: `Bearer ${bearer}` } : {}), accept: 'application/fhir+json', ...headers },
  });

type Bundle = {
  resourceType: 'Bundle';
  type: string;
  total: number;
  link: { relation: string; url: string }[];
  entry?: { fullUrl: string; resource: Record<string, unknown> & { id: string } }[];
};

/** A 200 searchset, valid against the schema. */
async function search(url: string, bearer?: string): Promise<Bundle> {
  const res = await get(url, bearer);
  expect(res.statusCode, res.body).toBe(200);
  expect(String(res.headers['content-type'])).toContain('application/fhir+json');
  const bundle = res.json() as Bundle;
  expect(bundle).toMatchObject({ resourceType: 'Bundle', type: 'searchset' });
  expect(fhirSchemaErrors(bundle)).toEqual([]);
  return bundle;
}

/** A 200 read, valid against the schema. */
async function read(url: string, bearer?: string) {
  const res = await get(url, bearer);
  expect(res.statusCode, res.body).toBe(200);
  expect(String(res.headers['content-type'])).toContain('application/fhir+json');
  const resource = res.json();
  expect(fhirSchemaErrors(resource)).toEqual([]);
  return { res, resource };
}

const ids = (b: Bundle) => (b.entry ?? []).map((e) => e.resource.id);
const link = (b: Bundle, relation: string) => b.link.find((l) => l.relation === relation)?.url;
const pathOf = (url: string) => url.slice(url.indexOf('/fhir/R4'));

let home: TestSystem;
let away: TestSystem;
let homeOds: string;

async function systems() {
  if (home) return;
  homeOds = await fhir().practiceCode(tenancy.practiceId);
  home = await fhir().system(tenancy.practiceId);
  away = await fhir().system(other.practiceId);
}

describe('ServiceRequest and Task', () => {
  it('reads a referral the system sent, versioned, as a ServiceRequest and its Task', async () => {
    await systems();
    const serviceRequestId = randomUUID();
    const nhsNumber = testNhsNumber();
    const id = await fhir().refer(home.token, { ods: homeOds, serviceRequestId, nhsNumber });

    const { res, resource: sr } = await read(`/fhir/R4/ServiceRequest/${id}`, home.token);
    expect(sr).toMatchObject({
      resourceType: 'ServiceRequest',
      id,
      status: 'active',
      intent: 'order',
      priority: 'routine',
      meta: { versionId: '1' },
      subject: { identifier: { system: NHS_NUMBER, value: nhsNumber } },
      requester: { identifier: { system: 'https://fhir.nhs.uk/Id/ods-organization-code', value: homeOds } },
    });
    expect(sr.identifier).toEqual([
      { system: 'https://waymark.example/Id/referral', value: id },
      { use: 'secondary', value: serviceRequestId },
    ]);
    expect(res.headers.etag).toBe('W/"1"');
    expect(sr.reasonCode[0].coding[0]).toMatchObject({ code: 'loneliness' });
    // A client holding this version is told so, without the body.
    const again = await get(`/fhir/R4/ServiceRequest/${id}`, home.token, { 'if-none-match': 'W/"1"' });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');

    const { resource: task } = await read(`/fhir/R4/Task/${id}`, home.token);
    expect(task).toMatchObject({
      resourceType: 'Task',
      id,
      status: 'received',
      intent: 'order',
      focus: { reference: `ServiceRequest/${id}` },
      businessStatus: { coding: [{ system: 'https://waymark.example/CodeSystem/referral-status', code: 'received' }] },
    });

    // Every read is audited with the client's id.
    const audits = await ctx.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'referral.read'), eq(auditEvents.entityId, id)));
    expect(audits.map((a) => [a.actorUserId, a.actorRole, (a.details as { resource: string }).resource])).toEqual([
      [home.clientId, 'system_client', 'ServiceRequest'],
      [home.clientId, 'system_client', 'ServiceRequest'],
      [home.clientId, 'system_client', 'Task'],
    ]);
  });

  it('searches by identifier (either id), patient, status and _lastUpdated, and pages with self and next links', async () => {
    await systems();
    // The database's clock, which stamps updated_at, read just before these referrals: never a
    // margin into the past, which would take in a referral an earlier test changed meanwhile.
    const stamped = await ctx.db.execute<{ ms: string }>(
      sql`SELECT floor(extract(epoch FROM clock_timestamp()) * 1000)::bigint AS ms`,
    );
    const before = new Date(Number((stamped.rows[0] as { ms: string }).ms)).toISOString();
    const serviceRequestId = randomUUID();
    const nhsNumber = testNhsNumber();
    const first = await fhir().refer(home.token, { ods: homeOds, serviceRequestId, nhsNumber });
    const sent = [first];
    for (let i = 0; i < 4; i++) sent.push(await fhir().refer(home.token, { ods: homeOds }));

    const byWaymark = await search(
      `/fhir/R4/ServiceRequest?identifier=https://waymark.example/Id/referral|${first}`,
      home.token,
    );
    expect([byWaymark.total, ids(byWaymark)]).toEqual([1, [first]]);
    const byTheirs = await search(`/fhir/R4/ServiceRequest?identifier=${serviceRequestId}`, home.token);
    expect(ids(byTheirs)).toEqual([first]);
    const otherSystem = await search(
      `/fhir/R4/ServiceRequest?identifier=https://elsewhere.example|${first}`,
      home.token,
    );
    expect(otherSystem.total).toBe(0);

    const { resource: sr } = await read(`/fhir/R4/ServiceRequest/${first}`, home.token);
    const byPatient = await search(`/fhir/R4/ServiceRequest?patient=${sr.subject.reference}`, home.token);
    expect(ids(byPatient)).toEqual([first]);

    // Paging: newest change first, _count at a time, `next` until the last page.
    const recent = `_lastUpdated=ge${encodeURIComponent(before)}`;
    const page1 = await search(`/fhir/R4/ServiceRequest?${recent}&_count=2`, home.token);
    expect(page1.total).toBe(5);
    expect(page1.entry).toHaveLength(2);
    expect(link(page1, 'self')).toBe(
      `${ctx.config.publicUrl}/fhir/R4/ServiceRequest?_lastUpdated=ge${encodeURIComponent(before)}&_count=2`,
    );
    const page2 = await search(pathOf(link(page1, 'next') as string), home.token);
    const page3 = await search(pathOf(link(page2, 'next') as string), home.token);
    expect(page3.entry).toHaveLength(1);
    expect(link(page3, 'next')).toBeUndefined();
    expect(new Set([...ids(page1), ...ids(page2), ...ids(page3)])).toEqual(new Set(sent));

    const later = await search(`/fhir/R4/ServiceRequest?_lastUpdated=gt2999-01-01`, home.token);
    expect(later.total).toBe(0);
    const range = await search(
      `/fhir/R4/ServiceRequest?_lastUpdated=ge${encodeURIComponent(before)}&_lastUpdated=lt2999-01-01&_count=100`,
      home.token,
    );
    expect(range.total).toBe(5);

    // Cancel one: it is revoked (ServiceRequest) and cancelled (Task), and found so.
    const cancel = await fhir().send(
      home.token,
      referralMessage({ ods: homeOds, serviceRequestId, nhsNumber, status: 'revoked' }),
    );
    expect(cancel.statusCode, cancel.body).toBe(200);
    const revoked = await search(`/fhir/R4/ServiceRequest?${recent}&status=revoked`, home.token);
    expect(ids(revoked)).toEqual([first]);
    const active = await search(`/fhir/R4/ServiceRequest?${recent}&status=active,completed`, home.token);
    expect(active.total).toBe(4);
    const cancelled = await search(`/fhir/R4/Task?${recent}&status=cancelled`, home.token);
    expect(ids(cancelled)).toEqual([first]);
    expect(cancelled.entry?.[0]?.resource).toMatchObject({
      status: 'cancelled',
      statusReason: { coding: [{ code: 'withdrawn_by_referrer' }] },
      meta: { versionId: '2' },
    });
    const rejected = await search(`/fhir/R4/Task?${recent}&status=rejected`, home.token);
    expect(rejected.total).toBe(0);
    const byFocus = await search(`/fhir/R4/Task?focus=ServiceRequest/${first}`, home.token);
    expect(ids(byFocus)).toEqual([first]);

    // One audit row per search, with the client's id and the referrals it returned.
    const [row] = await ctx.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'referral.search'), eq(auditEvents.actorUserId, home.clientId)))
      .orderBy(auditEvents.id)
      .limit(1);
    expect(row?.details).toMatchObject({ via: 'fhir', resource: 'ServiceRequest', referralIds: [first] });
  });

  it("answers another practice's referral exactly as one that does not exist (404), and finds none of them", async () => {
    await systems();
    const serviceRequestId = randomUUID();
    const id = await fhir().refer(home.token, { ods: homeOds, serviceRequestId });
    for (const type of ['ServiceRequest', 'Task']) {
      const theirs = expectOutcome(await get(`/fhir/R4/${type}/${id}`, away.token), 404);
      const missing = randomUUID();
      const none = expectOutcome(await get(`/fhir/R4/${type}/${missing}`, away.token), 404);
      expect(theirs).toEqual(none.map((i) => ({ ...i, diagnostics: i.diagnostics.replace(missing, id) })));
    }
    expect((await search(`/fhir/R4/ServiceRequest?identifier=${serviceRequestId}`, away.token)).total).toBe(0);
    expect((await search(`/fhir/R4/ServiceRequest?identifier=${id}`, away.token)).total).toBe(0);
    const all = await search('/fhir/R4/ServiceRequest?_count=100', away.token);
    expect(ids(all)).not.toContain(id);
    const [denied] = await ctx.db
      .select()
      .from(auditEvents)
      .where(
        and(eq(auditEvents.action, 'referral.read'), eq(auditEvents.entityId, id), eq(auditEvents.outcome, 'denied')),
      )
      .limit(1);
    expect(denied?.actorUserId).toBe(away.clientId);
  });

  it('lets a PCN system see its queue (every practice of the PCN), not another PCN', async () => {
    await systems();
    const id = await fhir().refer(home.token, { ods: homeOds });
    const pcn = await fhir().system(tenancy.pcnId, ['referral.read']);
    expect((await read(`/fhir/R4/Task/${id}`, pcn.token)).resource.id).toBe(id);
    const otherPcn = await fhir().system(other.pcnId, ['referral.read']);
    expectOutcome(await get(`/fhir/R4/Task/${id}`, otherPcn.token), 404);
  });

  it('refuses no token, a cookie, a token without referral.read, and bad search parameters naming them', async () => {
    await systems();
    const id = await fhir().refer(home.token, { ods: homeOds });
    const none = await get(`/fhir/R4/ServiceRequest/${id}`);
    expectOutcome(none, 401);
    expect(none.headers['www-authenticate']).toBe('Bearer');
    expectOutcome(
      await ctx.app.inject({ method: 'GET', url: '/fhir/R4/ServiceRequest', headers: { cookie: worker.cookie } }),
      401,
    );
    const sender = await fhir().system(tenancy.practiceId, ['referral.create']);
    const forbidden = await get(`/fhir/R4/ServiceRequest/${id}`, sender.token);
    expectOutcome(forbidden, 403);
    expect(forbidden.headers['www-authenticate']).toBe('Bearer error="insufficient_scope"');

    const bad: [string, string][] = [
      ['/fhir/R4/ServiceRequest?subject=Patient/1', 'subject'],
      ['/fhir/R4/ServiceRequest?status:not=active', 'status:not'],
      ['/fhir/R4/ServiceRequest?status=draft', 'status'],
      ['/fhir/R4/Task?status=active', 'status'],
      ['/fhir/R4/ServiceRequest?_count=0', '_count'],
      ['/fhir/R4/ServiceRequest?_count=101', '_count'],
      ['/fhir/R4/ServiceRequest?_count=ten', '_count'],
      ['/fhir/R4/ServiceRequest?_offset=-1', '_offset'],
      ['/fhir/R4/ServiceRequest?_lastUpdated=yesterday', '_lastUpdated'],
      ['/fhir/R4/ServiceRequest?_lastUpdated=gt2026-02-30', '_lastUpdated'],
      ['/fhir/R4/ServiceRequest?_lastUpdated=ne2026-01-01', '_lastUpdated'],
      ['/fhir/R4/ServiceRequest?patient=Practitioner/abc', 'patient'],
      ['/fhir/R4/ServiceRequest?patient=a&patient=b', 'patient'],
      ['/fhir/R4/Task?focus=Patient/abc', 'focus'],
      ['/fhir/R4/Patient', 'identifier'],
      ['/fhir/R4/Patient?identifier=https://fhir.nhs.uk/Id/nhs-number|9434765918', 'identifier'],
      ['/fhir/R4/Patient?identifier=https://example.org/mrn|123', 'identifier'],
    ];
    for (const [url, param] of bad) {
      const issues = expectOutcome(await get(url, home.token), 400);
      expect(issues[0]?.expression, url).toEqual([param]);
      expect(issues[0]?.diagnostics, url).toContain(param);
    }
  });
});

describe('Patient', () => {
  it('reads and finds by NHS number only a person the practice referred', async () => {
    await systems();
    const nhsNumber = testNhsNumber();
    const id = await fhir().refer(home.token, { ods: homeOds, nhsNumber, familyName: 'Okafor' });
    const [row] = await ctx.db.select().from(referrals).where(eq(referrals.id, id));
    const personId = row?.personId as string;

    const { resource, res } = await read(`/fhir/R4/Patient/${personId}`, home.token);
    expect(resource).toMatchObject({
      resourceType: 'Patient',
      id: personId,
      identifier: [{ system: NHS_NUMBER, value: nhsNumber }],
      name: [{ family: 'Okafor', given: ['Delia'] }],
      birthDate: '1958-03-02',
    });
    expect(res.headers.etag).toMatch(/^W\/"\d+"$/);
    const found = await search(`/fhir/R4/Patient?identifier=${NHS_NUMBER}|${nhsNumber}`, home.token);
    expect(ids(found)).toEqual([personId]);
    // Spaces in the number are allowed, as people write it.
    const spaced = `${nhsNumber.slice(0, 3)} ${nhsNumber.slice(3, 6)} ${nhsNumber.slice(6)}`;
    expect(ids(await search(`/fhir/R4/Patient?identifier=${encodeURIComponent(spaced)}`, home.token))).toEqual([
      personId,
    ]);

    // Another practice's system: not found, whether by id or by number.
    expectOutcome(await get(`/fhir/R4/Patient/${personId}`, away.token), 404);
    expect((await search(`/fhir/R4/Patient?identifier=${NHS_NUMBER}|${nhsNumber}`, away.token)).total).toBe(0);

    const audits = await ctx.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityId, personId), eq(auditEvents.actorUserId, home.clientId)));
    const reads = audits.map((a) => a.action).filter((a) => a !== 'person.create');
    expect(reads.sort()).toEqual(['person.read', 'person.search', 'person.search']);
  });
});

describe("the PCN team's plan and outcome measures", () => {
  it('gives a PCN system the CarePlan, Observations and QuestionnaireResponses; a practice system none', async () => {
    await systems();
    const id = await fhir().refer(home.token, { ods: homeOds });
    const [row] = await ctx.db.select().from(referrals).where(eq(referrals.id, id));
    const personId = row?.personId as string;
    const plan = await ctx.app.inject({
      method: 'PUT',
      url: `/api/people/${personId}/care-plan`,
      headers: worker.headers,
      payload: {
        version: 0,
        whatMattersToMe: 'Getting back to my allotment',
        strengths: 'Good with my hands',
        needs: [{ domain: 'loneliness', notes: 'Since moving here' }],
        goals: [
          {
            text: 'Go to the walking group once a week',
            targetDate: '2026-04-01',
            progress: [{ date: '2026-01-12', score: 2, note: 'Nervous' }],
          },
        ],
        actions: [{ who: 'Link worker', what: 'Introduce to the group leader', byWhen: '2026-01-20', done: false }],
        ifThingsGetWorse: 'Call the practice',
        agreedOn: '2026-01-12',
        reviewOn: '2026-03-12',
      },
    });
    expect(plan.statusCode, plan.body).toBe(200);
    for (const payload of [
      { measure: 'ons4', timepoint: 'baseline', answers: { lifeSatisfaction: 4, worthwhile: 5, happy: 6, anxious: 7 } },
      { measure: 'ucla3', timepoint: 'baseline', answers: { ucla1: 3, ucla2: 2, ucla3: 3 } },
    ]) {
      const res = await ctx.app.inject({
        method: 'POST',
        url: `/api/referrals/${id}/measures`,
        headers: worker.headers,
        payload,
      });
      expect(res.statusCode, res.body).toBe(201);
    }

    const pcn = await fhir().system(tenancy.pcnId, ['referral.read', 'careplan.read', 'outcome.read']);
    const plans = await search(`/fhir/R4/CarePlan?patient=Patient/${personId}`, pcn.token);
    expect(plans.total).toBe(1);
    const carePlan = plans.entry?.[0]?.resource as Record<string, unknown> & { id: string };
    expect(carePlan).toMatchObject({
      status: 'active',
      intent: 'plan',
      subject: { reference: `Patient/${personId}` },
      period: { start: '2026-01-12', end: '2026-03-12' },
      goal: [{ reference: '#goal-1' }],
      meta: { versionId: '1' },
    });
    expect((await read(`/fhir/R4/CarePlan/${carePlan.id}`, pcn.token)).res.headers.etag).toBe('W/"1"');

    const observations = await search(`/fhir/R4/Observation?patient=${personId}&_count=3`, pcn.token);
    expect(observations.total).toBe(5); // four ONS4 items, never summed, and the UCLA-3 total
    expect(observations.entry).toHaveLength(3);
    const next = await search(pathOf(link(observations, 'next') as string), pcn.token);
    expect(next.entry).toHaveLength(2);
    const all = [...(observations.entry ?? []), ...(next.entry ?? [])].map((e) => e.resource);
    expect(all.map((o) => (o.code as { coding: { code: string }[] }).coding[0]?.code).sort()).toEqual([
      'ons4-anxious',
      'ons4-happy',
      'ons4-lifeSatisfaction',
      'ons4-worthwhile',
      'ucla3-total',
    ]);
    expect(all.find((o) => o.id.endsWith('.total'))).toMatchObject({ valueInteger: 8, status: 'final' });
    const one = all[0] as { id: string };
    expect((await read(`/fhir/R4/Observation/${one.id}`, pcn.token)).resource.id).toBe(one.id);

    const answers = await search(`/fhir/R4/QuestionnaireResponse?patient=Patient/${personId}`, pcn.token);
    expect(answers.total).toBe(2);
    const ucla = answers.entry?.map((e) => e.resource).find((q) => String(q.questionnaire).endsWith('/ucla3'));
    expect(ucla?.item).toEqual([
      { linkId: 'ucla1', text: 'How often do you feel that you lack companionship?', answer: [{ valueInteger: 3 }] },
      { linkId: 'ucla2', text: 'How often do you feel left out?', answer: [{ valueInteger: 2 }] },
      { linkId: 'ucla3', text: 'How often do you feel isolated from others?', answer: [{ valueInteger: 3 }] },
    ]);
    await read(`/fhir/R4/QuestionnaireResponse/${ucla?.id}`, pcn.token);

    // The practice's system: a referrer's role has neither permission, whatever its scopes.
    const practice = await fhir().system(tenancy.practiceId, ['referral.read', 'careplan.read', 'outcome.read']);
    for (const url of [
      `/fhir/R4/CarePlan?patient=${personId}`,
      `/fhir/R4/CarePlan/${carePlan.id}`,
      `/fhir/R4/Observation?patient=${personId}`,
      `/fhir/R4/QuestionnaireResponse/${ucla?.id}`,
    ]) {
      expectOutcome(await get(url, practice.token), 403);
    }
    // Another PCN's system: nothing, and 404 as for no such plan.
    const otherPcn = await fhir().system(other.pcnId, ['careplan.read', 'outcome.read']);
    expect((await search(`/fhir/R4/CarePlan?patient=${personId}`, otherPcn.token)).total).toBe(0);
    expectOutcome(await get(`/fhir/R4/CarePlan/${carePlan.id}`, otherPcn.token), 404);
    expectOutcome(await get(`/fhir/R4/Observation/${one.id}`, otherPcn.token), 404);
    expect((await search(`/fhir/R4/Observation?patient=${personId}`, otherPcn.token)).total).toBe(0);
    expectOutcome(await get('/fhir/R4/Observation?code=x', pcn.token), 400);

    const audited = await ctx.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.actorUserId, pcn.clientId), eq(auditEvents.outcome, 'success')));
    const reads = audited.map((a) => a.action).filter((a) => a !== 'system-client.token');
    expect(new Set(reads)).toEqual(new Set(['careplan.read', 'outcome.read']));
  });
});

describe('the directory (public)', () => {
  it('serves HealthcareService, Organization and Location without a token, with paging', async () => {
    const org = await createTestOrganization(ctx.db, tenancy.icbId, { name: 'Fhir Walkers', charityNumber: '1100002' });
    const walk = await createTestListing(ctx.db, tenancy.icbId, { organization_id: org.id, name: 'Fhir Walk Group' });
    await createTestListing(ctx.db, tenancy.icbId, { organization_id: org.id, name: 'Fhir Knit Group' });
    await createTestListing(ctx.db, tenancy.icbId, { organization_id: org.id, name: 'Fhir Sing Group' });

    const { resource: service } = await read(`/fhir/R4/HealthcareService/${walk.id}`);
    expect(service).toMatchObject({
      resourceType: 'HealthcareService',
      name: 'Fhir Walk Group',
      active: true,
      providedBy: { reference: `Organization/${org.id}` },
      telecom: [{ system: 'phone', value: '0191 496 0001' }],
    });
    const locationRef = (service.location as { reference: string }[])[0]?.reference as string;
    const { resource: location } = await read(`/fhir/R4/${locationRef}`);
    expect(location).toMatchObject({ resourceType: 'Location', address: { postalCode: 'NE1 4XX' } });
    const { resource: organization } = await read(`/fhir/R4/Organization/${org.id}`);
    expect(organization).toMatchObject({ resourceType: 'Organization', name: 'Fhir Walkers' });
    expect(organization.identifier).toContainEqual({ type: { text: 'Charity number' }, value: '1100002' });

    const byOrg = await search(`/fhir/R4/HealthcareService?organization=Organization/${org.id}&_count=2`);
    expect(byOrg.total).toBe(3);
    expect(byOrg.entry).toHaveLength(2);
    const rest = await search(pathOf(link(byOrg, 'next') as string));
    expect(rest.entry).toHaveLength(1);
    expect(link(rest, 'next')).toBeUndefined();
    const byName = await search('/fhir/R4/HealthcareService?name=Sing');
    expect(byName.entry?.map((e) => e.resource.name)).toEqual(['Fhir Sing Group']);

    expectOutcome(await get(`/fhir/R4/HealthcareService/${randomUUID()}`), 404);
    expectOutcome(await get(`/fhir/R4/Location/${randomUUID()}`), 404);
    expectOutcome(await get('/fhir/R4/Organization/not-an-id'), 404);
    expect(expectOutcome(await get('/fhir/R4/HealthcareService?_count=2&_offset=1'), 400)[0]?.expression).toEqual([
      '_offset',
    ]);
    expect(expectOutcome(await get('/fhir/R4/HealthcareService?type=x'), 400)[0]?.expression).toEqual(['type']);
  });
});

describe('the CapabilityStatement', () => {
  it('lists every resource, interaction and search parameter served, and passes the schema', async () => {
    const res = await get('/fhir/R4/metadata');
    const cs = res.json();
    expect(fhirSchemaErrors(cs)).toEqual([]);
    const resources = cs.rest[0].resource as {
      type: string;
      interaction: { code: string }[];
      searchParam?: { name: string }[];
    }[];
    expect(
      Object.fromEntries(
        resources.map((r) => [
          r.type,
          [r.interaction.map((i) => i.code).join(','), (r.searchParam ?? []).map((p) => p.name).join(',')],
        ]),
      ),
    ).toEqual({
      ServiceRequest: ['read,search-type', 'identifier,patient,status,_lastUpdated'],
      Task: ['read,search-type', 'identifier,focus,patient,status,_lastUpdated'],
      Patient: ['read,search-type', 'identifier'],
      CarePlan: ['read,search-type', 'patient'],
      Observation: ['read,search-type', 'patient'],
      QuestionnaireResponse: ['read,search-type', 'patient'],
      HealthcareService: ['read,search-type', 'name,organization'],
      Organization: ['read', ''],
      Location: ['read', ''],
      // The message back (issue 17 point 4), read and searched by gpmessage.read systems.
      Bundle: ['read,search-type', 'type,_lastUpdated,_count'],
    });
    // Each listed search is served (not 404), and a type not listed is not.
    await systems();
    for (const r of resources) {
      if (!r.searchParam) continue;
      const res = await get(`/fhir/R4/${r.type}?_count=1`, home.token);
      expect([200, 400, 403], r.type).toContain(res.statusCode);
    }
    expectOutcome(await get('/fhir/R4/Practitioner?_count=1', home.token), 404);
    // Addresses the router cannot match are OperationOutcomes under /fhir too.
    expectOutcome(await get(`/fhir/R4/Task/${'x'.repeat(500)}`, home.token), 404);
    expectOutcome(await get('/fhir/R4/Task/%E0%A4%A', home.token), 400);
  });
});
