import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { and, eq } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReferralPersonDetails } from '../../../common/referrals.js';
import { auditEvents } from '../../platform/audit/audit.tables.js';
import { type Jobs, startJobs } from '../../platform/jobs.js';
import { createRealtimeHub, type RealtimeHub } from '../../platform/realtime-hub.js';
import { requestsAs } from '../../test/requests.js';
import { setUpTestApp } from '../../test/team.js';
import { waitUntil } from '../../test/toolkit.js';
import { gpMessages } from '../cases/cases.tables.js';
import { createTestListing } from '../directory/listings/test-listings.js';
import { createTestOnwardReferral } from '../onward-referrals/test-chase.js';
import { testNhsNumber } from '../referrals/referral-fixtures.js';
import { referrals } from '../referrals/referrals.tables.js';
import { gpMessageDeliveries, systemClients } from '../system-clients/system-clients.tables.js';
import { createAllocatedReferral, createTestReferral } from '../triage/test-referrals.js';
import { type MessageBackDelivery, startMessageBackDelivery } from './message-back-delivery-job.js';
import { fhirSchemaErrors } from './testing/fhir-schema.js';
import { practiceCode, registerSystem } from './testing/test-system-clients.js';
import { deliverMessagesBack } from './use-cases/deliver-messages-back.js';
import { verifySignature } from './webhook-signature.js';

// Issue 17 points 4 and 5 over HTTP: the message back as a FHIR message (what it carries follows
// the consent to share), fetched by the practice's system only, pushed to a signed webhook through
// the outbox and pg-boss, retried until delivered; and the PRSB minimum dataset carried.

const { ctx, tenancy, other, admin, tom, referrer, lead } = setUpTestApp({
  config: { WEBHOOK_ALLOW_LOOPBACK: 'true' },
  tenancies: { other: 'same-icb' },
  team: { admin: 'admin', tom: 'link_worker', referrer: 'referrer', lead: 'team_lead' },
});
const { get, post } = requestsAs(ctx);
const silent = pino({ level: 'silent' });

// biome-ignore lint/suspicious/noExplicitAny: resources are read back as untyped FHIR JSON
type Json = any;
type Resource = { resourceType: string; [k: string]: unknown };
type Bundle = { resourceType: 'Bundle'; id: string; type: string; entry: { fullUrl: string; resource: Resource }[] };
const resources = (b: Bundle, type: string) => b.entry.map((e) => e.resource).filter((r) => r.resourceType === type);
const one = (b: Bundle, type: string) => resources(b, type)[0] as Json;

const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000).toISOString();

const fhirGet = (token: string, url: string) =>
  ctx.app.inject({
    method: 'GET',
    url,
    headers: { authorization: `Bearer ${token}`, accept: 'application/fhir+json' },
  });

/** A case of the home practice, allocated to Tom, with two attended contacts; the version to discharge it. */
async function caseUnderWay(extra: Parameters<typeof createAllocatedReferral>[3] = {}) {
  const r = await createAllocatedReferral(ctx.db, tenancy, tom, extra);
  for (const [h, mode] of [
    [30, 'phone'],
    [20, 'face_to_face'],
  ] as const) {
    const res = await post(tom, `/api/referrals/${r.id}/contacts`, {
      at: hoursAgo(h),
      mode,
      durationMinutes: 30,
      outcome: 'attended',
      notes: 'Case note the GP must never see.',
    });
    expect(res.statusCode, res.body).toBe(201);
  }
  const [row] = await ctx.db.select().from(referrals).where(eq(referrals.id, r.id));
  return { ...r, version: row?.version as number };
}

async function discharge(r: { id: string; version: number }, summary = 'Joined the walking group; feels less alone.') {
  const res = await post(tom, `/api/referrals/${r.id}/discharge`, { version: r.version, reason: 'goals_met', summary });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { id: string; summary: string };
}

/** The person as a practice's referral describes them, with every demographic the dataset asks for. */
function personDetails(): ReferralPersonDetails {
  return {
    nhsNumber: testNhsNumber(),
    givenName: 'Prudence',
    familyName: 'Minimum',
    dateOfBirth: '1950-05-05',
    postcode: 'LS1 4AP',
    phone: null,
    email: null,
    preferredContact: 'phone',
    language: 'English',
    interpreterNeeded: false,
    accessibilityNeeds: null,
    registeredPracticeId: null,
    sex: 'female',
    genderIdentity: 'woman',
    ethnicity: 'A',
  };
}

