import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditEvents } from '../../platform/audit/audit.tables.js';
import { requestsAs } from '../../test/requests.js';
import { setUpTestApp } from '../../test/team.js';
import { createTestTenancy } from '../../test/toolkit.js';
import { notifications, outbox } from '../notifications/notifications.tables.js';
import { createAllocatedReferral } from '../triage/test-referrals.js';
import {
  linkListing,
  linksOf,
  markMerged,
  onwardEventsOf,
  onwardRowsOfCase,
  partnerListing,
  setReferralSettings,
} from './test-onward.js';

const { ctx, tenancy, tom, amy, lead, partner, referrer, commissioner, stranger } = setUpTestApp({
  tenancies: { other: 'same-icb' },
  team: {
    tom: { role: 'link_worker', name: 'Tom Okafor' },
    amy: { role: 'link_worker', name: 'Amy Colleague' },
    lead: 'team_lead',
    partner: 'vcs_partner',
    referrer: 'referrer',
    commissioner: 'commissioner',
    stranger: { role: 'link_worker', at: 'other' },
  },
});

const { get, post } = requestsAs(ctx);
const url = (id: string) => `/api/referrals/${id}/onward-referrals`;

const refer = (serviceId: string, extra: object = {}) => ({
  serviceId,
  kind: 'referral',
  consent: true,
  share: ['name', 'contact', 'reason'],
  reason: 'Lonely since moving; would like to walk with others.',
  note: 'Prefers mornings.',
  ...extra,
});

const tomsCase = (extra: Parameters<typeof createAllocatedReferral>[3] = {}) =>
  createAllocatedReferral(ctx.db, tenancy, tom, extra);

describe('signposting from a case', () => {
  it('records a signpost that shares nothing, with its event, audit row and a timeline step', async () => {
    const r = await tomsCase();
    const listing = await linkListing(ctx.db, tenancy);
    const res = await post(tom, url(r.id), { serviceId: listing.id, kind: 'signpost', note: 'Gave the leaflet.' });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      kind: 'signpost',
      status: 'signposted',
      statusLabel: 'Signposted',
      delivery: null,
      consent: null,
      sharedDetails: null,
      service: { id: listing.id, name: listing.name },
      createdBy: { name: 'Tom Okafor' },
    });
    const [row] = await onwardRowsOfCase(ctx.db, r.id);
    expect(row).toMatchObject({ status: 'signposted', pcnId: tenancy.pcnId, vcsOrganisationId: null });
    expect((await onwardEventsOf(ctx.db, row?.id as string)).map((e) => e.type)).toEqual(['signposted']);
    expect(await linksOf(ctx.db, row?.id as string)).toEqual([]);
    const audit = await ctx.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.entityId, row?.id as string));
    expect(audit.map((a) => a.action)).toEqual(['onward.signpost']);

    const list = await get(tom, url(r.id));
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((i: { id: string }) => i.id)).toEqual([row?.id]);
  });
});

