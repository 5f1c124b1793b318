import { describe, expect, it } from 'vitest';
import { createTestTenancy, createTestUser, signIn } from '../../../test/toolkit.js';
import { createTestListing } from '../listings/test-listings.js';
import {
  ctx,
  dueIds,
  get,
  monthsAgo,
  partner,
  queue,
  report,
  setAssured,
  setUpMaintenanceTests,
  tenancy,
} from './test-maintenance.js';

// The review queue: what is due, reported or waiting for moderation.
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