function expectValid(resource: unknown) {
  expect(fhirSchemaErrors(resource)).toEqual([]);
}

describe('the message back as a FHIR message', () => {
  let system: Awaited<ReturnType<typeof registerSystem>>;
  let ods: string;
  beforeAll(async () => {
    system = await registerSystem(ctx, admin, tenancy.practiceId);
    ods = await practiceCode(ctx, tenancy.practiceId);
  });

  it('with consent to share: the summary, support and outcomes, coded events, the Patient by NHS number', {
    timeout: 90_000,
  }, async () => {
    const r = await caseUnderWay({ personDetails: personDetails() });
    const measure = (timepoint: string, a: number) =>
      post(tom, `/api/referrals/${r.id}/measures`, {
        measure: 'ucla3',
        timepoint,
        answers: { ucla1: a, ucla2: a, ucla3: a },
      });
    expect((await measure('baseline', 3)).statusCode).toBe(201);
    expect((await measure('discharge', 1)).statusCode).toBe(201);
    const message = await discharge(r);

    const res = await fhirGet(system.token, `/fhir/R4/Bundle/${message.id}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('application/fhir+json');
    expect(res.headers.etag).toBe('W/"1"');
    const bundle = res.json() as Bundle;
    expectValid(bundle);
    expect(bundle).toMatchObject({ resourceType: 'Bundle', id: message.id, type: 'message' });
    expect(bundle.entry[0]?.resource.resourceType).toBe('MessageHeader');
    const header = one(bundle, 'MessageHeader');
    expect(header.eventCoding).toMatchObject({
      system: 'https://waymark.example/CodeSystem/message-events',
      code: 'social-prescribing-discharge',
    });
    expect(header.source).toMatchObject({ name: 'Waymark' });
    expect(header.destination[0].endpoint).toBe(`urn:ods:${ods}`);
    const practice = resources(bundle, 'Organization').find(
      (o) => o.id === header.destination[0].receiver.reference.slice(9),
    );
    expect(practice?.identifier).toEqual([{ system: 'https://fhir.nhs.uk/Id/ods-organization-code', value: ods }]);
    expect(header.focus[0].reference).toBe(`urn:uuid:${one(bundle, 'Composition').id}`);

    const patient = one(bundle, 'Patient');
    expect(patient.identifier[0].system).toBe('https://fhir.nhs.uk/Id/nhs-number');
    const composition = one(bundle, 'Composition');
    expect(composition.section.map((s: { title: string }) => s.title)).toEqual([
      'Summary',
      'Support offered',
      'Outcomes',
      'Coded events for the patient record',
    ]);
    expect(composition.section[0].text.div).toContain('walking group');
    expect(composition.section[1].text.div).toContain('2 attended contacts of 2 arranged');
    const procedure = one(bundle, 'Procedure');
    expect(procedure.code.coding).toEqual([
      expect.objectContaining({ system: 'http://snomed.info/sct', code: '871731000000106' }),
    ]);
    const outcome = resources(bundle, 'Observation').find((o) => (o.category as unknown[] | undefined) !== undefined) as
      | Json
      | undefined;
    expect(outcome?.valueQuantity.value).toBe(3);
    expect(outcome?.component[0].valueQuantity.value).toBe(9);
    // Case notes are the team's, never the GP's.
    expect(res.body).not.toContain('Case note the GP must never see');
    // Reading it is audited with the client's id.
    const audit = await ctx.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'gpmessage.read'), eq(auditEvents.actorUserId, system.clientId)));
    expect(audit.some((a) => a.entityId === r.id && a.actorRole === 'system_client')).toBe(true);
  });

  it('without consent to share: only the SNOMED-coded events and who they are about', async () => {
    const r = await caseUnderWay({ consentToShare: false, personDetails: personDetails() });
    const message = await discharge(r, 'A private summary for the team only.');
    const res = await fhirGet(system.token, `/fhir/R4/Bundle/${message.id}`);
    expect(res.statusCode).toBe(200);
    const bundle = res.json() as Bundle;
    expectValid(bundle);
    expect(res.body).not.toContain('A private summary');
    expect(res.body).not.toContain('attended contact');
    const composition = one(bundle, 'Composition');
    expect(composition.section.map((s: { title: string }) => s.title)).toEqual(['Coded events for the patient record']);
    expect(composition.confidentiality).toBe('R');
    expect(one(bundle, 'Procedure').code.coding[0].code).toBe('871731000000106');
    expect(one(bundle, 'ServiceRequest').reasonCode).toBeUndefined();
    const patient = one(bundle, 'Patient');
    expect(patient.gender).toBeUndefined();
    expect(patient.address).toBeUndefined();
    expect(patient.extension).toBeUndefined();
    expect(patient.name[0].family).toBe('Minimum');
    expect(patient.identifier[0].system).toBe('https://fhir.nhs.uk/Id/nhs-number');
  });

  it("another practice's system gets 404, as for an id that does not exist; no gpmessage.read scope → 403", async () => {
    const r = await caseUnderWay();
    const message = await discharge(r);
    const stranger = await registerSystem(ctx, admin, other.practiceId);
    for (const id of [message.id, randomUUID(), 'not-an-id']) {
      const res = await fhirGet(stranger.token, `/fhir/R4/Bundle/${id}`);
      expect(res.statusCode).toBe(404);
      expect(res.json()).toMatchObject({ resourceType: 'OperationOutcome', issue: [{ code: 'not-found' }] });
    }
    const search = await fhirGet(stranger.token, '/fhir/R4/Bundle?type=message');
    expect(search.json().entry).toEqual([]);
    const denied = await ctx.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.actorUserId, stranger.clientId), eq(auditEvents.outcome, 'denied')));
    expect(denied.length).toBeGreaterThanOrEqual(1);

    const noScope = await registerSystem(ctx, admin, tenancy.practiceId, ['referral.create']);
    const refused = await fhirGet(noScope.token, `/fhir/R4/Bundle/${message.id}`);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().resourceType).toBe('OperationOutcome');
  });

  it('lists the messages as a searchset by _lastUpdated, paged with _count and next links', async () => {
    const since = new Date().toISOString();
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await discharge(await caseUnderWay())).id);
    const first = await fhirGet(system.token, `/fhir/R4/Bundle?type=message&_lastUpdated=gt${since}&_count=2`);
    expect(first.statusCode, first.body).toBe(200);
    const page1 = first.json();
    expectValid(page1);
    expect(page1).toMatchObject({ resourceType: 'Bundle', type: 'searchset' });
    expect(page1.entry.map((e: { resource: { id: string } }) => e.resource.id)).toEqual(ids.slice(0, 2));
    const next = page1.link.find((l: { relation: string }) => l.relation === 'next').url as string;
    const page2 = (await fhirGet(system.token, next.slice(next.indexOf('/fhir/R4')))).json();
    expect(page2.entry.map((e: { resource: { id: string } }) => e.resource.id)).toEqual(ids.slice(2));
    expect(page2.link.some((l: { relation: string }) => l.relation === 'next')).toBe(false);
    // A reader that keeps the last meta.lastUpdated it saw gets only what is newer.
    const last = page2.entry[0].resource.meta.lastUpdated;
    const after = (await fhirGet(system.token, `/fhir/R4/Bundle?_lastUpdated=gt${last}`)).json();
    expect(after.entry).toEqual([]);
  });

  it.each([
    ['type=document', 'type'],
    ['_lastUpdated=yesterday', '_lastUpdated'],
    ['_count=0', '_count'],
    ['_count=500', '_count'],
    ['patient=123', 'patient'],
  ])('a bad search (%s) → 400 OperationOutcome naming %s', async (query, element) => {
    const res = await fhirGet(system.token, `/fhir/R4/Bundle?${query}`);
    expect(res.statusCode).toBe(400);
    expect(res.json().issue.map((i: { expression?: string[] }) => i.expression?.[0])).toContain(element);
  });

  it('a person who declines at first contact, or cannot be contacted: a message back too, coded as such', async () => {
    for (const outcome of ['declined', 'not_contactable'] as const) {
      const r = await createAllocatedReferral(ctx.db, tenancy, tom);
      const res = await post(tom, `/api/referrals/${r.id}/first-contact`, {
        version: r.version,
        outcome,
        ...(outcome === 'declined' ? { mode: 'phone', durationMinutes: 10 } : {}),
        note: 'First-contact note for the team.',
      });
      expect(res.statusCode, res.body).toBe(200);
      const web = await get(referrer, `/api/referrals/${r.id}/gp-message`);
      expect(web.statusCode, web.body).toBe(200);
      expect(web.json().dischargeReason).toBe(outcome === 'declined' ? 'person_declined' : 'not_contactable');
      const fhir = await fhirGet(system.token, `/fhir/R4/Bundle/${web.json().id}`);
      const bundle = fhir.json() as Bundle;
      expectValid(bundle);
      expect(fhir.body).not.toContain('First-contact note');
      expect(one(bundle, 'MessageHeader').eventCoding.code).toBe(
        outcome === 'declined' ? 'social-prescribing-declined' : 'social-prescribing-not-contactable',
      );
      const codes = resources(bundle, 'Observation').map((o) => (o.code as Json).coding[0].code);
      expect(codes).toEqual(outcome === 'declined' ? ['871711000000103'] : []);
      expect(one(bundle, 'ServiceRequest').status).toBe('revoked');
    }
  });
  it('a person who declines before allocation (declined at triage): a message back, coded; other triage reasons send none', async () => {
    const declined = await createTestReferral(ctx.db, tenancy);
    const res = await post(lead, `/api/referrals/${declined.id}/decline`, {
      version: declined.version,
      reason: 'person_declined',
      note: 'Rang the surgery to say no: triage note for the team.',
    });
    expect(res.statusCode, res.body).toBe(200);
    const web = await get(referrer, `/api/referrals/${declined.id}/gp-message`);
    expect(web.statusCode, web.body).toBe(200);
    expect(web.json().dischargeReason).toBe('person_declined');
    const fhir = await fhirGet(system.token, `/fhir/R4/Bundle/${web.json().id}`);
    const bundle = fhir.json() as Bundle;
    expectValid(bundle);
    expect(fhir.body).not.toContain('triage note for the team');
    expect(one(bundle, 'MessageHeader').eventCoding.code).toBe('social-prescribing-declined');
    expect(resources(bundle, 'Observation').map((o) => (o.code as Json).coding[0].code)).toEqual(['871711000000103']);

    // Declined by the team for another reason: not the person's answer, so no message back.
    const teamDeclined = await createTestReferral(ctx.db, tenancy);
    const closed = await post(lead, `/api/referrals/${teamDeclined.id}/decline`, {
      version: teamDeclined.version,
      reason: 'clinical_need',
    });
    expect(closed.statusCode, closed.body).toBe(200);
    expect((await get(referrer, `/api/referrals/${teamDeclined.id}/gp-message`)).statusCode).toBe(404);
  });
});

/** A local webhook receiver that answers 500 `failures` times, then 200. */
class Receiver {
  readonly received: { headers: IncomingMessage['headers']; body: string }[] = [];
  failures = 0;
  private server: Server | null = null;
  url = '';
  async start() {
    this.server = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => {
        body += c;
      });
      req.on('end', () => {
        if (this.failures > 0) {
          this.failures--;
          res.writeHead(500).end('down for maintenance');
          return;
        }
        this.received.push({ headers: req.headers, body });
        res.writeHead(204).end();
      });
    });
    const server = this.server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/waymark`;
  }
  async stop() {
    await new Promise((resolve) => this.server?.close(resolve));
  }
}

describe('the webhook (signed, through the outbox and pg-boss)', () => {
  const receiver = new Receiver();
  let jobs: Jobs;
  let hub: RealtimeHub;
  let delivery: MessageBackDelivery;
  beforeAll(async () => {
    await receiver.start();
    hub = createRealtimeHub({ url: ctx.database.url, log: silent, minRetryMs: 50 });
    await hub.start();
    await hub.whenListening();
    jobs = await startJobs({ url: ctx.database.url, log: silent, poolSize: 2, stopTimeoutMs: 5_000 });
    delivery = await startMessageBackDelivery({
      boss: jobs.boss,
      db: ctx.db,
      config: ctx.config,
      log: silent,
      hub,
      retryBaseMs: 300,
      pollingIntervalSeconds: 0.5,
    });
  }, 60_000);
  afterAll(async () => {
    await delivery?.stop();
    await jobs?.stop();
    await hub?.stop();
    await receiver.stop();
  }, 30_000);

  const setWebhook = (clientId: string, url: string) =>
    ctx.app.inject({
      method: 'PUT',
      url: `/api/admin/system-clients/${clientId}/webhook`,
      headers: admin.headers,
      payload: { url },
    });

  it('refuses a bad endpoint naming the field, and stores nothing', async () => {
    const system = await registerSystem(ctx, admin, tenancy.practiceId);
    for (const [url, reason] of [
      ['ftp://gp.example/hook', /https/],
      ['https://10.0.0.8/hook', /private/],
      ['https://169.254.169.254/latest', /link-local/],
      ['https://user:secret@gp.example/hook', /user name/],
      ['', /required/],
    ] as const) {
      const res = await setWebhook(system.clientId, url);
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().errors).toEqual([{ field: 'url', message: expect.stringMatching(reason) }]);
    }
    const noScope = await registerSystem(ctx, admin, tenancy.practiceId, ['referral.create']);
    const res = await setWebhook(noScope.clientId, receiver.url);
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].message).toMatch(/gpmessage.read/);
    const rows = await ctx.db.select().from(systemClients).where(eq(systemClients.id, system.clientId));
    expect(rows[0]?.webhookUrl).toBeNull();
    expect((await setWebhook(randomUUID(), receiver.url)).statusCode).toBe(404);
  });

  it('pushes the message back, signed, retried with backoff until delivered exactly once; the admin sees it', async () => {
    const system = await registerSystem(ctx, admin, tenancy.practiceId);
    const set = await setWebhook(system.clientId, receiver.url);
    expect(set.statusCode, set.body).toBe(200);
    const secret = set.json().webhookSecret as string;
    expect(secret).toMatch(/^whsec_/);
    expect(set.headers['cache-control']).toBe('no-store');
    const list = await ctx.app.inject({ method: 'GET', url: '/api/admin/system-clients', headers: admin.headers });
    expect(list.body).not.toContain(secret);
    expect(list.json().clients.find((c: { id: string }) => c.id === system.clientId).webhookUrl).toBe(receiver.url);

    receiver.failures = 2;
    const message = await discharge(await caseUnderWay());
    // The outbox row was written with the discharge.
    const rows = await ctx.db.select().from(gpMessageDeliveries).where(eq(gpMessageDeliveries.gpMessageId, message.id));
    expect(rows.map((r) => r.clientId)).toContain(system.clientId);

    await waitUntil(
      () => receiver.received.some((r) => r.headers['waymark-delivery'] !== undefined && r.body.includes(message.id)),
      {
        timeoutMs: 20_000,
        what: 'the delivery after the endpoint recovers',
      },
    );
    const got = receiver.received.filter((r) => r.body.includes(message.id));
    expect(got).toHaveLength(1);
    const [delivered] = got;
    expect(delivered?.headers['content-type']).toBe('application/fhir+json');
    const signature = delivered?.headers['waymark-signature'] as string;
    expect(verifySignature(secret, delivered?.body as string, signature)).toBe(true);
    // Tampered, another secret, or replayed later than five minutes: refused.
    expect(verifySignature(secret, `${delivered?.body} `, signature)).toBe(false);
    expect(verifySignature('whsec_other', delivered?.body as string, signature)).toBe(false);
    expect(verifySignature(secret, delivered?.body as string, signature, new Date(Date.now() + 10 * 60_000))).toBe(
      false,
    );
    const bundle = JSON.parse(delivered?.body as string);
    expectValid(bundle);
    expect(bundle.id).toBe(message.id);

    const deliveries = await ctx.app.inject({
      method: 'GET',
      url: `/api/admin/system-clients/${system.clientId}/deliveries`,
      headers: admin.headers,
    });
    expect(deliveries.statusCode).toBe(200);
    expect(deliveries.json().deliveries[0]).toMatchObject({
      gpMessageId: message.id,
      status: 'delivered',
      attempts: 3,
      lastError: null,
    });
    // Another run sends nothing again.
    await deliverMessagesBack(ctx.db, {
      baseUrl: 'http://x/fhir/R4',
      policy: { allowLoopback: true, allowPrivateNetworks: false },
      log: silent,
    });
    expect(receiver.received.filter((r) => r.body.includes(message.id))).toHaveLength(1);
  }, 40_000);

  it('a failing endpoint keeps the delivery pending with its attempts and last error', async () => {
    const system = await registerSystem(ctx, admin, tenancy.practiceId);
    expect((await setWebhook(system.clientId, 'http://127.0.0.1:9/closed')).statusCode).toBe(200);
    const message = await discharge(await caseUnderWay());
    await waitUntil(
      async () => {
        const [row] = await ctx.db
          .select()
          .from(gpMessageDeliveries)
          .where(
            and(eq(gpMessageDeliveries.gpMessageId, message.id), eq(gpMessageDeliveries.clientId, system.clientId)),
          );
        return (row?.attempts ?? 0) >= 1 ? row : null;
      },
      { timeoutMs: 15_000, what: 'a failed attempt' },
    );
    const res = await ctx.app.inject({
      method: 'GET',
      url: `/api/admin/system-clients/${system.clientId}/deliveries`,
      headers: admin.headers,
    });
    expect(res.json().deliveries[0]).toMatchObject({
      status: 'pending',
      lastError: expect.stringMatching(/ECONNREFUSED/),
    });
    // Removing the webhook stops the pushes; the message can still be fetched.
    const removed = await ctx.app.inject({
      method: 'DELETE',
      url: `/api/admin/system-clients/${system.clientId}/webhook`,
      headers: admin.headers,
    });
    expect(removed.json().webhookUrl).toBeNull();
  }, 30_000);
});