describe('referring with consent', () => {
  it('sends to the partner inbox: consent with who and when, only the chosen details, a notice without personal data', async () => {
    const r = await tomsCase();
    const listing = await partnerListing(ctx.db, tenancy);
    const res = await post(tom, url(r.id), refer(listing.id));
    expect(res.statusCode).toBe(201);
    const view = res.json();
    expect(view).toMatchObject({
      kind: 'referral',
      status: 'sent',
      delivery: 'inbox',
      consent: { recordedBy: { name: 'Tom Okafor' } },
      sharedFields: ['name', 'contact', 'reason'],
      note: 'Prefers mornings.',
    });
    expect(view.replyDueOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    // Only the chosen fields: no language, access needs, and never an NHS number.
    expect(Object.keys(view.sharedDetails).sort()).toEqual(['email', 'name', 'phone', 'preferredContact', 'reason']);
    const [row] = await onwardRowsOfCase(ctx.db, r.id);
    expect(row).toMatchObject({ vcsOrganisationId: tenancy.vcsOrganisationId, consentRecordedByUserId: tom.id });
    expect(JSON.stringify(row?.sharedDetails)).not.toMatch(/nhs/i);

    const toPartner = await ctx.db.select().from(notifications).where(eq(notifications.userId, partner.id));
    expect(toPartner.map((n) => n.link)).toContain(`/partner/referrals/${row?.id}`);
    const mails = (await ctx.db.select().from(outbox)).filter((m) => m.payload.to === partner.email);
    expect(mails).toHaveLength(1);
    expect(mails[0]?.payload.text).toContain(`/partner/referrals/${row?.id}`);
    expect(mails[0]?.payload.text).not.toContain(view.sharedDetails.name);
    expect(mails[0]?.payload.text).not.toContain('Lonely');
    const audit = await ctx.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.entityId, row?.id as string));
    expect(audit.map((a) => a.action)).toEqual(['onward.refer']);
  });

  it('sends a secure link to an organisation without accounts', async () => {
    const r = await tomsCase();
    const listing = await linkListing(ctx.db, tenancy);
    const res = await post(tom, url(r.id), refer(listing.id, { share: ['name'] }));
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      delivery: 'link',
      link: { email: 'referrals@group.test.example', state: 'active' },
    });
    const [row] = await onwardRowsOfCase(ctx.db, r.id);
    expect(row?.vcsOrganisationId).toBeNull();
    expect((await linksOf(ctx.db, row?.id as string)).length).toBe(1);
    expect((await onwardEventsOf(ctx.db, row?.id as string)).map((e) => e.type)).toEqual(['sent', 'link_sent']);
  });

  it('lets the team lead refer from any case of the PCN, and tells the allocated worker', async () => {
    const r = await tomsCase();
    const listing = await partnerListing(ctx.db, tenancy);
    expect((await post(lead, url(r.id), refer(listing.id))).statusCode).toBe(201);
    const toTom = await ctx.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, tom.id), eq(notifications.link, `/referrals/${r.id}/case`)));
    expect(toTom.map((n) => n.title)).toEqual([`Referred to ${listing.name}`]);
  });
});

describe('refusals name the field and change nothing', () => {
  const cases: [string, () => Promise<{ serviceId: string; body?: object }>, string, RegExp][] = [
    [
      'no consent',
      async () => ({ serviceId: (await partnerListing(ctx.db, tenancy)).id, body: { consent: false } }),
      'consent',
      /must be true/,
    ],
    [
      'consent left out',
      async () => ({ serviceId: (await partnerListing(ctx.db, tenancy)).id, body: { consent: undefined } }),
      'consent',
      /must be true/,
    ],
    [
      'a signpost that shares',
      async () => ({
        serviceId: (await partnerListing(ctx.db, tenancy)).id,
        body: { kind: 'signpost', consent: undefined },
      }),
      'share',
      /must be empty/,
    ],
    [
      'when to contact, without text',
      async () => ({ serviceId: (await partnerListing(ctx.db, tenancy)).id, body: { share: ['contact_times'] } }),
      'contactTimes',
      /when to contact/,
    ],
    [
      'the reason, without text',
      async () => ({ serviceId: (await partnerListing(ctx.db, tenancy)).id, body: { reason: '  ' } }),
      'reason',
      /what matters/,
    ],
    [
      'a defunct service',
      async () => ({ serviceId: (await partnerListing(ctx.db, tenancy, { status: 'defunct' })).id }),
      'serviceId',
      /closed for good/,
    ],
    [
      'a merged listing',
      async () => {
        const keep = await partnerListing(ctx.db, tenancy, { name: 'Kept Walking Group' });
        const gone = await partnerListing(ctx.db, tenancy);
        await markMerged(ctx.db, gone.id, keep.id);
        return { serviceId: gone.id };
      },
      'serviceId',
      /was merged into Kept Walking Group: choose that listing/,
    ],
    [
      'a service that takes no referrals',
      async () => {
        const l = await partnerListing(ctx.db, tenancy);
        await setReferralSettings(ctx.db, l.id, { takesReferrals: false });
        return { serviceId: l.id };
      },
      'serviceId',
      /signpost/,
    ],
    [
      'no email to send a link to',
      async () => ({ serviceId: (await linkListing(ctx.db, tenancy, { email: null })).id }),
      'serviceId',
      /has no email or mobile for referrals/,
    ],
    [
      'a listing of another ICB',
      async () => ({ serviceId: (await partnerListing(ctx.db, await createTestTenancy(ctx.db))).id }),
      'serviceId',
      /not a service in your directory/,
    ],
  ];
  for (const [name, setUp, field, message] of cases) {
    it(`refuses ${name} (400 on ${field})`, async () => {
      const r = await tomsCase();
      const { serviceId, body } = await setUp();
      const res = await post(tom, url(r.id), refer(serviceId, body));
      expect(res.statusCode).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json().errors).toEqual(expect.arrayContaining([{ field, message: expect.stringMatching(message) }]));
      expect(await onwardRowsOfCase(ctx.db, r.id)).toEqual([]);
      expect(
        (await ctx.db.select().from(outbox)).filter(
          (m) => m.payload.to === partner.email && m.payload.text.includes(r.id),
        ),
      ).toEqual([]);
    });
  }
});

