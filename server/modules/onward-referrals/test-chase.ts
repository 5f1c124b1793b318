// Test set-up only (imported by *.db.test.ts): onward referrals inserted straight into the
// tables, as sending and answering would leave them, so the chase, the purge and the task list
// are tested without depending on the worker's and the partner's routes.
import type { Db } from '../../platform/db/client.js';
import type { TestTenancy } from '../../test/toolkit.js';
import { onwardReferrals } from './onward-referrals.tables.js';

type OnwardInsert = typeof onwardReferrals.$inferInsert;

export interface OnwardCase {
  referralId: string;
  personId: string;
  workerId: string;
}

/**
 * A referral sent from `theCase` to `service` by its worker, with consent and the person's name
 * shared; still waiting for the organisation unless `extra` says otherwise.
 */
export async function createTestOnwardReferral(
  db: Db,
  tenancy: TestTenancy,
  theCase: OnwardCase,
  service: { id: string; organizationId: string },
  extra: Partial<OnwardInsert> = {},
): Promise<typeof onwardReferrals.$inferSelect> {
  const [row] = await db
    .insert(onwardReferrals)
    .values({
      icbId: tenancy.icbId,
      pcnId: tenancy.pcnId,
      referralId: theCase.referralId,
      personId: theCase.personId,
      serviceId: service.id,
      organizationId: service.organizationId,
      kind: 'referral',
      delivery: 'link',
      status: 'sent',
      consentRecordedByUserId: theCase.workerId,
      consentRecordedAt: new Date(),
      sharedFields: ['name'],
      sharedDetails: { name: 'Synthetic Person' },
      capacityAtSend: 'open',
      serviceStatusAtSend: 'active',
      replyDueOn: '2020-01-06',
      createdByUserId: theCase.workerId,
      ...extra,
    })
    .returning();
  return row as typeof onwardReferrals.$inferSelect;
}

/** A signpost: nothing shared, nothing to answer. */
export function signpostOf(extra: Partial<OnwardInsert> = {}): Partial<OnwardInsert> {
  return {
    kind: 'signpost',
    delivery: null,
    status: 'signposted',
    consentRecordedByUserId: null,
    consentRecordedAt: null,
    sharedFields: [],
    sharedDetails: null,
    replyDueOn: null,
    ...extra,
  };
}
