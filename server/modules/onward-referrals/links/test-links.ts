// Test set-up only (imported by *.db.test.ts): an onward referral sent by secure link, inserted
// straight into the tables as the refer use-case would leave it, and its link issued for real.
import { and, desc, eq, sql } from 'drizzle-orm';
import type { SharedDetails } from '../../../../common/onward-referrals.js';
import type { SignedInContext } from '../../../platform/context.js';
import type { Db } from '../../../platform/db/client.js';
import type { TestTenancy } from '../../../test/toolkit.js';
import { createTestListing } from '../../directory/listings/test-listings.js';
import { outbox } from '../../notifications/notifications.tables.js';
import { createAllocatedReferral } from '../../triage/test-referrals.js';
import { onwardLinks, onwardReferrals } from '../onward-referrals.tables.js';
import { issueSecureLink } from './issue-link.js';

let n = 0;

export const TEST_SHARED: SharedDetails = {
  name: 'Alex Testperson',
  phone: '07700 900123',
  preferredContact: 'phone',
  reason: 'Would like company on walks after a bereavement.',
};

export interface TestLinkedReferral {
  onwardId: string;
  serviceId: string;
  serviceName: string;
  email: string;
  token: string;
  linkId: string;
}

/** The context of the worker who sent it (issueSecureLink audits as them). */
function workerContext(tenancy: TestTenancy, workerId: string): SignedInContext {
  return {
    actor: {
      userId: workerId,
      name: 'Test Worker',
      role: 'link_worker',
      scope: { kind: 'pcn', icbId: tenancy.icbId, pcnId: tenancy.pcnId },
      permissions: [],
    },
    ip: null,
    requestId: null,
  };
}

/** The token of the newest link emailed to `email`, read from the outbox as the organisation would. */
export async function tokenEmailedTo(db: Db, email: string): Promise<string> {
  const [row] = await db
    .select({ text: sql<string>`${outbox.payload}->>'text'` })
    .from(outbox)
    .where(and(sql`${outbox.payload}->>'to' = ${email}`, sql`${outbox.payload}->>'text' LIKE '%#token=%'`))
    .orderBy(desc(outbox.id))
    .limit(1);
  const token = /#token=([A-Za-z0-9_-]+)/.exec(row?.text ?? '')?.[1];
  if (!token) throw new Error(`no link emailed to ${email}`);
  return token;
}

/** The newest one-time code emailed to `email`. */
export async function codeEmailedTo(db: Db, email: string): Promise<string> {
  const [row] = await db
    .select({ text: sql<string>`${outbox.payload}->>'text'` })
    .from(outbox)
    .where(and(sql`${outbox.payload}->>'to' = ${email}`, sql`${outbox.payload}->>'text' LIKE '%one-time code is%'`))
    .orderBy(desc(outbox.id))
    .limit(1);
  const code = /one-time code is (\d{6})/.exec(row?.text ?? '')?.[1];
  if (!code) throw new Error(`no code emailed to ${email}`);
  return code;
}

/**
 * An onward referral of the case `referralId`, sent by `workerId` to a new listing of an
 * organisation without partner users, with a live secure link to a unique address.
 */
export async function createLinkedReferral(
  db: Db,
  tenancy: TestTenancy,
  c: { referralId: string; personId: string; workerId: string },
  extra: Partial<typeof onwardReferrals.$inferInsert> = {},
): Promise<TestLinkedReferral> {
  n += 1;
  const listing = await createTestListing(db, tenancy.icbId, { name: `Link Walkers ${n}` });
  const email = `referrals.${n}.${Math.random().toString(36).slice(2, 8)}@walkers.test.example`;
  const now = new Date();
  const [row] = await db
    .insert(onwardReferrals)
    .values({
      icbId: tenancy.icbId,
      pcnId: tenancy.pcnId,
      referralId: c.referralId,
      personId: c.personId,
      serviceId: listing.id,
      organizationId: listing.organization_id,
      vcsOrganisationId: null,
      kind: 'referral',
      delivery: 'link',
      status: 'sent',
      consentRecordedByUserId: c.workerId,
      consentRecordedAt: now,
      sharedFields: ['name', 'contact', 'reason'],
      sharedDetails: TEST_SHARED,
      note: 'Prefers mornings.',
      capacityAtSend: 'open',
      serviceStatusAtSend: 'active',
      replyDueOn: '2030-01-07',
      createdByUserId: c.workerId,
      ...extra,
    })
    .returning({ id: onwardReferrals.id });
  const onwardId = (row as { id: string }).id;
  const { linkId } = await db.transaction((tx) =>
    issueSecureLink(
      tx,
      workerContext(tenancy, c.workerId),
      { id: onwardId, icbId: tenancy.icbId, serviceName: listing.name, teamName: 'Test PCN' },
      { email },
      { publicUrl: 'https://waymark.test.example', linkDays: 14 },
    ),
  );
  return {
    onwardId,
    serviceId: listing.id,
    serviceName: listing.name,
    email,
    token: await tokenEmailedTo(db, email),
    linkId,
  };
}

/** A new case allocated to `worker`, with an onward referral of it sent by secure link. */
export async function createLinkedCase(db: Db, tenancy: TestTenancy, worker: { id: string }) {
  const referral = await createAllocatedReferral(db, tenancy, worker);
  const linked = await createLinkedReferral(db, tenancy, {
    referralId: referral.id,
    personId: referral.personId,
    workerId: worker.id,
  });
  return { ...linked, caseId: referral.id };
}

/** Moves a link's expiry into the past (or anywhere). */
export async function expireLink(db: Db, linkId: string, at = new Date(Date.now() - 60_000)): Promise<void> {
  await db.update(onwardLinks).set({ expiresAt: at }).where(eq(onwardLinks.id, linkId));
}
