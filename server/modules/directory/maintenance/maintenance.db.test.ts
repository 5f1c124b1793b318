import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Listing } from '../../../../common/directory.js';
import type { ChangeReview, PartnerListingSummary, ReviewQueue } from '../../../../common/directory-maintenance.js';
import { auditEvents } from '../../../platform/audit/audit.tables.js';
import {
  createTestApp,
  createTestTenancy,
  createTestUser,
  type Session,
  signIn,
  type TestContext,
  type TestTenancy,
} from '../../../test/toolkit.js';
import {
  directoryChangeRequests,
  directoryMetadata,
  directoryReports,
  directoryServices,
} from '../directory.tables.js';
import { loadListing, publicListing, toListingInput } from '../listings/listings.service.js';
import { createTestListing, createTestOrganization } from '../listings/test-listings.js';

let ctx: TestContext;
let tenancy: TestTenancy;
let cc: Session;
let partner: Session;
let partnerOrgId: string;

beforeAll(async () => {
  ctx = await createTestApp();
  tenancy = await createTestTenancy(ctx.db);
  cc = await signIn(ctx, await createTestUser(ctx.db, tenancy, 'care_coordinator'));
  partner = await signIn(ctx, await createTestUser(ctx.db, tenancy, 'vcs_partner'));
  partnerOrgId = (await createTestOrganization(ctx.db, tenancy.icbId, { vcsOrganisationId: tenancy.vcsOrganisationId }))
    .id;
});

const get = (s: Session, url: string) => ctx.app.inject({ method: 'GET', url, headers: { cookie: s.cookie } });
const send = (s: Session, method: 'POST' | 'PUT', url: string, payload: unknown = {}) =>
  ctx.app.inject({ method, url, headers: s.headers, payload: payload as object });

const serviceRow = async (id: string) =>
  (await ctx.db.select().from(directoryServices).where(eq(directoryServices.id, id)))[0];
const reportsOf = (id: string) => ctx.db.select().from(directoryReports).where(eq(directoryReports.serviceId, id));
const changesOf = (id: string) =>
  ctx.db.select().from(directoryChangeRequests).where(eq(directoryChangeRequests.serviceId, id));
const auditOf = (action: string, entityId: string) =>
  ctx.db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.action, action), eq(auditEvents.entityId, entityId)));

function monthsAgo(months: number): string {
  const d = new Date();
  d.setUTCMonth(d.getUTCMonth() - months);
  return d.toISOString().slice(0, 10);
}

async function setAssured(id: string, date: string | null) {
  await ctx.db.update(directoryServices).set({ assuredDate: date }).where(eq(directoryServices.id, id));
}

async function report(serviceId: string, message = 'The phone number no longer works.') {
  const [row] = await ctx.db
    .insert(directoryReports)
    .values({ serviceId, icbId: tenancy.icbId, message })
    .returning({ id: directoryReports.id });
  return (row as { id: string }).id;
}

async function queue(s: Session = cc): Promise<ReviewQueue> {
  const res = await get(s, '/api/directory/review-queue');
  expect(res.statusCode).toBe(200);
  return res.json();
}

const dueIds = (q: ReviewQueue) => q.due.map((d) => d.service.id);

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