describe('a service that is full or not active asks for confirmation', () => {
  for (const [what, overrides] of [
    ['full', { referral_capacity: 'full' }],
    ['temporarily closed', { status: 'temporarily closed' }],
    ['inactive', { status: 'inactive' }],
  ] as const) {
    it(`answers 409 confirm_capacity for a ${what} service, then sends once confirmed`, async () => {
      const r = await tomsCase();
      const listing = await partnerListing(ctx.db, tenancy, overrides);
      const first = await post(tom, url(r.id), refer(listing.id));
      expect(first.statusCode).toBe(409);
      expect(first.json()).toMatchObject({ code: 'confirm_capacity', errors: [{ field: 'confirmCapacity' }] });
      expect(first.json().detail).toContain(what);
      expect(await onwardRowsOfCase(ctx.db, r.id)).toEqual([]);
      const confirmed = await post(tom, url(r.id), refer(listing.id, { confirmCapacity: true }));
      expect(confirmed.statusCode).toBe(201);
      const [row] = await onwardRowsOfCase(ctx.db, r.id);
      expect(row).toMatchObject({
        capacityAtSend: overrides.referral_capacity ?? 'open',
        serviceStatusAtSend: overrides.status ?? 'active',
      });
    });
  }
});

describe('who may refer and read', () => {
  it('a worker of another PCN gets 404 on both; nothing is written', async () => {
    const r = await tomsCase();
    const listing = await partnerListing(ctx.db, tenancy);
    expect((await get(stranger, url(r.id))).statusCode).toBe(404);
    expect((await post(stranger, url(r.id), refer(listing.id))).statusCode).toBe(404);
    expect((await get(stranger, `${url(r.id)}/services`)).statusCode).toBe(404);
    expect(await onwardRowsOfCase(ctx.db, r.id)).toEqual([]);
  });

  it('a colleague not allocated may read (200) but not refer (403)', async () => {
    const r = await tomsCase();
    const listing = await partnerListing(ctx.db, tenancy);
    expect((await get(amy, url(r.id))).statusCode).toBe(200);
    const res = await post(amy, url(r.id), refer(listing.id));
    expect(res.statusCode).toBe(403);
    expect(await onwardRowsOfCase(ctx.db, r.id)).toEqual([]);
  });

  it('partner, referrer and commissioner are refused (403 without the permission, 404 out of scope)', async () => {
    const r = await tomsCase();
    const listing = await partnerListing(ctx.db, tenancy);
    expect((await post(tom, url(r.id), { serviceId: listing.id, kind: 'signpost' })).statusCode).toBe(201);
    for (const who of [partner, referrer, commissioner]) {
      const read = await get(who, url(r.id));
      expect([403, 404]).toContain(read.statusCode);
      expect(read.body).not.toContain(listing.name);
      expect([403, 404]).toContain((await post(who, url(r.id), refer(listing.id))).statusCode);
    }
    expect(await onwardRowsOfCase(ctx.db, r.id)).toHaveLength(1);
  });

  it('refuses a case that is closed (409)', async () => {
    const r = await tomsCase({ status: 'discharged', closedAt: new Date() });
    const listing = await partnerListing(ctx.db, tenancy);
    expect((await post(tom, url(r.id), refer(listing.id))).statusCode).toBe(409);
    expect(await onwardRowsOfCase(ctx.db, r.id)).toEqual([]);
  });
});
