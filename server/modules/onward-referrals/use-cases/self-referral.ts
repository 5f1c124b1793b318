import type { SharedDetails, SharedField } from '../../../../common/onward-referrals.js';
import type { Config } from '../../../config.js';
import { writeAudit } from '../../../platform/audit/audit.js';
import type { RequestContext } from '../../../platform/context.js';
import type { DbOrTx, Tx } from '../../../platform/db/client.js';
import { type FieldError, validationError } from '../../../platform/errors.js';
import { publish } from '../../../platform/realtime.js';
import { addWorkingDays, londonDate } from '../../../platform/working-days.js';
import {
  findReferralTarget,
  type LinkAddress,
  linkAddressOf,
  publicContactOf,
  type ReferralTarget,
  selfReferralOpen,
} from '../../directory/referral-settings/referral-settings.service.js';
import { activePartnersOf } from '../../users/users.service.js';
import { issueSecureLink } from '../links/issue-link.js';
import * as repo from '../onward-referrals.repository.js';
import { referenceOf } from '../partner-views.js';
import { tellPartners } from './refer.js';

// A resident refers themselves straight to a community group whose listing takes self-referrals
// (issue 14, point 3). The referrals module runs the public journey (its questions, start token,
// idempotency and limits); this is where the answers become an onward referral of source 'self'
// and reach the organisation the same way a team's does: its partner users' inbox, or a secure
// link by email. No team, case or person record is made: the organisation holds what the
// resident gave, for as long as its access lasts.

export interface ServiceSelfReferral {
  serviceId: string;
  /** What the resident gave, as the organisation will read it. */
  details: SharedDetails;
}

export interface ServiceSelfReferralSent {
  id: string;
  reference: string;
  icbId: string;
  serviceName: string;
  organisationName: string;
  /** The same person's earlier self-referral to this group, which these answers were added to. */
  folded: boolean;
}

/** Why a listing cannot take this self-referral, in the resident's words (null: it can). */
function refusalOf(target: ReferralTarget | null): string | null {
  if (!target || target.mergedInto || target.status === 'defunct') return 'is not a group in the directory';
  if (!target.settings.takesSelfReferrals) {
    return 'does not take self-referrals: contact the group, or ask your GP surgery about social prescribing';
  }
  if (!selfReferralOpen(target)) return 'is not taking new people at the moment: contact the group to ask when it will';
  return null;
}

/** Why the listing cannot take a self-referral now, as the error of `serviceId`; null when it can. */
export async function selfReferralRefusal(db: DbOrTx, serviceId: string): Promise<FieldError | null> {
  const refusal = refusalOf(await findReferralTarget(db, null, serviceId));
  return refusal ? { field: 'serviceId', message: refusal } : null;
}

async function openTarget(db: DbOrTx, serviceId: string): Promise<ReferralTarget> {
  const target = await findReferralTarget(db, null, serviceId);
  const refusal = refusalOf(target);
  if (refusal || !target) throw validationError([{ field: 'serviceId', message: refusal ?? 'is not known' }]);
  return target;
}

const SHARED_BY_KEY: [keyof SharedDetails, SharedField][] = [
  ['name', 'name'],
  ['phone', 'contact'],
  ['email', 'contact'],
  ['contactTimes', 'contact_times'],
  ['reason', 'reason'],
  ['accessNeeds', 'access_needs'],
  ['language', 'language'],
];

export async function sendServiceSelfReferral(
  tx: Tx,
  ctx: RequestContext,
  config: Pick<Config, 'publicUrl' | 'ONWARD_LINK_DAYS'>,
  input: ServiceSelfReferral,
  now = new Date(),
): Promise<ServiceSelfReferralSent> {
  const target = await openTarget(tx, input.serviceId);
  const partnerOrg = target.organisation.vcsOrganisationId;
  const partners = partnerOrg ? await activePartnersOf(tx, partnerOrg) : [];
  const delivery = partners.length > 0 ? 'inbox' : 'link';
  const address = linkAddressOf(target.settings);
  if (delivery === 'link' && !address) {
    throw validationError([
      { field: 'serviceId', message: 'cannot receive referrals at the moment: contact the group' },
    ]);
  }
  const folded = await foldIntoRecent(tx, ctx, target, input.details, now);
  if (folded) return folded;
  const sharedFields = [
    ...new Set(SHARED_BY_KEY.filter(([key]) => input.details[key] != null).map(([, field]) => field)),
  ];
  const inserted = await repo.insertOnwardReferral(tx, {
    source: 'self',
    icbId: target.icbId,
    serviceId: target.id,
    organizationId: target.organisation.id,
    kind: 'referral',
    status: 'sent',
    delivery,
    vcsOrganisationId: delivery === 'inbox' ? partnerOrg : null,
    consentRecordedAt: now,
    sharedFields,
    sharedDetails: input.details,
    capacityAtSend: target.referralCapacity,
    serviceStatusAtSend: target.status,
    replyDueOn: addWorkingDays(londonDate(now), target.settings.replyWorkingDays),
  });
  await repo.insertOnwardEvent(tx, {
    onwardReferralId: inserted.id,
    type: 'sent',
    actorUserId: null,
    via: 'system',
    details: { delivery, source: 'self' },
  });
  await writeAudit(tx, ctx, {
    action: 'onward.self-referral',
    entityType: 'onward_referral',
    entityId: inserted.id,
    icbId: target.icbId,
    details: { serviceId: target.id, delivery, sharedFields },
  });
  if (delivery === 'link') {
    await issueSecureLink(
      tx,
      ctx,
      {
        id: inserted.id,
        icbId: target.icbId,
        serviceName: target.name,
        teamName: 'a self-referral',
        selfReferral: true,
      },
      address as LinkAddress,
      { publicUrl: config.publicUrl, linkDays: config.ONWARD_LINK_DAYS },
      now,
    );
  } else {
    await tellPartners(tx, config, partners, { id: inserted.id, serviceName: target.name, from: 'Someone has sent' });
    await publish(tx, { type: 'onward.changed', vcsOrganisationId: partnerOrg as string });
  }
  return {
    id: inserted.id,
    reference: referenceOf(inserted.id),
    icbId: target.icbId,
    serviceName: target.name,
    organisationName: target.organisation.name,
    folded: false,
  };
}

