import type { OnwardReferralView } from '../../../common/onward-referrals.js';
import type { DbOrTx } from '../../platform/db/client.js';
import { type ListingRef, listingRefsOf } from '../directory/organisations/organisations.service.js';
import { userNames } from '../users/users.service.js';
import { toCoreView } from './core-view.js';
import type { OnwardAttendanceRow, OnwardLinkRow, OnwardReferralRow } from './onward-referrals.repository.js';
import type { TeamOnward } from './onward-source.js';

// The team's view of an onward referral (the case record), mapped from its row and children.

export type { ListingRef };

/**
 * The listing's and organisation's names as they are now, through the directory's service (a
 * renamed listing shows its new name). A listing no longer found keeps a plain placeholder.
 */
export const listingRefs = listingRefsOf;

export const refOf = (refs: Map<string, ListingRef>, row: OnwardReferralRow): ListingRef =>
  refs.get(row.serviceId) ?? {
    service: { id: row.serviceId, name: 'A service no longer listed' },
    organisation: { id: row.organizationId, name: 'Unknown organisation' },
  };

export function linkState(link: OnwardLinkRow, now = new Date()): 'active' | 'expired' | 'revoked' {
  if (link.revokedAt) return 'revoked';
  return link.expiresAt.getTime() <= now.getTime() ? 'expired' : 'active';
}

const _iso = (d: Date | null) => d?.toISOString() ?? null;

export interface ViewParts {
  refs: Map<string, ListingRef>;
  attendances: OnwardAttendanceRow[];
  links: Map<string, OnwardLinkRow>;
  names: Map<string, string>;
}

export function toOnwardReferralView(row: TeamOnward<OnwardReferralRow>, parts: ViewParts): OnwardReferralView {
  const ref = refOf(parts.refs, row);
  const attendance = parts.attendances.filter((a) => a.onwardReferralId === row.id);
  const link = parts.links.get(row.id);
  const person = (id: string | null) => (id ? { name: parts.names.get(id) ?? 'Unknown user' } : null);
  return {
    ...toCoreView(row, ref, attendance),
    referralId: row.referralId,
    delivery: row.delivery,
    createdBy: person(row.createdByUserId),
    consent:
      row.consentRecordedAt && row.consentRecordedByUserId
        ? { recordedBy: person(row.consentRecordedByUserId), at: row.consentRecordedAt.toISOString() }
        : null,
    sharedFields: row.sharedFields,
    sharedDetails: row.sharedDetails ?? null,
    link: link
      ? {
          email: link.email,
          mobile: link.mobile,
          state: linkState(link),
          createdAt: link.createdAt.toISOString(),
          expiresAt: link.expiresAt.toISOString(),
        }
      : null,
  };
}

/** Names of everyone a set of rows points at (creator, consent recorder). */
export async function namesOf(db: DbOrTx, rows: TeamOnward<OnwardReferralRow>[]): Promise<Map<string, string>> {
  return userNames(
    db,
    rows.flatMap((r) => [r.createdByUserId, ...(r.consentRecordedByUserId ? [r.consentRecordedByUserId] : [])]),
  );
}
