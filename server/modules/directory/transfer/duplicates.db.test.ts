import { eq, inArray } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createTestUser } from '../../../test/toolkit.js';
import { directoryChangeRequests, directoryReports } from '../directory.tables.js';
import { categoryTermId, listingHistory, loadListing } from '../listings/listings.service.js';
import { createTestListing, createTestOrganization } from '../listings/test-listings.js';
import {
  admin,
  coordinator,
  ctx,
  duplicates,
  elsewhere,
  exportOruk,
  importOruk,
  merge,
  orukDocument,
  otherAdmin,
  setUpTransferTests,
  tenancy,
} from './test-transfer.js';

// Likely duplicates, and merging one listing into another.
setUpTransferTests();

describe('duplicates and merge', () => {
  it('finds organisations with the same charity number and services with similar names at one postcode', async () => {
    const a = await createTestOrganization(ctx.db, tenancy.icbId, {
      name: 'Byker Befrienders',
      charityNumber: '3300003',
    });
    const b = await createTestOrganization(ctx.db, tenancy.icbId, {
      name: 'Byker Befriending',
      charityNumber: '330 0003',
    });
    const walk1 = await createTestListing(ctx.db, tenancy.icbId, { name: 'Ouseburn Valley Health Walk' });
    const walk2 = await createTestListing(ctx.db, tenancy.icbId, { name: 'Ouseburn Valley Health Walks' });
    const res = await duplicates();
    expect(res.statusCode).toBe(200);
    const pairs = res.json().pairs as {
      kind: string;
      reason: string;
      score: number;
      a: { id: string };
      b: { id: string };
    }[];
    const about = (x: string, y: string) => pairs.find((p) => [p.a.id, p.b.id].sort().join() === [x, y].sort().join());
    expect(about(a.id, b.id)).toMatchObject({ kind: 'organization', reason: 'same_identifier', score: 1 });
    const walks = about(walk1.id, walk2.id);
    expect(walks).toMatchObject({ kind: 'service', reason: 'similar_name_same_postcode' });
    expect(walks?.score).toBeGreaterThan(0.6);
    // Not every pair at a postcode: a different name is no duplicate.
    const other = await createTestListing(ctx.db, tenancy.icbId, { name: 'Knit and Natter' });
    const after = (await duplicates()).json().pairs as { a: { id: string }; b: { id: string } }[];
    expect(after.some((p) => p.a.id === other.id || p.b.id === other.id)).toBe(false);
  });

  it('a retired listing leaves the duplicates list', async () => {
    const one = await createTestListing(ctx.db, tenancy.icbId, { name: 'Benwell Craft Circle' });
    const two = await createTestListing(ctx.db, tenancy.icbId, { name: 'Benwell Craft Circles' });
    const pairOf = async () =>
      ((await duplicates()).json().pairs as { a: { id: string }; b: { id: string } }[]).filter((p) =>
        [p.a.id, p.b.id].includes(two.id),
      );
    expect((await pairOf()).some((p) => [p.a.id, p.b.id].includes(one.id))).toBe(true);
    const retired = await ctx.app.inject({
      method: 'POST',
      url: `/api/directory/review/services/${two.id}/retire`,
      headers: coordinator.headers,
      payload: { reason: 'Closed for good' },
    });
    expect(retired.statusCode).toBe(200);
    expect(await pairOf()).toEqual([]);
  });

  it('warns about a likely duplicate on import, and still imports it', async () => {
    const existing = await createTestListing(ctx.db, tenancy.icbId, { name: 'Walker Park Bowls Club' });
    await createTestOrganization(ctx.db, tenancy.icbId, { charityNumber: '7654321' });
    const doc = orukDocument({ name: 'Walker Park Bowls Club.' });
    const res = await importOruk([doc]);
    expect(res.json()).toMatchObject({ created: 1, errors: [] });
    expect(res.json().possible_duplicates).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ imported_id: doc.id, existing_id: existing.id, kind: 'service' }),
        // The document's organisation has charity number 7654321, like the one above.
        expect.objectContaining({ imported_id: doc.organization.id, kind: 'organization' }),
      ]),
    );
  });

  it('merges a duplicate into the kept listing: retired, history kept, reports and pending edits moved', async () => {
    const keep = await createTestListing(ctx.db, tenancy.icbId, { name: 'Elswick Men’s Shed' });
    const dup = await createTestListing(ctx.db, tenancy.icbId, {
      name: 'Elswick Mens Shed',
      taxonomy_term_ids: [categoryTermId('mental-wellbeing')],
    });
    const partner = await createTestUser(ctx.db, tenancy, 'vcs_partner');
    await ctx.db
      .insert(directoryReports)
      .values({ serviceId: dup.id, icbId: tenancy.icbId, message: 'Moved to Tuesdays' });
    await ctx.db.insert(directoryChangeRequests).values({
      serviceId: dup.id,
      icbId: tenancy.icbId,
      baseVersion: dup.version,
      proposed: { name: 'Elswick Mens Shed' },
      submittedByUserId: partner.id,
    });
    const historyBefore = await listingHistory(ctx.db, dup.id);

    const res = await merge({ keep_id: keep.id, merge_id: dup.id, reason: 'Same shed, listed twice' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      kept_id: keep.id,
      merged_id: dup.id,
      moved_reports: 1,
      withdrawn_change_requests: 1,
    });

    const retired = await loadListing(ctx.db, dup.id);
    expect(retired).toMatchObject({ status: 'inactive', merged_into_id: keep.id });
    const historyAfter = await listingHistory(ctx.db, dup.id);
    for (const row of historyBefore) expect(historyAfter.map((h) => h.id)).toContain(row.id);
    expect(historyAfter).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ action: 'merge', field: 'merged_into_id', replacement: keep.id }),
        expect.objectContaining({ action: 'merge', field: 'merge_reason', replacement: 'Same shed, listed twice' }),
        expect.objectContaining({ action: 'status', field: 'status', replacement: 'inactive' }),
      ]),
    );
    const kept = await loadListing(ctx.db, keep.id);
    expect(kept?.status).toBe('active');
    expect(kept?.taxonomy_term_ids).toContain(categoryTermId('mental-wellbeing'));
    expect((await listingHistory(ctx.db, keep.id)).some((h) => h.action === 'merge' && h.field === 'merged_from')).toBe(
      true,
    );
    const reports = await ctx.db
      .select()
      .from(directoryReports)
      .where(inArray(directoryReports.serviceId, [dup.id]));
    expect(reports).toHaveLength(0);
    const withdrawn = await ctx.db
      .select()
      .from(directoryChangeRequests)
      .where(eq(directoryChangeRequests.serviceId, dup.id));
    expect(withdrawn.map((c) => c.status)).toEqual(['withdrawn']);
    expect(withdrawn[0]?.rejectionReason).toContain(keep.id);

    // Merged listings are no longer offered as duplicates, and cannot be merged twice.
    const pairs = (await duplicates()).json().pairs as { a: { id: string }; b: { id: string } }[];
    expect(pairs.some((p) => p.a.id === dup.id || p.b.id === dup.id)).toBe(false);
    const twice = await merge({ keep_id: keep.id, merge_id: dup.id, reason: 'again' });
    expect(twice.statusCode).toBe(409);
  });

  it('refuses to merge a listing into itself (400 naming merge_id) or without a reason, changing nothing', async () => {
    const one = await createTestListing(ctx.db, tenancy.icbId, { name: 'Fenham Chess Club' });
    const self = await merge({ keep_id: one.id, merge_id: one.id, reason: 'oops' });
    expect(self.statusCode).toBe(400);
    expect(self.json().errors).toEqual([expect.objectContaining({ field: 'merge_id' })]);
    const two = await createTestListing(ctx.db, tenancy.icbId, { name: 'Fenham Chess Club 2' });
    const noReason = await merge({ keep_id: one.id, merge_id: two.id, reason: '  ' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().errors).toEqual([expect.objectContaining({ field: 'reason' })]);
    expect((await loadListing(ctx.db, two.id))?.status).toBe('active');
  });

  it('answers 404 for a service of another ICB, and changes nothing', async () => {
    const mine = await createTestListing(ctx.db, tenancy.icbId, { name: 'Benwell Lunch Club' });
    const theirs = await createTestListing(ctx.db, elsewhere.icbId, { name: 'Benwell Lunch Club' });
    const res = await merge({ keep_id: mine.id, merge_id: theirs.id, reason: 'Same club' });
    expect(res.statusCode).toBe(404);
    const reverse = await merge({ keep_id: theirs.id, merge_id: mine.id, reason: 'Same club' }, admin);
    expect(reverse.statusCode).toBe(404);
    const fromThere = await merge({ keep_id: theirs.id, merge_id: mine.id, reason: 'Same club' }, otherAdmin);
    expect(fromThere.statusCode).toBe(404);
    expect(await loadListing(ctx.db, theirs.id)).toMatchObject({ status: 'active', merged_into_id: null });
    expect(await loadListing(ctx.db, mine.id)).toMatchObject({ status: 'active', merged_into_id: null });
    // Nor does the other ICB's admin see this ICB's listings in their export or duplicates.
    const theirExport = (await exportOruk(otherAdmin)).json() as { id: string }[];
    expect(theirExport.map((d) => d.id)).not.toContain(mine.id);
  });
});
