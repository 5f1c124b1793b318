import { and, eq, gt, max } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../../../platform/audit/audit.tables.js';
import { requestsAs } from '../../../test/requests.js';
import { setUpTestApp } from '../../../test/team.js';
import { serviceReferralSettings } from '../directory-partner.tables.js';
import { createTestListing, createTestOrganization } from '../listings/test-listings.js';

// How a service takes referrals (issue 12): the settings' routes, per role, through HTTP.
// Reviewers (care coordinators, admins) set any service of their ICB; a partner sets its own
// organisation's services; anyone else's answer is 404 and nothing changes.

const { ctx, tenancy, coordinator, partner, otherPartner, otherIcbCoordinator, worker, admin } = setUpTestApp({
  tenancies: { sameIcb: 'same-icb', otherIcb: 'new-icb' },
  team: {
    coordinator: 'care_coordinator',
    admin: 'admin',
    worker: 'link_worker',
    partner: 'vcs_partner',
    otherPartner: { role: 'vcs_partner', at: 'sameIcb' },
    otherIcbCoordinator: { role: 'care_coordinator', at: 'otherIcb' },
  },
});
const { get, put } = requestsAs(ctx);

const staffUrl = (id: string) => `/api/directory/services/${id}/referral-settings`;
const ourUrl = (id: string) => `/api/directory/our-listings/${id}/referral-settings`;
const GOOD = {
  takesReferrals: true,
  takesSelfReferrals: true,
  referralEmail: 'Referrals@Walk.Example',
  replyWorkingDays: 3,
};

let ours = ''; // run by the partner's organisation
let theirs = ''; // another organisation's, same ICB
const settingsOf = async (serviceId: string) =>
  (await ctx.db.select().from(serviceReferralSettings).where(eq(serviceReferralSettings.serviceId, serviceId)))[0] ??
  null;
const lastAuditId = async () => (await ctx.db.select({ id: max(auditEvents.id) }).from(auditEvents))[0]?.id ?? 0n;

beforeAll(async () => {
  const org = await createTestOrganization(ctx.db, tenancy.icbId, { vcsOrganisationId: tenancy.vcsOrganisationId });
  ours = (await createTestListing(ctx.db, tenancy.icbId, { organization_id: org.id, email: 'walks@group.example' })).id;
  theirs = (await createTestListing(ctx.db, tenancy.icbId)).id;
}, 60_000);

describe('GET the referral settings', () => {
  it('shows the defaults, and the listing’s email, before any are saved', async () => {
    const res = await get(coordinator, staffUrl(ours));
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      service: { id: ours, name: 'Riverside Walk and Talk' },
      takesReferrals: true,
      takesSelfReferrals: false,
      referralEmail: null,
      listingEmail: 'walks@group.example',
      replyWorkingDays: 5,
      saved: false,
      updatedBy: null,
    });
    expect((await get(partner, ourUrl(ours))).json()).toMatchObject({ service: { id: ours }, saved: false });
  });

  it('is 404 for another ICB’s reviewer and another organisation’s partner; 403 without the permission', async () => {
    expect((await get(otherIcbCoordinator, staffUrl(ours))).statusCode).toBe(404);
    expect((await get(otherPartner, ourUrl(ours))).statusCode).toBe(404);
    expect((await get(partner, ourUrl(theirs))).statusCode).toBe(404);
    expect((await get(coordinator, staffUrl('00000000-0000-4000-8000-000000000000'))).statusCode).toBe(404);
    expect((await get(worker, staffUrl(ours))).statusCode).toBe(403);
    expect((await get(partner, staffUrl(ours))).statusCode).toBe(403);
    expect((await get(coordinator, ourUrl(ours))).statusCode).toBe(403);
  });
});

