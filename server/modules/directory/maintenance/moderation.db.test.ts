import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { ChangeReview, PartnerListingSummary } from '../../../../common/directory-maintenance.js';
import { createTestTenancy, createTestUser, signIn } from '../../../test/toolkit.js';
import { directoryMetadata } from '../directory.tables.js';
import { loadListing, publicListing, toListingInput } from '../listings/listings.service.js';
import { createTestListing, createTestOrganization } from '../listings/test-listings.js';
import {
  auditOf,
  cc,
  changesOf,
  ctx,
  get,
  partner,
  partnerOrgId,
  queue,
  send,
  serviceRow,
  setUpMaintenanceTests,
  tenancy,
} from './test-maintenance.js';

// VCS partners' own listings and proposed changes, and a reviewer's moderation of them.
setUpMaintenanceTests();

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