describe('PRSB social prescribing minimum dataset (issue 17 point 5)', () => {
  it('every field of the four parts is captured and carried in the FHIR message back', async () => {
    const system = await registerSystem(ctx, admin, tenancy.practiceId);
    const person = personDetails();
    const r = await caseUnderWay({ personDetails: person, reasons: ['loneliness', 'debt'] });
    const listing = await createTestListing(ctx.db, tenancy.icbId);
    await createTestOnwardReferral(
      ctx.db,
      tenancy,
      { referralId: r.id, personId: r.personId, workerId: tom.id },
      { id: listing.id, organizationId: listing.organization_id },
    );
    for (const [timepoint, a] of [
      ['baseline', 3],
      ['discharge', 1],
    ] as const) {
      const res = await post(tom, `/api/referrals/${r.id}/measures`, {
        measure: 'ucla3',
        timepoint,
        answers: { ucla1: a, ucla2: a, ucla3: a },
      });
      expect(res.statusCode).toBe(201);
    }
    const [row] = await ctx.db.select().from(referrals).where(eq(referrals.id, r.id));
    const message = await discharge({ id: r.id, version: row?.version as number });
    const bundle = (await fhirGet(system.token, `/fhir/R4/Bundle/${message.id}`)).json() as Bundle;
    expectValid(bundle);
    const patient = one(bundle, 'Patient');
    const serviceRequest = one(bundle, 'ServiceRequest');
    const composition = one(bundle, 'Composition');
    const procedures = resources(bundle, 'Procedure') as Json[];
    const observations = resources(bundle, 'Observation') as Json[];

    const dataset: Record<string, Record<string, unknown>> = {
      '1 person demographics': {
        'NHS number': patient.identifier?.[0]?.value === person.nhsNumber,
        name: patient.name?.[0]?.family === 'Minimum' && patient.name?.[0]?.given?.[0] === 'Prudence',
        'date of birth': patient.birthDate === '1950-05-05',
        address: patient.address?.[0]?.postalCode === 'LS1 4AP',
        gender: patient.gender === 'female',
        ethnicity: patient.extension?.[0]?.valueCodeableConcept?.coding?.[0]?.code === 'A',
      },
      '2 needs and concerns': {
        'reasons for referral':
          serviceRequest.reasonCode?.map((c: { text: string }) => c.text).join() === 'loneliness,debt',
      },
      '3 support offered': {
        'referral to social prescribing (SNOMED)': procedures.some(
          (p) => p.code.coding?.[0]?.code === '871731000000106' && p.code.coding[0].system === 'http://snomed.info/sct',
        ),
        'contacts given': String(composition.section[1].text.div).includes('2 attended contacts'),
        'activities referred to': procedures.some((p) => String(p.code.text).includes(listing.name)),
      },
      '4 outcomes': {
        'discharge reason and summary': String(composition.section[0].text.div).includes('Goals met'),
        'outcome measures': observations.some(
          (o) => o.valueQuantity?.value === 3 && o.component?.[0]?.valueQuantity?.value === 9,
        ),
      },
    };
    const missing = Object.entries(dataset).flatMap(([part, fields]) =>
      Object.entries(fields).flatMap(([field, carried]) => (carried === true ? [] : [`${part}: ${field}`])),
    );
    expect(missing).toEqual([]);
    expect(await ctx.db.$count(gpMessages)).toBeGreaterThan(0);
  });
});