describe('PUT the referral settings', () => {
  it('a care coordinator sets them for a service of the ICB: saved, shown, audited with before and after', async () => {
    const before = await lastAuditId();
    const res = await put(coordinator, staffUrl(theirs), GOOD);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      takesSelfReferrals: true,
      referralEmail: 'referrals@walk.example',
      replyWorkingDays: 3,
      saved: true,
      updatedBy: coordinator.me.user.name,
    });
    expect(await settingsOf(theirs)).toMatchObject({
      takesReferrals: true,
      takesSelfReferrals: true,
      referralEmail: 'referrals@walk.example',
      replyWorkingDays: 3,
      updatedByUserId: coordinator.id,
    });
    const rows = await ctx.db
      .select()
      .from(auditEvents)
      .where(and(gt(auditEvents.id, before), eq(auditEvents.action, 'directory.referral-settings.update')));
    expect(rows.map((r) => [r.actorUserId, r.entityId, r.icbId, r.details])).toEqual([
      [
        coordinator.id,
        theirs,
        tenancy.icbId,
        {
          by: 'reviewer',
          before: null,
          after: {
            takesReferrals: true,
            takesSelfReferrals: true,
            referralEmail: 'referrals@walk.example',
            referralMobile: null,
            replyWorkingDays: 3,
          },
        },
      ],
    ]);
  });

  it('an admin (a reviewer too) changes them again: the last write wins and the audit keeps what it replaced', async () => {
    const before = await lastAuditId();
    const res = await put(admin, staffUrl(theirs), { ...GOOD, takesReferrals: false, referralEmail: '' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ takesReferrals: false, referralEmail: null });
    const [row] = await ctx.db
      .select()
      .from(auditEvents)
      .where(and(gt(auditEvents.id, before), eq(auditEvents.action, 'directory.referral-settings.update')));
    expect(row?.details).toMatchObject({
      before: { takesReferrals: true, referralEmail: 'referrals@walk.example' },
      after: { takesReferrals: false, referralEmail: null },
    });
  });

  it('a partner sets them for its own organisation’s service, directly (no moderation)', async () => {
    const res = await put(partner, ourUrl(ours), { ...GOOD, replyWorkingDays: 10 });
    expect(res.statusCode).toBe(200);
    expect(await settingsOf(ours)).toMatchObject({ replyWorkingDays: 10, updatedByUserId: partner.id });
    expect((await get(coordinator, staffUrl(ours))).json()).toMatchObject({ replyWorkingDays: 10, saved: true });
  });

  it('is 404 for another organisation’s partner or another ICB’s reviewer, and changes nothing', async () => {
    const was = await settingsOf(ours);
    expect((await put(otherPartner, ourUrl(ours), { ...GOOD, replyWorkingDays: 1 })).statusCode).toBe(404);
    expect((await put(otherIcbCoordinator, staffUrl(ours), { ...GOOD, replyWorkingDays: 1 })).statusCode).toBe(404);
    expect((await put(partner, ourUrl(theirs), { ...GOOD, replyWorkingDays: 1 })).statusCode).toBe(404);
    expect((await put(worker, staffUrl(ours), { ...GOOD, replyWorkingDays: 1 })).statusCode).toBe(403);
    expect(await settingsOf(ours)).toEqual(was);
  });

  it.each([
    ['replyWorkingDays', { replyWorkingDays: 0 }, 'must be a whole number of working days from 1 to 30'],
    ['replyWorkingDays', { replyWorkingDays: 31 }, 'must be a whole number of working days from 1 to 30'],
    ['replyWorkingDays', { replyWorkingDays: 2.5 }, 'must be a whole number of working days from 1 to 30'],
    ['referralEmail', { referralEmail: 'not an address' }, 'must be an email address, like name@example.org'],
    ['referralEmail', { referralEmail: `${'a'.repeat(250)}@x.example` }, 'must be at most 254 characters'],
    ['takesReferrals', { takesReferrals: 'yes' }, 'must be true or false'],
    ['takesSelfReferrals', { takesSelfReferrals: undefined }, 'must be true or false'],
  ])('refuses a bad %s (%j) with a 400 naming it, and changes nothing', async (field, change, message) => {
    const was = await settingsOf(ours);
    const before = await lastAuditId();
    const res = await put(partner, ourUrl(ours), { ...GOOD, ...change });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().errors).toContainEqual({ field, message });
    expect(await settingsOf(ours)).toEqual(was);
    const written = await ctx.db
      .select()
      .from(auditEvents)
      .where(and(gt(auditEvents.id, before), eq(auditEvents.action, 'directory.referral-settings.update')));
    expect(written).toEqual([]);
  });
});
