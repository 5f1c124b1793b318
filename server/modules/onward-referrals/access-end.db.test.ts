import { and, eq, gt, inArray, max, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../../platform/audit/audit.tables.js';
import { setUpTestApp } from '../../test/team.js';
import { createTestTenancy, createTestUser } from '../../test/toolkit.js';
import { createTestListing, createTestOrganization } from '../directory/listings/test-listings.js';
import { createAllocatedReferral } from '../triage/test-referrals.js';
import { endPartnerAccess } from './chase.service.js';
import { onwardReferrals } from './onward-referrals.tables.js';
import { createTestOnwardReferral } from './test-chase.js';

// Ending an organisation's access (issue 12, point 4): once accessEndsAt has passed, the daily
// purge removes the details that were shared with the organisation, and says so in the audit
// trail of each ICB, with the count.

const { ctx, tenancy } = setUpTestApp();
const DAY = 86_400_000;
const ago = (days: number) => new Date(Date.now() - days * DAY);
const ids: Record<'ended' | 'endsLater' | 'open' | 'otherIcb', string> = {
  ended: '',
  endsLater: '',
  open: '',
  otherIcb: '',
};
let otherIcbId = '';

const detailsOf = async (id: string) =>
  (await ctx.db.select().from(onwardReferrals).where(eq(onwardReferrals.id, id)))[0];

beforeAll(async () => {
  const other = await createTestTenancy(ctx.db);
  otherIcbId = other.icbId;
  for (const [t, keys] of [
    [tenancy, ['ended', 'endsLater', 'open']],
    [other, ['otherIcb']],
  ] as const) {
    const worker = await createTestUser(ctx.db, t, 'link_worker');
    const c = await createAllocatedReferral(ctx.db, t, worker);
    const org = await createTestOrganization(ctx.db, t.icbId);
    const listing = await createTestListing(ctx.db, t.icbId, { organization_id: org.id });
    const send = (extra = {}) =>
      createTestOnwardReferral(
        ctx.db,
        t,
        { referralId: c.id, personId: c.personId, workerId: worker.id },
        { id: listing.id, organizationId: org.id },
        extra,
      );
    for (const key of keys) {
      const extra =
        key === 'open'
          ? { status: 'accepted' as const, acceptedAt: ago(100) }
          : key === 'endsLater'
            ? { status: 'closed' as const, closedAt: ago(10), accessEndsAt: new Date(Date.now() + 80 * DAY) }
            : {
                status: 'declined' as const,
                declinedAt: ago(91),
                declineReason: 'service_full' as const,
                accessEndsAt: ago(1),
              };
      ids[key] = (await send(extra)).id;
    }
  }
}, 60_000);

describe('the daily purge of shared details', () => {
  it('removes the details of referrals whose access has ended, in every ICB, and no others', async () => {
    const [{ last } = { last: 0n }] = await ctx.db.select({ last: max(auditEvents.id) }).from(auditEvents);
    const report = await endPartnerAccess(ctx.db, { now: new Date() });
    expect(report.ended).toBe(2);
    expect((await detailsOf(ids.ended))?.sharedDetails).toBeNull();
    expect((await detailsOf(ids.otherIcb))?.sharedDetails).toBeNull();
    // SQL NULL, not a JSON null: nothing of the snapshot is left.
    const gone = await ctx.db
      .select({ id: onwardReferrals.id })
      .from(onwardReferrals)
      .where(
        and(inArray(onwardReferrals.id, [ids.ended, ids.otherIcb]), sql`${onwardReferrals.sharedDetails} IS NULL`),
      );
    expect(gone).toHaveLength(2);
    // What was shared is still known (which fields), only the values are gone.
    expect((await detailsOf(ids.ended))?.sharedFields).toEqual(['name']);
    expect((await detailsOf(ids.endsLater))?.sharedDetails).toEqual({ name: 'Synthetic Person' });
    expect((await detailsOf(ids.open))?.sharedDetails).toEqual({ name: 'Synthetic Person' });

    const rows = await ctx.db
      .select()
      .from(auditEvents)
      .where(and(gt(auditEvents.id, last ?? 0n), eq(auditEvents.action, 'onward.access-ended')));
    expect(
      rows
        .map((r) => ({ icbId: r.icbId, actor: r.actorUserId, outcome: r.outcome, details: r.details }))
        .sort((a, b) => String(a.icbId).localeCompare(String(b.icbId))),
    ).toEqual(
      [
        {
          icbId: tenancy.icbId,
          actor: null,
          outcome: 'success',
          details: { count: 1, onwardReferralIds: [ids.ended] },
        },
        {
          icbId: otherIcbId,
          actor: null,
          outcome: 'success',
          details: { count: 1, onwardReferralIds: [ids.otherIcb] },
        },
      ].sort((a, b) => a.icbId.localeCompare(b.icbId)),
    );
  });

  it('finds nothing left on the next run, and writes no audit row for nothing', async () => {
    const [{ last } = { last: 0n }] = await ctx.db.select({ last: max(auditEvents.id) }).from(auditEvents);
    expect(await endPartnerAccess(ctx.db, { now: new Date() })).toEqual({ ended: 0 });
    const rows = await ctx.db
      .select()
      .from(auditEvents)
      .where(and(gt(auditEvents.id, last ?? 0n), eq(auditEvents.action, 'onward.access-ended')));
    expect(rows).toEqual([]);
  });

  it('removes the rest once their access ends too', async () => {
    expect(await endPartnerAccess(ctx.db, { now: new Date(Date.now() + 81 * DAY) })).toEqual({ ended: 1 });
    expect((await detailsOf(ids.endsLater))?.sharedDetails).toBeNull();
    expect((await detailsOf(ids.open))?.sharedDetails).toEqual({ name: 'Synthetic Person' });
  });
});
