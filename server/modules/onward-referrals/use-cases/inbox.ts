import type { Inbox, InboxTab, PartnerReferralView } from '../../../../common/onward-referrals.js';
import { writeAuditAlone } from '../../../platform/audit/audit.js';
import type { SignedInContext } from '../../../platform/context.js';
import type { Db, DbOrTx } from '../../../platform/db/client.js';
import { notFound } from '../../../platform/errors.js';
import { publish } from '../../../platform/realtime.js';
import * as repo from '../partner.repository.js';
import { referredByOf, type ServiceNames, serviceNamesOf, toInboxItem, toPartnerView } from '../partner-views.js';
import type { Answerer } from './answer.js';

// The partner's inbox (four tabs with their counts) and one referral as the organisation sees it.
// Opening a referral for the first time moves it from "new" to "waiting for reply" and tells the
// team; reading personal details is audited, as every read of personal data is.

/** Enough for any real inbox tab; the closed tab shows the latest first. */
const INBOX_LIMIT = 200;

export async function getInbox(db: Db, ctx: SignedInContext, tab: InboxTab, now = new Date()): Promise<Inbox> {
  const scope = ctx.actor.scope;
  const [rows, counts] = await Promise.all([repo.inboxPage(db, scope, tab, INBOX_LIMIT), repo.inboxCounts(db, scope)]);
  const names = await serviceNamesOf(db, rows);
  return {
    tab,
    items: rows.map((row) => toInboxItem(row, names.get(row.serviceId) as ServiceNames, now)),
    counts,
  };
}

/** A partner opens a referral of its organisation: marked viewed the first time, the read audited. */
export async function openPartnerReferral(
  db: Db,
  ctx: SignedInContext,
  id: string,
  now = new Date(),
): Promise<PartnerReferralView> {
  const row = await repo.findInPartnerScope(db, ctx.actor.scope, id);
  if (!row) throw notFound('referral');
  await recordFirstView(db, { via: 'inbox', ctx }, row, now);
  const view = await loadPartnerView(db, { via: 'inbox', ctx }, id, now);
  if (!view.anonymised)
    await writeAuditAlone(db, ctx, {
      action: 'onward.read',
      entityType: 'onward_referral',
      entityId: id,
      details: { via: 'inbox', fields: row.sharedFields },
    });
  return view;
}

/**
 * The first opening by the organisation (a partner, or a link holder after its code): an event on
 * the case timeline and a notice to the team and the organisation. A later opening changes nothing.
 */
export async function recordFirstView(
  db: Db,
  viewer: Answerer,
  row: Pick<repo.OnwardRow, 'id' | 'status' | 'viewedAt' | 'pcnId' | 'referralId' | 'vcsOrganisationId'>,
  now = new Date(),
): Promise<void> {
  if (row.viewedAt || row.status !== 'sent') return;
  await db.transaction(async (tx) => {
    if (!(await repo.markViewed(tx, row.id, now))) return;
    await repo.insertEvent(tx, {
      onwardReferralId: row.id,
      type: 'viewed',
      at: now,
      actorUserId: viewer.via === 'inbox' ? viewer.ctx.actor.userId : null,
      via: viewer.via,
      details: viewer.via === 'link' ? { linkId: viewer.linkId } : {},
    });
    // A resident's own self-referral has no team to tell.
    if (row.pcnId && row.referralId) {
      await publish(tx, { type: 'onward.changed', pcnId: row.pcnId, referralId: row.referralId });
    }
    if (row.vcsOrganisationId) await publish(tx, { type: 'onward.changed', vcsOrganisationId: row.vcsOrganisationId });
  });
}

/** The organisation's view of a referral this answerer may see (after an answer, or to show it). */
export async function loadPartnerView(
  db: DbOrTx,
  viewer: Answerer,
  id: string,
  now = new Date(),
): Promise<PartnerReferralView> {
  const row =
    viewer.via === 'inbox'
      ? await repo.findInPartnerScope(db, viewer.ctx.actor.scope, id)
      : id === viewer.onwardReferralId
        ? await repo.findForLink(db, id)
        : null;
  if (!row) throw notFound('referral');
  const [attendances, names, referredBy] = await Promise.all([
    repo.attendancesOf(db, id),
    serviceNamesOf(db, [row]),
    referredByOf(db, row),
  ]);
  return toPartnerView(row, attendances, names.get(row.serviceId) as ServiceNames, referredBy, now);
}
