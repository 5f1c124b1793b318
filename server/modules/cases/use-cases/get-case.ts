import type { CaseRecord } from '../../../../common/cases.js';
import { writeAudit } from '../../../platform/audit/audit.js';
import type { RequestContext } from '../../../platform/context.js';
import type { Db } from '../../../platform/db/client.js';
import { toReferralViews } from '../../referrals/referrals.service.js';
import { DISCHARGEABLE_STATUSES, isWorkable, loadCase, mayWriteCase } from './case-access.js';
import { buildTimeline } from './timeline.js';

/** The case record: the referral and one timeline of everything recorded on it. Audited read. */
export async function getCaseRecord(db: Db, ctx: RequestContext, id: string): Promise<CaseRecord> {
  const { actor, row } = await loadCase(db, ctx, id);
  const [referral] = await toReferralViews(db, [row], { withEvents: true });
  if (!referral) throw new Error('referral view missing');
  const timeline = await buildTimeline(db, { referral, pcnId: row.pcnId });
  await writeAudit(db, ctx, { action: 'case.read', entityType: 'referral', entityId: id });
  const contacts = timeline.filter((t) => t.kind === 'contact');
  const writer = mayWriteCase(actor, row) && isWorkable(row.status);
  return {
    referral,
    timeline,
    contacts: { total: contacts.length, attended: contacts.filter((c) => c.outcome === 'attended').length },
    may: {
      write: writer,
      discharge: writer && (DISCHARGEABLE_STATUSES as readonly string[]).includes(row.status),
      reassign: actor.role === 'team_lead' && isWorkable(row.status),
    },
  };
}
