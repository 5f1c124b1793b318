// Test set-up only (imported by *.db.test.ts): listings to refer to, in each state the rules
// care about, and reads of what a request left behind.
import { eq } from 'drizzle-orm';
import type { ListingInput } from '../../../common/directory.js';
import type { Db } from '../../platform/db/client.js';
import type { TestTenancy } from '../../test/toolkit.js';
import { directoryServices } from '../directory/directory.tables.js';
import { serviceReferralSettings } from '../directory/directory-partner.tables.js';
import { createTestListing, createTestOrganization } from '../directory/listings/test-listings.js';
import { onwardEvents, onwardLinks, onwardReferrals } from './onward-referrals.tables.js';

/** A listing of an organisation that is the tenancy's VCS partner (answers in its inbox). */
export async function partnerListing(db: Db, tenancy: TestTenancy, overrides: Partial<ListingInput> = {}) {
  const org = await createTestOrganization(db, tenancy.icbId, { vcsOrganisationId: tenancy.vcsOrganisationId });
  return createTestListing(db, tenancy.icbId, { organization_id: org.id, ...overrides });
}

/** A listing of an organisation without Waymark accounts, with an address for referrals. */
export async function linkListing(db: Db, tenancy: TestTenancy, overrides: Partial<ListingInput> = {}) {
  return createTestListing(db, tenancy.icbId, { email: 'referrals@group.test.example', ...overrides });
}

export async function setReferralSettings(
  db: Db,
  serviceId: string,
  settings: { takesReferrals?: boolean; referralEmail?: string | null; replyWorkingDays?: number },
) {
  await db
    .insert(serviceReferralSettings)
    .values({ serviceId, ...settings })
    .onConflictDoUpdate({ target: serviceReferralSettings.serviceId, set: settings });
}

export async function markMerged(db: Db, serviceId: string, intoId: string) {
  await db.update(directoryServices).set({ mergedIntoId: intoId }).where(eq(directoryServices.id, serviceId));
}

export const onwardRowsOfCase = (db: Db, referralId: string) =>
  db.select().from(onwardReferrals).where(eq(onwardReferrals.referralId, referralId));

export const onwardEventsOf = (db: Db, onwardReferralId: string) =>
  db.select().from(onwardEvents).where(eq(onwardEvents.onwardReferralId, onwardReferralId));

export const linksOf = (db: Db, onwardReferralId: string) =>
  db.select().from(onwardLinks).where(eq(onwardLinks.onwardReferralId, onwardReferralId));