describe('VCS partners and moderation', () => {
  async function partnerListing(name: string) {
    return createTestListing(ctx.db, tenancy.icbId, { name, organization_id: partnerOrgId });
  }

  it('a partner lists only their own organisation’s listings', async () => {
    const mine = await partnerListing('Our Own Lunch Club');
    const theirs = await createTestListing(ctx.db, tenancy.icbId, { name: 'Someone Else’s Club' });
    const res = await get(partner, '/api/directory/our-listings');
    expect(res.statusCode).toBe(200);
    const ids = (res.json() as PartnerListingSummary[]).map((l) => l.id);
    expect(ids).toContain(mine.id);
    expect(ids).not.toContain(theirs.id);
    expect((await get(partner, `/api/directory/our-listings/${mine.id}`)).statusCode).toBe(200);
  });

  it('a partner cannot read or propose on another organisation’s service: 404, nothing stored', async () => {
    const sameIcbOtherOrg = await createTestTenancy(ctx.db, tenancy.icbId);
    const otherOrg = await createTestOrganization(ctx.db, tenancy.icbId, {
      vcsOrganisationId: sameIcbOtherOrg.vcsOrganisationId,
    });
    const theirs = await createTestListing(ctx.db, tenancy.icbId, {
      name: 'Other Charity Service',
      organization_id: otherOrg.id,
    });
    expect((await get(partner, `/api/directory/our-listings/${theirs.id}`)).statusCode).toBe(404);
    const res = await send(partner, 'POST', `/api/directory/our-listings/${theirs.id}/changes`, {
      base_version: theirs.version,
      proposed: { ...toListingInput(theirs), name: 'Hijacked' },
    });
    expect(res.statusCode).toBe(404);
    expect(await changesOf(theirs.id)).toHaveLength(0);
    expect((await auditOf('directory.propose', theirs.id))[0]?.outcome).toBe('denied');
  });

  it('a bad proposal is 400 naming the field, and nothing is stored', async () => {
    const mine = await partnerListing('Badly Proposed Bingo');
    const res = await send(partner, 'POST', `/api/directory/our-listings/${mine.id}/changes`, {
      base_version: mine.version,
      proposed: { ...toListingInput(mine), name: '' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors.map((e: { field: string }) => e.field)).toContain('proposed.name');
    const moved = await send(partner, 'POST', `/api/directory/our-listings/${mine.id}/changes`, {
      base_version: mine.version,
      proposed: { ...toListingInput(mine), organization_id: (await createTestOrganization(ctx.db, tenancy.icbId)).id },
    });
    expect(moved.statusCode).toBe(400);
    expect(moved.json().errors[0].field).toBe('proposed.organization_id');
    const same = await send(partner, 'POST', `/api/directory/our-listings/${mine.id}/changes`, {
      base_version: mine.version,
      proposed: toListingInput(mine),
    });
    expect(same.statusCode).toBe(400);
    expect(same.json().errors[0].field).toBe('proposed');
    expect(await changesOf(mine.id)).toHaveLength(0);
  });

  it('a partner’s edit is invisible until approved, then live with history naming partner and reviewer', async () => {
    const mine = await partnerListing('Moderated Men’s Shed');
    const proposed = { ...toListingInput(mine), name: 'Moderated Men’s Shed and Workshop', referral_capacity: 'full' };
    const res = await send(partner, 'POST', `/api/directory/our-listings/${mine.id}/changes`, {
      base_version: mine.version,
      proposed,
    });
    expect(res.statusCode).toBe(201);
    const changeId: string = res.json().change_id;

    // Not live: the public listing and the stored row are unchanged.
    const live = await loadListing(ctx.db, mine.id);
    expect(live && publicListing(live).name).toBe('Moderated Men’s Shed');
    expect((await serviceRow(mine.id))?.version).toBe(mine.version);
    const flagged = ((await get(partner, '/api/directory/our-listings')).json() as PartnerListingSummary[]).find(
      (l) => l.id === mine.id,
    );
    expect(flagged?.pending_change).toBe(true);
    expect((await queue()).changes.map((c) => c.id)).toContain(changeId);

    const review = await get(cc, `/api/directory/changes/${changeId}`);
    expect(review.statusCode).toBe(200);
    const diff = (review.json() as ChangeReview).changes;
    expect(diff).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          field: 'name',
          previous: 'Moderated Men’s Shed',
          replacement: 'Moderated Men’s Shed and Workshop',
        }),
        expect.objectContaining({ field: 'referral_capacity', previous: 'open', replacement: 'full' }),
      ]),
    );
    expect(diff).toHaveLength(2);

    const approved = await send(cc, 'POST', `/api/directory/changes/${changeId}/approve`);
    expect(approved.statusCode).toBe(200);
    expect(approved.json().status).toBe('approved');
    const after = await loadListing(ctx.db, mine.id);
    expect(after).toMatchObject({ name: 'Moderated Men’s Shed and Workshop', referral_capacity: 'full' });
    expect(after?.assured_date).not.toBeNull();
    const rows = await ctx.db
      .select()
      .from(directoryMetadata)
      .where(and(eq(directoryMetadata.serviceId, mine.id), eq(directoryMetadata.lastActionType, 'approve')));
    expect(rows.map((r) => r.fieldName).sort()).toEqual(['name', 'referral_capacity']);
    expect(rows[0]?.updatedBy).toBe(`${partner.me.user.name} (approved by ${cc.me.user.name})`);
    expect((await send(cc, 'POST', `/api/directory/changes/${changeId}/approve`)).statusCode).toBe(409);
  });

  it('a newer proposal withdraws the older pending one', async () => {
    const mine = await partnerListing('Twice Proposed Tai Chi');
    const propose = (name: string) =>
      send(partner, 'POST', `/api/directory/our-listings/${mine.id}/changes`, {
        base_version: mine.version,
        proposed: { ...toListingInput(mine), name },
      });
    const first = (await propose('First Idea')).json().change_id;
    const second = await propose('Second Thoughts');
    expect(second.json().replaced).toBe(1);
    const rows = await changesOf(mine.id);
    expect(rows.find((r) => r.id === first)?.status).toBe('withdrawn');
    expect(rows.filter((r) => r.status === 'pending')).toHaveLength(1);
  });

  it('approving a change made against an older version is 409 and changes nothing', async () => {
    const mine = await partnerListing('Stale Proposal Swimming');
    const res = await send(partner, 'POST', `/api/directory/our-listings/${mine.id}/changes`, {
      base_version: mine.version,
      proposed: { ...toListingInput(mine), name: 'Stale Proposal Swimming Club' },
    });
    const changeId = res.json().change_id;
    const edit = await send(cc, 'PUT', `/api/directory/review/services/${mine.id}`, {
      expected_version: mine.version,
      listing: { ...toListingInput(mine), fees: 'Free for everyone' },
    });
    expect(edit.statusCode).toBe(200);
    const before = await serviceRow(mine.id);
    const review = (await get(cc, `/api/directory/changes/${changeId}`)).json() as ChangeReview;
    expect(review.stale).toBe(true);
    const approve = await send(cc, 'POST', `/api/directory/changes/${changeId}/approve`);
    expect(approve.statusCode).toBe(409);
    expect(approve.json().detail).toMatch(/re-check/i);
    expect(await serviceRow(mine.id)).toEqual(before);
    expect((await changesOf(mine.id))[0]?.status).toBe('pending');
  });

  it('a confirmation alone after the proposal does not make it stale: it can still be approved', async () => {
    const mine = await partnerListing('Confirmed Meanwhile Cricket');
    const res = await send(partner, 'POST', `/api/directory/our-listings/${mine.id}/changes`, {
      base_version: mine.version,
      proposed: { ...toListingInput(mine), name: 'Confirmed Meanwhile Cricket Club' },
    });
    const changeId = res.json().change_id;
    await send(cc, 'POST', `/api/directory/review/services/${mine.id}/confirm`);
    expect((await serviceRow(mine.id))?.version).toBeGreaterThan(mine.version);
    expect(((await get(cc, `/api/directory/changes/${changeId}`)).json() as ChangeReview).stale).toBe(false);
    const approve = await send(cc, 'POST', `/api/directory/changes/${changeId}/approve`);
    expect(approve.statusCode).toBe(200);
    expect((await loadListing(ctx.db, mine.id))?.name).toBe('Confirmed Meanwhile Cricket Club');
  });

  it('rejecting needs a reason; the partner sees it on their listings page', async () => {
    const mine = await partnerListing('Rejected Rowing');
    const res = await send(partner, 'POST', `/api/directory/our-listings/${mine.id}/changes`, {
      base_version: mine.version,
      proposed: { ...toListingInput(mine), name: 'Rejected Rowing For Everyone' },
    });
    const changeId = res.json().change_id;
    const noReason = await send(cc, 'POST', `/api/directory/changes/${changeId}/reject`, {});
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().errors[0].field).toBe('reason');
    expect((await changesOf(mine.id))[0]?.status).toBe('pending');

    const rejected = await send(cc, 'POST', `/api/directory/changes/${changeId}/reject`, {
      reason: 'Please keep the name the public knows.',
    });
    expect(rejected.statusCode).toBe(200);
    expect(rejected.json()).toMatchObject({
      status: 'rejected',
      rejection_reason: 'Please keep the name the public knows.',
    });
    expect((await loadListing(ctx.db, mine.id))?.name).toBe('Rejected Rowing');
    const row = ((await get(partner, '/api/directory/our-listings')).json() as PartnerListingSummary[]).find(
      (l) => l.id === mine.id,
    );
    expect(row).toMatchObject({
      pending_change: false,
      last_decision: { status: 'rejected', rejection_reason: 'Please keep the name the public knows.' },
    });
  });

  it('a reviewer of another ICB cannot see the change (404)', async () => {
    const mine = await partnerListing('Private Proposal Pilates');
    const res = await send(partner, 'POST', `/api/directory/our-listings/${mine.id}/changes`, {
      base_version: mine.version,
      proposed: { ...toListingInput(mine), name: 'Changed' },
    });
    const other = await createTestTenancy(ctx.db);
    const otherCc = await signIn(ctx, await createTestUser(ctx.db, other, 'care_coordinator'));
    const changeId = res.json().change_id;
    expect((await get(otherCc, `/api/directory/changes/${changeId}`)).statusCode).toBe(404);
    expect((await send(otherCc, 'POST', `/api/directory/changes/${changeId}/approve`)).statusCode).toBe(404);
    expect((await changesOf(mine.id))[0]?.status).toBe('pending');
  });
});

describe('what the answers carry', () => {
  it('a verified listing reaches reviewers and its partner without the verifier’s email, which stays on the record', async () => {
    const listing = await createTestListing(ctx.db, tenancy.icbId, {
      name: 'Verified Voices Choir',
      organization_id: partnerOrgId,
    });
    const confirmed = await send(cc, 'POST', `/api/directory/review/services/${listing.id}/confirm`);
    expect(confirmed.statusCode).toBe(200);
    expect((await serviceRow(listing.id))?.assurerEmail).toBe(cc.me.user.email);
    const answers = [
      confirmed.json().listing,
      (await get(cc, `/api/directory/review/services/${listing.id}`)).json().listing,
      (await get(partner, `/api/directory/our-listings/${listing.id}`)).json().listing,
    ];
    for (const answer of answers) {
      expect(answer).toMatchObject({ id: listing.id, name: 'Verified Voices Choir' });
      expect(answer.assured_date).not.toBeNull();
      expect(answer).not.toHaveProperty('assurer_email');
    }
  });
});
