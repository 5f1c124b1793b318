import {
  type InboxItem,
  type InboxTab,
  ONWARD_STATUS_LABELS,
  type PartnerReferralView,
} from '../../../common/onward-referrals.js';
import type { DbOrTx } from '../../platform/db/client.js';
import { readTogether } from '../../platform/db/read-together.js';
import { listingRefsOf } from '../directory/organisations/organisations.service.js';
import { organisationRefs } from '../organisations/organisations.service.js';
import { findReferralInScope, teamScopeOf } from '../referrals/referrals.service.js';
import { staffByIds } from '../users/users.service.js';
import { iso, toCoreView } from './core-view.js';
import type { AttendanceRow, OnwardRow } from './partner.repository.js';

// What the organisation sees of a referral (inbox or secure link): the snapshot it was sent, who
// referred and how to reach them, and its own answers. Once its access has ended, only the shape
// remains: no shared details, no name.

export const tabOf = (row: Pick<OnwardRow, 'status' | 'viewedAt'>): InboxTab =>
  row.status === 'accepted'
    ? 'active'
    : row.status === 'declined' || row.status === 'closed'
      ? 'closed'
      : row.viewedAt
        ? 'waiting'
        : 'new';

/** A reference both sides can quote on the phone: not the person, not guessable into a case. */
export const referenceOf = (id: string) => `OR-${id.slice(0, 8).toUpperCase()}`;

export const isAnonymised = (row: Pick<OnwardRow, 'accessEndsAt'>, now: Date) =>
  row.accessEndsAt !== null && row.accessEndsAt.getTime() <= now.getTime();

export interface ServiceNames {
  service: { id: string; name: string };
  organisation: { id: string; name: string };
}

/** The names of the services (and their organisations) of these rows: one query for a page. */
export async function serviceNamesOf(
  db: DbOrTx,
  rows: readonly Pick<OnwardRow, 'icbId' | 'serviceId' | 'organizationId'>[],
): Promise<Map<string, ServiceNames>> {
  const names = new Map<string, ServiceNames>();
  const icbId = rows[0]?.icbId;
  const refs = icbId
    ? await listingRefsOf(
        db,
        icbId,
        rows.map((r) => r.serviceId),
      )
    : new Map();
  for (const row of rows) {
    const ref = refs.get(row.serviceId);
    names.set(row.serviceId, {
      service: { id: row.serviceId, name: ref?.service.name ?? 'Service' },
      organisation: { id: row.organizationId, name: ref?.organisation.name ?? 'Organisation' },
    });
  }
  return names;
}

export interface CaseWorker {
  id: string;
  name: string;
  email: string;
}

/** The worker who answers for the case now: the covering colleague, else the allocated worker, else who referred. */
export async function caseWorkerOf(
  db: DbOrTx,
  row: Pick<OnwardRow, 'icbId' | 'pcnId' | 'referralId' | 'createdByUserId'>,
): Promise<CaseWorker | null> {
  // A resident's own self-referral has no case and no worker.
  if (!row.pcnId || !row.referralId || !row.createdByUserId) return null;
  const theCase = await findReferralInScope(db, teamScopeOf({ icbId: row.icbId, pcnId: row.pcnId }), row.referralId);
  const id = theCase?.coverWorkerId ?? theCase?.allocatedWorkerId ?? row.createdByUserId;
  const [user] = await staffByIds(db, [id]);
  return user ? { id: user.id, name: user.name, email: user.email } : null;
}

export interface ReferredBy {
  name: string | null;
  team: string;
  /** A PCN has no shared mailbox in Waymark, so the worker's own address is the way to reach the team. */
  email: string | null;
}

/** Who to answer: the team's worker, or for a self-referral whoever sent it (the person, or who helped). */
export async function referredByOf(db: DbOrTx, row: OnwardRow): Promise<ReferredBy> {
  if (row.source === 'self' || !row.pcnId) {
    const details = row.sharedDetails ?? {};
    return {
      name: details.referredBy?.name ?? details.name ?? null,
      team: details.referredBy ? `Self-referral, made by their ${details.referredBy.relationship}` : 'Self-referral',
      email: details.referredBy ? details.referredBy.email : (details.email ?? null),
    };
  }
  const pcnId = row.pcnId;
  const [worker, teams] = await readTogether(db, [() => caseWorkerOf(db, row), () => organisationRefs(db, [pcnId])]);
  return {
    name: worker?.name ?? null,
    team: teams.get(pcnId)?.name ?? 'Social prescribing team',
    email: worker?.email ?? null,
  };
}

export function toPartnerView(
  row: OnwardRow,
  attendances: readonly AttendanceRow[],
  names: ServiceNames,
  referredBy: ReferredBy,
  now: Date,
): PartnerReferralView {
  const anonymised = isAnonymised(row, now);
  return {
    // The worker's and the organisation's notes may describe the person: they go with the details.
    ...toCoreView(row, names, attendances, { hideNotes: anonymised }),
    reference: referenceOf(row.id),
    source: row.source,
    tab: tabOf(row),
    sharedDetails: anonymised ? null : (row.sharedDetails ?? null),
    accessEndsAt: iso(row.accessEndsAt),
    anonymised,
    referredBy,
  };
}

export function toInboxItem(row: OnwardRow, names: ServiceNames, now: Date): InboxItem {
  const anonymised = isAnonymised(row, now);
  return {
    id: row.id,
    reference: referenceOf(row.id),
    source: row.source,
    tab: tabOf(row),
    status: row.status,
    statusLabel: ONWARD_STATUS_LABELS[row.status],
    service: names.service,
    personName: anonymised ? null : (row.sharedDetails?.name ?? null),
    receivedAt: row.createdAt.toISOString(),
    replyDueOn: row.replyDueOn,
    anonymised,
  };
}
