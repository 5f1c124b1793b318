import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { Listing } from '../../../../common/directory.js';
import { createTestTenancy, createTestUser, signIn } from '../../../test/toolkit.js';
import { directoryMetadata } from '../directory.tables.js';
import { loadListing, toListingInput } from '../listings/listings.service.js';
import { createTestListing } from '../listings/test-listings.js';
import {
  auditOf,
  cc,
  ctx,
  dueIds,
  get,
  monthsAgo,
  partner,
  queue,
  report,
  reportsOf,
  send,
  serviceRow,
  setAssured,
  setUpMaintenanceTests,
  tenancy,
} from './test-maintenance.js';

// The review queue, and a reviewer's work on one listing: the staff view, confirm, edit, retire,
// dismiss a report.
setUpMaintenanceTests();

describe('the review queue', () => {
  it('lists never-verified and overdue listings, oldest first, but not recently verified, retired or closed ones', async () => {
    const never = await createTestListing(ctx.db, tenancy.icbId, { name: 'Never Checked Choir' });
    const overdue = await createTestListing(ctx.db, tenancy.icbId, { name: 'Overdue Allotment' });
    await setAssured(overdue.id, monthsAgo(7));
    const older = await createTestListing(ctx.db, tenancy.icbId, { name: 'Very Overdue Bowls' });
    await setAssured(older.id, monthsAgo(13));
    const recent = await createTestListing(ctx.db, tenancy.icbId, { name: 'Recently Checked Cafe' });
    await setAssured(recent.id, monthsAgo(1));
    const defunct = await createTestListing(ctx.db, tenancy.icbId, { name: 'Closed For Good Club', status: 'defunct' });
    const otherIcb = await createTestTenancy(ctx.db);
    const elsewhere = await createTestListing(ctx.db, otherIcb.icbId, { name: 'Another ICB Walk' });

    const q = await queue();
    const ids = dueIds(q);
    expect(ids).toEqual(expect.arrayContaining([never.id, overdue.id, older.id]));
    expect(ids).not.toContain(recent.id);
    expect(ids).not.toContain(defunct.id);
    expect(ids).not.toContain(elsewhere.id);
    // Never verified first, then the oldest verification.
    expect(ids.indexOf(never.id)).toBeLessThan(ids.indexOf(older.id));
    expect(ids.indexOf(older.id)).toBeLessThan(ids.indexOf(overdue.id));
    const item = q.due.find((d) => d.service.id === overdue.id);
    expect(item).toMatchObject({ reason: 'overdue', assured_date: monthsAgo(7) });
    expect(item?.service.organization_name).toMatch(/Test Community Group/);
    expect(q.due.find((d) => d.service.id === never.id)).toMatchObject({
      reason: 'never_verified',
      review_due_on: null,
    });
    expect(q.counts.due).toBe(q.due.length);
  });

  it('lists open public reports with their message and pending partner changes, with counts', async () => {
    const listing = await createTestListing(ctx.db, tenancy.icbId, { name: 'Reported Reading Group' });
    const reportId = await report(listing.id, 'They moved to the library last year.');
    const q = await queue();
    expect(q.reports.find((r) => r.id === reportId)).toMatchObject({
      message: 'They moved to the library last year.',
      service: { id: listing.id, name: 'Reported Reading Group' },
    });
    expect(q.counts.reports).toBe(q.reports.length);
    expect(q.counts.changes).toBe(q.changes.length);
  });

  it('is refused (403) to a link worker, who cannot review', async () => {
    const worker = await signIn(ctx, await createTestUser(ctx.db, tenancy, 'link_worker'));
    expect((await get(worker, '/api/directory/review-queue')).statusCode).toBe(403);
    expect((await get(partner, '/api/directory/review-queue')).statusCode).toBe(403);
  });
});

