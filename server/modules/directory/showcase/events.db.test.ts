import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DirectorySearchPage, PublicListing } from '../../../../common/directory.js';
import type { OurEvents, ServiceEvent } from '../../../../common/showcase.js';
import { createTestTenancy, createTestUser, type Session, signIn } from '../../../test/toolkit.js';
import { serviceEvents } from '../directory-partner.tables.js';
import { createTestListing, createTestOrganization } from '../listings/test-listings.js';
import {
  auditOf,
  cc,
  ctx,
  get,
  partner,
  partnerOrgId,
  send,
  setUpMaintenanceTests,
  tenancy,
} from '../maintenance/test-maintenance.js';

// Sessions and events of a service (issue 12, point 7): who may publish them, how bad input and
// stale edits are refused, and where upcoming ones show (the public listing, the search results).
setUpMaintenanceTests();

const inDays = (days: number, hour = 10) => {
  const d = new Date(Date.now() + days * 86_400_000);
  d.setUTCHours(hour, 0, 0, 0);
  return d.toISOString();
};
const event = (overrides: Record<string, unknown> = {}) => ({
  title: 'Winter wellbeing walk',
  description: 'Meet at the gate.',
  starts_at: inDays(3),
  ends_at: inDays(3, 12),
  place: 'Quayside gate',
  spaces_left: 12,
  booking_needed: true,
  ...overrides,
});
const eventsOf = (serviceId: string) =>
  ctx.db.select().from(serviceEvents).where(eq(serviceEvents.serviceId, serviceId));

let linkWorker: Session;
let otherIcbCc: Session;
let otherPartner: Session;

beforeAll(async () => {
  linkWorker = await signIn(ctx, await createTestUser(ctx.db, tenancy, 'link_worker'));
  const otherIcb = await createTestTenancy(ctx.db);
  otherIcbCc = await signIn(ctx, await createTestUser(ctx.db, otherIcb, 'care_coordinator'));
  const sameIcbOtherOrg = await createTestTenancy(ctx.db, tenancy.icbId);
  otherPartner = await signIn(ctx, await createTestUser(ctx.db, sameIcbOtherOrg, 'vcs_partner'));
});

async function ourListing(name: string) {
  return createTestListing(ctx.db, tenancy.icbId, { name, organization_id: partnerOrgId });
}

async function addAsPartner(serviceId: string, body: Record<string, unknown> = event()) {
  const res = await send(partner, 'POST', `/api/directory/our-listings/${serviceId}/events`, body);
  expect(res.statusCode).toBe(201);
  return res.json() as ServiceEvent;
}

