// Test set-up only (imported by *.db.test.ts): listings to refer to, in each state the rules
// care about, and reads of what a request left behind; onward referrals inserted straight into
// the tables as the refer use-case leaves them, so the partner's tests do not depend on it.
import { eq } from 'drizzle-orm';
import type { ListingInput } from '../../../common/directory.js';
import type { Db } from '../../platform/db/client.js';
import type { TestTenancy } from '../../test/toolkit.js';
import { directoryServices } from '../directory/directory.tables.js';
import { serviceReferralSettings } from '../directory/directory-partner.tables.js';
import { createTestListing, createTestOrganization } from '../directory/listings/test-listings.js';
import { createAllocatedReferral } from '../triage/test-referrals.js';
import { onwardAttendances, onwardEvents, onwardLinks, onwardReferrals } from './onward-referrals.tables.js';

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
  settings: {
    takesReferrals?: boolean;
    takesSelfReferrals?: boolean;
    referralEmail?: string | null;
    replyWorkingDays?: number;
  },
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

type OnwardInsert = typeof onwardReferrals.$inferInsert;

export interface TestService {
  id: string;
  name: string;
  organizationId: string;
}

/** A listing run by the tenancy's VCS organisation (so referrals to it reach the partner's inbox). */
export async function createPartnerService(db: Db, tenancy: TestTenancy, name = 'Riverside Walk and Talk') {
  const organisation = await createTestOrganization(db, tenancy.icbId, {
    vcsOrganisationId: tenancy.vcsOrganisationId,
  });
  const listing = await createTestListing(db, tenancy.icbId, { organization_id: organisation.id, name });
  return { id: listing.id, name, organizationId: organisation.id } satisfies TestService;
}

export interface TestOnward {
  id: string;
  /** The case it came from. */
  referralId: string;
  version: number;
}

/**
 * An onward referral sent to `service` from a new case of `worker` (in the tenancy's PCN), with
 * its 'sent' event; delivered to the inbox of the tenancy's VCS organisation unless told otherwise.
 */
export async function createTestOnward(
  db: Db,
  tenancy: TestTenancy,
  worker: { id: string },
  service: TestService,
  extra: Partial<OnwardInsert> = {},
): Promise<TestOnward> {
  const theCase = await createAllocatedReferral(db, tenancy, worker);
  const sentAt = extra.createdAt ?? new Date(Date.now() - 3 * 86_400_000);
  const [row] = await db
    .insert(onwardReferrals)
    .values({
      icbId: tenancy.icbId,
      pcnId: tenancy.pcnId,
      referralId: theCase.id,
      personId: theCase.personId,
      serviceId: service.id,
      organizationId: service.organizationId,
      vcsOrganisationId: tenancy.vcsOrganisationId,
      kind: 'referral',
      delivery: 'inbox',
      status: 'sent',
      consentRecordedByUserId: worker.id,
      consentRecordedAt: sentAt,
      sharedFields: ['name', 'contact', 'reason'],
      sharedDetails: { name: 'Alex Testperson', phone: '07700 900123', reason: 'Would like company on walks.' },
      note: 'Prefers mornings.',
      capacityAtSend: 'open',
      serviceStatusAtSend: 'active',
      replyDueOn: '2030-01-07',
      createdByUserId: worker.id,
      createdAt: sentAt,
      ...extra,
    })
    .returning();
  const onward = row as typeof onwardReferrals.$inferSelect;
  await db
    .insert(onwardEvents)
    .values({ onwardReferralId: onward.id, type: 'sent', at: sentAt, actorUserId: worker.id, via: 'team' });
  return { id: onward.id, referralId: theCase.id, version: onward.version };
}

/** An attendance recorded straight into the table (for states the answers alone take long to reach). */
export async function addTestAttendance(db: Db, onwardReferralId: string, on: string) {
  await db.insert(onwardAttendances).values({ onwardReferralId, kind: 'attended', on, sessions: 1 });
}