describe('reviewing a listing', () => {
  it('shows the staff view with open reports and the full history', async () => {
    const listing = await createTestListing(ctx.db, tenancy.icbId, {
      name: 'Safe Haven Support',
      locations: [
        {
          location_type: 'physical',
          name: 'Refuge',
          confidential: true,
          address: { address_1: '9 Hidden Lane', city: 'Newcastle upon Tyne', postal_code: 'NE1 4XX' },
        },
      ],
    });
    await report(listing.id);
    const res = await get(cc, `/api/directory/review/services/${listing.id}`);
    expect(res.statusCode).toBe(200);
    const view = res.json();
    expect(view.listing.locations[0].address.address_1).toBe('9 Hidden Lane');
    expect(view.reports).toHaveLength(1);
    expect(view.history.length).toBeGreaterThan(0);
    expect(view.review_due).toBe(true);
    expect(view.category_options.length).toBeGreaterThanOrEqual(15);
  });

  it('404s for a listing of another ICB', async () => {
    const other = await createTestTenancy(ctx.db);
    const listing = await createTestListing(ctx.db, other.icbId);
    expect((await get(cc, `/api/directory/review/services/${listing.id}`)).statusCode).toBe(404);
    expect((await send(cc, 'POST', `/api/directory/review/services/${listing.id}/confirm`)).statusCode).toBe(404);
    expect((await serviceRow(listing.id))?.assuredDate).toBeNull();
  });

  it('"confirm unchanged" verifies it today, takes it out of the due queue and closes its open reports', async () => {
    const listing = await createTestListing(ctx.db, tenancy.icbId, { name: 'Confirmable Crafts' });
    await setAssured(listing.id, monthsAgo(8));
    await report(listing.id);
    await report(listing.id, 'Wrong opening times.');
    expect(dueIds(await queue())).toContain(listing.id);

    const res = await send(cc, 'POST', `/api/directory/review/services/${listing.id}/confirm`);
    expect(res.statusCode).toBe(200);
    expect(res.json().reports_closed).toBe(2);
    const row = await serviceRow(listing.id);
    expect(row?.assuredDate).toBe(new Date().toLocaleDateString('en-CA', { timeZone: 'Europe/London' }));
    expect(row?.assurerEmail).toBe(cc.me.user.email);
    const q = await queue();
    expect(dueIds(q)).not.toContain(listing.id);
    expect(q.reports.map((r) => r.service.id)).not.toContain(listing.id);
    for (const r of await reportsOf(listing.id)) {
      expect(r.resolvedAt).not.toBeNull();
      expect(r.resolvedByUserId).toBe(cc.me.user.id);
      expect(r.resolution).toMatch(/confirmed unchanged/);
    }
    expect(await auditOf('directory.listing.confirm', listing.id)).toHaveLength(1);
  });

  it('an edit saves the listing, verifies it and closes reports; a stale edit is 409 naming who changed it, and changes nothing', async () => {
    const listing = await createTestListing(ctx.db, tenancy.icbId, { name: 'Editable Exercise' });
    await report(listing.id);
    const edited = { ...toListingInput(listing), name: 'Editable Exercise Class', referral_capacity: 'waiting_list' };
    const ok = await send(cc, 'PUT', `/api/directory/review/services/${listing.id}`, {
      expected_version: listing.version,
      listing: edited,
    });
    expect(ok.statusCode).toBe(200);
    const saved: Listing = ok.json().listing;
    expect(saved).toMatchObject({ name: 'Editable Exercise Class', referral_capacity: 'waiting_list' });
    expect(saved.assured_date).not.toBeNull();
    expect(ok.json().reports_closed).toBe(1);

    const before = await serviceRow(listing.id);
    const stale = await send(cc, 'PUT', `/api/directory/review/services/${listing.id}`, {
      expected_version: listing.version,
      listing: { ...edited, name: 'Overwritten By A Stale Edit' },
    });
    expect(stale.statusCode).toBe(409);
    // Names, not email addresses, say who changed it.
    expect(stale.json().detail).toContain(cc.me.user.name);
    expect(stale.json().detail).not.toContain('@');
    expect(await serviceRow(listing.id)).toEqual(before);
  });

  it('a bad edit is 400 naming the field, and changes nothing', async () => {
    const listing = await createTestListing(ctx.db, tenancy.icbId, { name: 'Validated Volunteering' });
    const input = toListingInput(listing);
    const bad = await send(cc, 'PUT', `/api/directory/review/services/${listing.id}`, {
      expected_version: listing.version,
      listing: {
        ...input,
        locations: [{ ...input.locations[0], address: { ...input.locations[0]?.address, postal_code: 'NOT A CODE' } }],
      },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors.map((e: { field: string }) => e.field)).toContain(
      'listing.locations.0.address.postal_code',
    );
    expect((await serviceRow(listing.id))?.version).toBe(listing.version);
  });

  it('an edit cannot reach a location of another listing by its id (400, nothing changed)', async () => {
    const victim = await createTestListing(ctx.db, tenancy.icbId, { name: 'Victim Venue' });
    const listing = await createTestListing(ctx.db, tenancy.icbId, { name: 'Sneaky Service' });
    const input = toListingInput(listing);
    const res = await send(cc, 'PUT', `/api/directory/review/services/${listing.id}`, {
      expected_version: listing.version,
      listing: { ...input, locations: [{ ...victim.locations[0], name: 'Renamed' }], schedules: [] },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].field).toBe('listing.locations.0.id');
    expect((await loadListing(ctx.db, victim.id))?.locations[0]?.name).toBe(victim.locations[0]?.name);
  });

  it('retiring needs a reason (400 naming `reason`, nothing changed); with one, the listing is inactive and leaves the queue', async () => {
    const listing = await createTestListing(ctx.db, tenancy.icbId, { name: 'Retiring Rambles' });
    const reportId = await report(listing.id);
    const noReason = await send(cc, 'POST', `/api/directory/review/services/${listing.id}/retire`, { reason: '  ' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().errors[0].field).toBe('reason');
    expect(await serviceRow(listing.id)).toMatchObject({ status: 'active', version: listing.version });
    expect((await reportsOf(listing.id))[0]?.resolvedAt).toBeNull();

    const res = await send(cc, 'POST', `/api/directory/review/services/${listing.id}/retire`, {
      reason: 'The group stopped meeting in March.',
    });
    expect(res.statusCode).toBe(200);
    expect((await serviceRow(listing.id))?.status).toBe('inactive');
    expect(dueIds(await queue())).not.toContain(listing.id);
    const [closed] = await reportsOf(listing.id);
    expect(closed?.id).toBe(reportId);
    expect(closed?.resolution).toMatch(/The group stopped meeting in March/);
    const [audit] = await auditOf('directory.listing.retire', listing.id);
    expect(audit?.details).toMatchObject({ reason: 'The group stopped meeting in March.' });
    const status = await ctx.db
      .select()
      .from(directoryMetadata)
      .where(and(eq(directoryMetadata.serviceId, listing.id), eq(directoryMetadata.fieldName, 'status')));
    expect(status.map((m) => m.replacementValue)).toContain('inactive');
  });

  it('dismisses one report as "not a problem" with a reason', async () => {
    const listing = await createTestListing(ctx.db, tenancy.icbId, { name: 'Dismissal Dance' });
    const reportId = await report(listing.id, 'I think it closed?');
    const url = `/api/directory/review/services/${listing.id}/reports/${reportId}/dismiss`;
    expect((await send(cc, 'POST', url, {})).statusCode).toBe(400);
    const res = await send(cc, 'POST', url, { reason: 'Phoned them: still running.' });
    expect(res.statusCode).toBe(200);
    const [row] = await reportsOf(listing.id);
    expect(row?.resolution).toMatch(/Not a problem.*Phoned them: still running\./);
    expect((await send(cc, 'POST', url, { reason: 'again' })).statusCode).toBe(404);
  });
});
