import { referralReference } from '../../../../common/referrals.js';
import {
  PUBLIC_GROUP_STATUS_WORDS,
  PUBLIC_STATUS_WORDS,
  type SelfReferralStatus,
} from '../../../../common/self-referral.js';
import { writeAuditAlone } from '../../../platform/audit/audit.js';
import type { RequestContext } from '../../../platform/context.js';
import type { Db } from '../../../platform/db/client.js';
import { AppError } from '../../../platform/errors.js';
import { findServiceSelfReferral } from '../../onward-referrals/onward-referrals.service.js';
import { findPcnContact } from '../../organisations/organisations.service.js';
import * as selfRepo from '../self-referral.repository.js';

// A resident checks a self-referral's status with its reference and the person's date of birth
// (issue 14, point 4). The answer is the status in words and the team's contact details only.
// "No such reference" and "wrong date of birth" answer alike (404, same words, same work), so
// the check cannot tell anyone which references exist; the routes rate limit it.

const REFERENCE = /^WM-?([0-9A-F]{4})-?([0-9A-F]{4})$/;
/** A self-referral straight to a community group: its onward referral's reference. */
const GROUP_REFERENCE = /^OR-?([0-9A-F]{8})$/;
export const NOT_FOUND_MESSAGE =
  'We could not find a referral with that reference and date of birth. Check both and try again.';

export async function selfReferralStatus(
  db: Db,
  ctx: RequestContext,
  query: { reference: string; dateOfBirth: string },
): Promise<SelfReferralStatus> {
  const reference = query.reference.trim().toUpperCase().replace(/\s+/g, '');
  const group = GROUP_REFERENCE.exec(reference);
  if (group) return groupStatus(db, ctx, (group[1] as string).toLowerCase(), query.dateOfBirth);
  const match = REFERENCE.exec(reference);
  const rows = match ? await selfRepo.findSelfReferralsByReference(db, `${match[1]}${match[2]}`.toLowerCase()) : [];
  const found = rows.find((r) => r.personDetails.dateOfBirth === query.dateOfBirth && r.spamMarkedAt === null);
  const team = found ? await findPcnContact(db, found.pcnId) : null;
  if (!found || !team) throw new AppError('not_found', { userMessage: NOT_FOUND_MESSAGE });
  await writeAuditAlone(db, ctx, {
    action: 'referral.status-checked',
    entityType: 'referral',
    entityId: found.id,
    icbId: found.icbId,
  });
  const words = PUBLIC_STATUS_WORDS[found.status] ?? { title: 'Received', detail: '' };
  return { reference: referralReference(found.id), status: found.status, ...words, team };
}

async function groupStatus(
  db: Db,
  ctx: RequestContext,
  hex8: string,
  dateOfBirth: string,
): Promise<SelfReferralStatus> {
  const found = await findServiceSelfReferral(db, hex8, dateOfBirth);
  if (!found) throw new AppError('not_found', { userMessage: NOT_FOUND_MESSAGE });
  await writeAuditAlone(db, ctx, {
    action: 'onward.self-referral.status-checked',
    entityType: 'onward_referral',
    entityId: found.id,
    icbId: found.icbId,
  });
  const words = PUBLIC_GROUP_STATUS_WORDS[found.status] ?? { title: 'Sent', detail: '' };
  return { reference: found.reference, status: found.status, ...words, team: found.group };
}
