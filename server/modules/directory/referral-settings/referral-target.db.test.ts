import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createTestTenancy, type TestTenancy } from '../../../test/toolkit.js';
import { directoryOrganizations, directoryServices } from '../directory.tables.js';
import { serviceReferralSettings } from '../directory-partner.tables.js';
import { createTestListing, createTestOrganization } from '../listings/test-listings.js';
import { findReferralTarget, referralSettingsOf } from './referral-target.js';

// What the onward referral reads about the chosen service: its settings or the defaults, and
// where a secure link goes (the settings' address, else the listing's, else its organisation's).

const ctx = await createTestApp();
let home: TestTenancy;
let other: TestTenancy;
const ids = { bare: '', withSettings: '', orgEmailOnly: '', merged: '', org: '' };

beforeAll(async () => {
  home = await createTestTenancy(ctx.db);
  other = await createTestTenancy(ctx.db);
  const org = await createTestOrganization(ctx.db, home.icbId, { vcsOrganisationId: home.vcsOrganisationId });
  ids.org = org.id;
  await ctx.db
    .update(directoryOrganizations)
    .set({ email: 'office@charity.example' })
    .where(eq(directoryOrganizations.id, org.id));
  const listing = (extra = {}) => createTestListing(ctx.db, home.icbId, { organization_id: org.id, ...extra });
  ids.bare = (await listing({ email: 'service@charity.example' })).id;
  ids.withSettings = (await listing({ email: 'service@charity.example', name: 'Tuesday Choir' })).id;
  ids.orgEmailOnly = (await listing({ email: null })).id;
  ids.merged = (await listing()).id;
  await ctx.db
    .update(directoryServices)
    .set({ mergedIntoId: ids.withSettings })
    .where(eq(directoryServices.id, ids.merged));
  await ctx.db.insert(serviceReferralSettings).values({
    serviceId: ids.withSettings,
    takesReferrals: false,
    takesSelfReferrals: true,
    referralEmail: 'referrals@charity.example',
    replyWorkingDays: 12,
  });
});

describe('findReferralTarget', () => {
  it('gives the defaults and the listing’s email for a service without settings', async () => {
    const target = await findReferralTarget(ctx.db, home.icbId, ids.bare);
    expect(target).toMatchObject({
      id: ids.bare,
      icbId: home.icbId,
      status: 'active',
      mergedInto: null,
      organisation: { id: ids.org, vcsOrganisationId: home.vcsOrganisationId },
      settings: {
        takesReferrals: true,
        takesSelfReferrals: false,
        referralEmail: 'service@charity.example',
        replyWorkingDays: 5,
      },
    });
  });

  it('prefers the service’s own settings and address', async () => {
    expect((await findReferralTarget(ctx.db, home.icbId, ids.withSettings))?.settings).toEqual({
      takesReferrals: false,
      takesSelfReferrals: true,
      referralEmail: 'referrals@charity.example',
      referralMobile: null,
      replyWorkingDays: 12,
    });
  });

  it('falls back to the organisation’s address when the listing has none', async () => {
    expect((await findReferralTarget(ctx.db, home.icbId, ids.orgEmailOnly))?.settings.referralEmail).toBe(
      'office@charity.example',
    );
  });

  it('names the listing a merged one was merged into', async () => {
    expect((await findReferralTarget(ctx.db, home.icbId, ids.merged))?.mergedInto).toEqual({
      id: ids.withSettings,
      name: 'Tuesday Choir',
    });
  });

  it('does not find another ICB’s service', async () => {
    expect(await findReferralTarget(ctx.db, other.icbId, ids.bare)).toBeNull();
  });
});

describe('referralSettingsOf', () => {
  it('gives each service its settings, or the defaults, and nothing for no ids', async () => {
    const map = await referralSettingsOf(ctx.db, [ids.bare, ids.withSettings]);
    expect(Object.fromEntries(map)).toEqual({
      [ids.bare]: { takesReferrals: true, takesSelfReferrals: false, replyWorkingDays: 5 },
      [ids.withSettings]: { takesReferrals: false, takesSelfReferrals: true, replyWorkingDays: 12 },
    });
    expect((await referralSettingsOf(ctx.db, [])).size).toBe(0);
  });
});