describe('publishing sessions and events', () => {
  it('a partner adds, edits and cancels an event of its own service, each audited', async () => {
    const listing = await ourListing('Showcase Walkers');
    const added = await addAsPartner(listing.id);
    expect(added).toMatchObject({ title: 'Winter wellbeing walk', spaces_left: 12, booking_needed: true, version: 1 });
    expect((await auditOf('directory.event.create', added.id))[0]?.outcome).toBe('success');

    const ours = (await get(partner, '/api/directory/our-events')).json() as OurEvents;
    expect(ours.services.map((s) => s.id)).toContain(listing.id);
    expect(ours.events.map((e) => e.id)).toContain(added.id);

    const edited = await send(partner, 'PUT', `/api/directory/our-events/${added.id}`, {
      ...event({ title: 'Winter walk (longer route)', spaces_left: 4 }),
      expected_version: 1,
    });
    expect(edited.statusCode).toBe(200);
    expect(edited.json()).toMatchObject({ title: 'Winter walk (longer route)', spaces_left: 4, version: 2 });
    expect((await auditOf('directory.event.update', added.id))[0]?.details).toMatchObject({
      fields: ['title', 'spaces left'],
    });

    const cancelled = await send(partner, 'POST', `/api/directory/our-events/${added.id}/cancel`, {
      expected_version: 2,
    });
    expect(cancelled.statusCode).toBe(200);
    expect(cancelled.json().cancelled_at).not.toBeNull();
    expect(await auditOf('directory.event.cancel', added.id)).toHaveLength(1);
  });

  it('a stale edit is 409 saying who changed what; a cancelled event cannot be edited', async () => {
    const listing = await ourListing('Stale Edit Singers');
    const added = await addAsPartner(listing.id);
    const first = await send(cc, 'PUT', `/api/directory/review/events/${added.id}`, {
      ...event({ starts_at: inDays(4), ends_at: inDays(4, 12) }),
      expected_version: 1,
    });
    expect(first.statusCode).toBe(200);
    const stale = await send(partner, 'PUT', `/api/directory/our-events/${added.id}`, {
      ...event({ title: 'My late change' }),
      expected_version: 1,
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().detail).toMatch(/was changed by .+ at .+ \(start, end\).*reload to see it/);
    expect((await eventsOf(listing.id))[0]?.title).toBe('Winter wellbeing walk');

    await send(cc, 'POST', `/api/directory/review/events/${added.id}/cancel`, { expected_version: 2 });
    const afterCancel = await send(partner, 'PUT', `/api/directory/our-events/${added.id}`, {
      ...event(),
      expected_version: 3,
    });
    expect(afterCancel.statusCode).toBe(409);
    expect(afterCancel.json().detail).toMatch(/was cancelled by/);
  });

  it('bad input is 400 naming each field, and nothing is stored or changed', async () => {
    const listing = await ourListing('Validated Knitters');
    const cases: [Record<string, unknown>, string][] = [
      [event({ title: '' }), 'title'],
      [event({ ends_at: inDays(3, 9) }), 'ends_at'],
      [event({ spaces_left: 10_001 }), 'spaces_left'],
      [event({ spaces_left: -1 }), 'spaces_left'],
      [event({ starts_at: 'next tuesday' }), 'starts_at'],
      [event({ starts_at: inDays(-2), ends_at: inDays(-2, 12) }), 'starts_at'],
      [event({ booking_needed: 'maybe' }), 'booking_needed'],
      [event({ place: 'x'.repeat(301) }), 'place'],
    ];
    for (const [body, field] of cases) {
      const res = await send(partner, 'POST', `/api/directory/our-listings/${listing.id}/events`, body);
      expect(res.statusCode, field).toBe(400);
      expect(res.json().errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    expect(await eventsOf(listing.id)).toHaveLength(0);

    const added = await addAsPartner(listing.id);
    const bad = await send(partner, 'PUT', `/api/directory/our-events/${added.id}`, {
      ...event({ title: 'Renamed', ends_at: inDays(2) }),
      expected_version: 1,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('ends_at');
    expect((await eventsOf(listing.id))[0]).toMatchObject({ title: 'Winter wellbeing walk', version: 1 });
  });
});

describe('who may publish events', () => {
  it('another organisation’s partner gets 404 for the service and the event (audited), nothing changes', async () => {
    const listing = await ourListing('Private Potters');
    const added = await addAsPartner(listing.id);
    const res = await send(otherPartner, 'POST', `/api/directory/our-listings/${listing.id}/events`, event());
    expect(res.statusCode).toBe(404);
    const edit = await send(otherPartner, 'PUT', `/api/directory/our-events/${added.id}`, {
      ...event({ title: 'Hijacked' }),
      expected_version: 1,
    });
    expect(edit.statusCode).toBe(404);
    const cancel = await send(otherPartner, 'POST', `/api/directory/our-events/${added.id}/cancel`, {
      expected_version: 1,
    });
    expect(cancel.statusCode).toBe(404);
    expect((await auditOf('directory.event.read', added.id))[0]?.outcome).toBe('denied');
    const rows = await eventsOf(listing.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ title: 'Winter wellbeing walk', cancelledAt: null });
    const theirs = (await get(otherPartner, '/api/directory/our-events')).json() as OurEvents;
    expect(theirs.events.map((e) => e.id)).not.toContain(added.id);
  });

  it('a partner cannot publish for a listing of an organisation it does not run', async () => {
    const other = await createTestOrganization(ctx.db, tenancy.icbId);
    const listing = await createTestListing(ctx.db, tenancy.icbId, { organization_id: other.id });
    const res = await send(partner, 'POST', `/api/directory/our-listings/${listing.id}/events`, event());
    expect(res.statusCode).toBe(404);
    expect(await eventsOf(listing.id)).toHaveLength(0);
  });

  it('directory staff publish for any service of their ICB; another ICB’s get 404; a link worker 403', async () => {
    const listing = await createTestListing(ctx.db, tenancy.icbId, { name: 'Staff Listed Lunch Club' });
    const res = await send(cc, 'POST', `/api/directory/review/services/${listing.id}/events`, event());
    expect(res.statusCode).toBe(201);
    const list = await get(cc, `/api/directory/review/services/${listing.id}/events`);
    expect((list.json() as ServiceEvent[]).map((e) => e.id)).toEqual([res.json().id]);

    const foreign = await send(otherIcbCc, 'POST', `/api/directory/review/services/${listing.id}/events`, event());
    expect(foreign.statusCode).toBe(404);
    const foreignEdit = await send(otherIcbCc, 'PUT', `/api/directory/review/events/${res.json().id}`, {
      ...event({ title: 'Other ICB' }),
      expected_version: 1,
    });
    expect(foreignEdit.statusCode).toBe(404);
    const worker = await send(linkWorker, 'POST', `/api/directory/review/services/${listing.id}/events`, event());
    expect(worker.statusCode).toBe(403);
    const workerAsPartner = await send(linkWorker, 'POST', `/api/directory/our-listings/${listing.id}/events`, event());
    expect(workerAsPartner.statusCode).toBe(403);
    expect(await eventsOf(listing.id)).toHaveLength(1);
  });
});

describe('where upcoming events show', () => {
  it('the public listing and the staff listing carry upcoming events only, soonest first', async () => {
    const listing = await ourListing('Upcoming Events Choir');
    const later = await addAsPartner(
      listing.id,
      event({ title: 'Carol concert', starts_at: inDays(9), ends_at: null }),
    );
    const sooner = await addAsPartner(listing.id, event({ title: 'Rehearsal', starts_at: inDays(2), ends_at: null }));
    const gone = await addAsPartner(listing.id, event({ title: 'Cancelled social', starts_at: inDays(1) }));
    await send(partner, 'POST', `/api/directory/our-events/${gone.id}/cancel`, { expected_version: 1 });
    // An event already over (written directly: the API refuses to add one in the past).
    await ctx.db.insert(serviceEvents).values({
      icbId: tenancy.icbId,
      serviceId: listing.id,
      title: 'Last week’s walk',
      startsAt: new Date(Date.now() - 7 * 86_400_000),
      createdByUserId: partner.me.user.id,
    });

    const pub = await ctx.app.inject({ method: 'GET', url: `/api/public/directory/services/${listing.id}` });
    expect(pub.statusCode).toBe(200);
    const events = (pub.json() as PublicListing).upcoming_events ?? [];
    expect(events.map((e) => e.id)).toEqual([sooner.id, later.id]);
    expect(events[0]).toEqual({
      id: sooner.id,
      title: 'Rehearsal',
      description: 'Meet at the gate.',
      starts_at: sooner.starts_at,
      ends_at: null,
      place: 'Quayside gate',
      spaces_left: 12,
      booking_needed: true,
    });
    const staff = await get(cc, `/api/directory/services/${listing.id}`);
    expect((staff.json() as PublicListing).upcoming_events?.map((e) => e.title)).toEqual([
      'Rehearsal',
      'Carol concert',
    ]);
  });

  it('search results name each service’s next session, for a whole page in one answer', async () => {
    const withEvents = await ourListing('Zebrafinch Nextsession Club');
    const without = await ourListing('Zebrafinch Quiet Club');
    await addAsPartner(withEvents.id, event({ title: 'Later one', starts_at: inDays(6), ends_at: null }));
    const next = await addAsPartner(withEvents.id, event({ title: 'Next one', starts_at: inDays(2), ends_at: null }));
    for (const url of ['/api/public/directory/services?text=zebrafinch', '/api/directory/services?text=zebrafinch']) {
      const res = url.startsWith('/api/public')
        ? await ctx.app.inject({ method: 'GET', url })
        : await get(linkWorker, url);
      expect(res.statusCode).toBe(200);
      const results = (res.json() as DirectorySearchPage).results;
      const byId = new Map(results.map((r) => [r.id, r]));
      expect(byId.get(withEvents.id)?.next_event).toEqual({ title: 'Next one', starts_at: next.starts_at });
      expect(byId.get(without.id)?.next_event).toBeNull();
    }
  });
});