export interface ServiceSelfReferralState {
  id: string;
  icbId: string;
  reference: string;
  status: string;
  group: { name: string; phone: string | null; email: string | null };
}

/**
 * The self-referral with this reference (`OR-` and the id's first 8 hex digits) whose date of birth
 * is this one, or null: the caller answers "not found" alike for either miss.
 */
export async function findServiceSelfReferral(
  db: DbOrTx,
  hex8: string,
  dateOfBirth: string,
): Promise<ServiceSelfReferralState | null> {
  const rows = await repo.findSelfReferralsByReference(db, hex8);
  const found = rows.find((r) => r.sharedDetails?.dateOfBirth === dateOfBirth);
  if (!found) return null;
  const [target, contact] = [
    await findReferralTarget(db, found.icbId, found.serviceId),
    await publicContactOf(db, found.serviceId),
  ];
  return {
    id: found.id,
    icbId: found.icbId,
    reference: referenceOf(found.id),
    status: found.status,
    group: { name: target?.name ?? 'The group', ...contact },
  };
}

/** A repeat within this window, by the same person to the same group, is folded into the first. */
export const FOLD_WINDOW_HOURS = 24;

const same = (a: string | null | undefined, b: string | null | undefined) =>
  !!a && !!b && a.trim().toLowerCase() === b.trim().toLowerCase();

/**
 * The same person (name, date of birth and a phone, email or postcode in common) self-referred to
 * this group within the window and it has not answered yet: their new answers become a note on
 * that referral, whose reference is answered, instead of a second referral in the inbox.
 */
async function foldIntoRecent(
  tx: Tx,
  ctx: RequestContext,
  target: ReferralTarget,
  details: SharedDetails,
  now: Date,
): Promise<ServiceSelfReferralSent | null> {
  if (!details.dateOfBirth || !details.name) return null;
  await repo.lockSelfReferralKey(tx, [target.id, details.dateOfBirth, details.name.toLowerCase()].join(':'));
  const since = new Date(now.getTime() - FOLD_WINDOW_HOURS * 3_600_000);
  const recent = await repo.findRecentSelfReferrals(tx, target.id, details.dateOfBirth, since);
  const earlier = recent.find(
    ({ sharedDetails: d, status }) =>
      status === 'sent' &&
      same(d?.name, details.name) &&
      (same(d?.phone, details.phone) || same(d?.email, details.email) || same(d?.postcode, details.postcode)),
  );
  if (!earlier) return null;
  const at = new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/London' });
  const again = [
    `Sent again on ${at.format(now)}.`,
    details.reason ? `They said: ${details.reason}` : null,
    details.contactTimes ? `Good times to contact: ${details.contactTimes}` : null,
  ]
    .filter(Boolean)
    .join(' ');
  // The note keeps within its 2,000 characters: the newest repeat is what the group needs.
  const note = [earlier.note, again].filter(Boolean).join('\n\n').slice(-2000);
  await repo.addNoteToSelfReferral(tx, earlier.id, note, now);
  await writeAudit(tx, ctx, {
    action: 'onward.self-referral-folded',
    entityType: 'onward_referral',
    entityId: earlier.id,
    icbId: target.icbId,
    details: { serviceId: target.id },
  });
  if (earlier.vcsOrganisationId) {
    await publish(tx, { type: 'onward.changed', vcsOrganisationId: earlier.vcsOrganisationId });
  }
  return {
    id: earlier.id,
    reference: referenceOf(earlier.id),
    icbId: target.icbId,
    serviceName: target.name,
    organisationName: target.organisation.name,
    folded: true,
  };
}
