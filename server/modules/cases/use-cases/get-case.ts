import type { CaseRecord } from '../../../../common/cases.js';
import { writeAuditAlone } from '../../../platform/audit/audit.js';
import type { SignedInContext } from '../../../platform/context.js';
import type { Db } from '../../../platform/db/client.js';
import {
  DISCHARGEABLE_STATUSES,
  isWorkable,
  loadCase,
  mayWriteCase,
  toReferralViews,
} from '../../referrals/referrals.service.js';
import { userNames } from '../../users/users.service.js';
import * as repo from '../cases.repository.js';
import { toPlannedContact } from './planned-contacts.js';
import { buildTimeline, timelinePresence } from './timeline.js';

/** Bookings neither settled by a contact nor called off, soonest first (as findOpenPlannedContacts orders them). */
function openSoonestFirst(rows: repo.PlannedContactRow[]): repo.PlannedContactRow[] {
  return rows
    .filter((p) => p.settledByContactId === null && p.cancelledAt === null)
    .sort((a, b) => a.plannedFor.getTime() - b.plannedFor.getTime() || a.createdAt.getTime() - b.createdAt.getTime());
}

/** The case record: the referral and one timeline of everything recorded on it. Audited read. */
export async function getCaseRecord(db: Db, ctx: SignedInContext, id: string): Promise<CaseRecord> {
  const { actor, row } = await loadCase(db, ctx, id);
  const [referral] = await toReferralViews(db, actor.scope, [row], { withEvents: true });
  if (!referral) throw new Error('referral view missing');
  // Read once: every booking shows on the timeline, the open ones also as what is ahead.
  const present = await timelinePresence(db, actor.scope, row.id);
  const booked = present.plannedContacts ? await repo.findPlannedContacts(db, actor.scope, row.id) : [];
  const timeline = await buildTimeline(db, { referral, scope: actor.scope, present, plannedContacts: booked });
  // A closed case has nothing ahead, even if it was closed some way that left a booking open.
  const planned = isWorkable(row.status) ? openSoonestFirst(booked) : [];
  const plannerNames = await userNames(
    db,
    planned.map((p) => p.createdByUserId),
  );
  await writeAuditAlone(db, ctx, { action: 'case.read', entityType: 'referral', entityId: id });
  const contacts = timeline.filter((t) => t.kind === 'contact');
  const writer = mayWriteCase(actor, row) && isWorkable(row.status);
  return {
    referral,
    timeline,
    plannedContacts: planned.map((p) => toPlannedContact(p, plannerNames.get(p.createdByUserId) ?? null)),
    contacts: { total: contacts.length, attended: contacts.filter((c) => c.outcome === 'attended').length },
    may: {
      write: writer,
      discharge: writer && (DISCHARGEABLE_STATUSES as readonly string[]).includes(row.status),
      reassign: actor.role === 'team_lead' && isWorkable(row.status),
    },
  };
}
