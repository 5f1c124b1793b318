import type { z } from 'zod';
import type {
  CreateOnwardReferralSchema,
  OnwardReferralView,
  SharedDetails,
} from '../../../../common/onward-referrals.js';
import type { Config } from '../../../config.js';
import { writeAudit } from '../../../platform/audit/audit.js';
import type { SignedInContext } from '../../../platform/context.js';
import type { Db, Tx } from '../../../platform/db/client.js';
import { AppError, conflict, type FieldError, validationError } from '../../../platform/errors.js';
import { publish } from '../../../platform/realtime.js';
import { runUseCase } from '../../../platform/use-case.js';
import { addWorkingDays, londonDate } from '../../../platform/working-days.js';
import {
  findReferralTarget,
  type LinkAddress,
  linkAddressOf,
  type ReferralTarget,
} from '../../directory/referral-settings/referral-settings.service.js';
import { notifyUser, queueEmail } from '../../notifications/notifications.service.js';
import { organisationRefs } from '../../organisations/organisations.service.js';
import type { PersonRow } from '../../people/people.service.js';
import { peopleByIds } from '../../people/people.service.js';
import { isWorkable, loadCase, type ReferralRow } from '../../referrals/referrals.service.js';
import { activePartnersOf } from '../../users/users.service.js';
import { issueSecureLink } from '../links/issue-link.js';
import * as repo from '../onward-referrals.repository.js';
import { onwardReferralViewsOfCase } from './case-list.js';

export type OnwardReferralInput = z.output<typeof CreateOnwardReferralSchema>;

/**
 * The service is full, or not active now: the worker must confirm (409 `confirm_capacity`, answered
 * by the route), so nobody is sent somewhere that cannot take them without knowing it.
 */
export class ConfirmCapacityError extends AppError {
  constructor(service: string, why: string) {
    super('conflict', {
      userMessage: `${service} is ${why}. Confirm that you still want to go ahead.`,
      details: { errors: [{ field: 'confirmCapacity', message: `must be true to go ahead: the service is ${why}` }] },
    });
  }
}

/** What the request says on its own (before anything is read), every problem at once. */
function refusalsOf(input: OnwardReferralInput): FieldError[] {
  const errors: FieldError[] = [];
  if (input.kind === 'signpost' && input.share.length > 0) {
    errors.push({ field: 'share', message: 'must be empty for a signpost: nothing is shared when signposting' });
  }
  if (input.kind === 'referral' && input.consent !== true) {
    errors.push({
      field: 'consent',
      message: 'must be true: record that the person agreed to share these details with this organisation',
    });
  }
  if (input.share.includes('contact_times') && !input.contactTimes?.trim()) {
    errors.push({ field: 'contactTimes', message: 'must say when to contact the person, or do not share it' });
  }
  if (input.share.includes('reason') && !input.reason?.trim()) {
    errors.push({ field: 'reason', message: 'must say what matters to the person and why they are referred' });
  }
  return errors;
}

/** Where the listing stands: refused for good (400), or to be confirmed (409). */
function checkTarget(target: ReferralTarget | null, input: OnwardReferralInput): ReferralTarget {
  const refuse = (message: string) => validationError([{ field: 'serviceId', message }]);
  if (!target) throw refuse('is not a service in your directory');
  if (target.mergedInto) throw refuse(`was merged into ${target.mergedInto.name}: choose that listing`);
  if (target.status === 'defunct') throw refuse('is closed for good');
  if (input.kind === 'referral' && !target.settings.takesReferrals) {
    throw refuse('does not take referrals through Waymark: signpost the person instead');
  }
  if (!input.confirmCapacity) {
    if (target.referralCapacity === 'full') throw new ConfirmCapacityError(target.name, 'full');
    if (target.status !== 'active') throw new ConfirmCapacityError(target.name, target.status);
  }
  return target;
}

/** The chosen fields of the minimum set, from the person's record and the worker's words. */
export function sharedDetailsOf(person: PersonRow, input: OnwardReferralInput): SharedDetails {
  const details: SharedDetails = {};
  for (const field of new Set(input.share)) {
    if (field === 'name') details.name = `${person.givenName} ${person.familyName}`;
    if (field === 'contact') {
      details.phone = person.phone;
      details.email = person.email;
      details.preferredContact = person.preferredContact;
    }
    if (field === 'contact_times') details.contactTimes = input.contactTimes?.trim();
    if (field === 'reason') details.reason = input.reason?.trim();
    if (field === 'access_needs') details.accessNeeds = person.accessibilityNeeds;
    if (field === 'language') {
      details.language = person.language;
      details.interpreterNeeded = person.interpreterNeeded;
    }
  }
  return details;
}

/** Signposts or refers the person of a case to a community service. */
export async function referFromCase(
  db: Db,
  config: Pick<Config, 'publicUrl' | 'ONWARD_LINK_DAYS'>,
  ctx: SignedInContext,
  referralId: string,
  input: OnwardReferralInput,
): Promise<OnwardReferralView> {
  return runUseCase(db, ctx, async (tx) => {
    const { actor, row } = await loadCase(tx, ctx, referralId, { write: true });
    if (!isWorkable(row.status)) throw conflict('Only an open case can signpost or refer the person onwards.');
    const refusals = refusalsOf(input);
    if (refusals.length > 0) throw validationError(refusals);
    const target = checkTarget(await findReferralTarget(tx, actor.scope.icbId, input.serviceId), input);
    const now = new Date();
    const base = {
      icbId: row.icbId,
      pcnId: row.pcnId,
      referralId: row.id,
      personId: row.personId,
      serviceId: target.id,
      organizationId: target.organisation.id,
      kind: input.kind,
      note: input.note?.trim() || null,
      capacityAtSend: target.referralCapacity,
      serviceStatusAtSend: target.status,
      createdByUserId: actor.userId,
    };
    let onwardId: string;
    if (input.kind === 'signpost') {
      const inserted = await repo.insertOnwardReferral(tx, { ...base, status: 'signposted' });
      onwardId = inserted.id;
      await repo.insertOnwardEvent(tx, {
        onwardReferralId: onwardId,
        type: 'signposted',
        actorUserId: actor.userId,
        via: 'team',
      });
    } else {
      onwardId = await sendReferral(tx, ctx, config, { row, target, input, base, now });
    }
    await writeAudit(tx, ctx, {
      action: input.kind === 'signpost' ? 'onward.signpost' : 'onward.refer',
      entityType: 'onward_referral',
      entityId: onwardId,
      details: { referralId: row.id, serviceId: target.id, sharedFields: input.share },
    });
    await notifyCaseWorker(tx, actor.userId, row, target.name, input.kind);
    await publish(tx, { type: 'onward.changed', pcnId: row.pcnId, referralId: row.id });
    const views = await onwardReferralViewsOfCase(tx, actor.scope, row.id);
    const view = views.find((v) => v.id === onwardId);
    if (!view) throw new Error('onward referral missing after insert');
    return view;
  });
}

interface Sending {
  row: ReferralRow;
  target: ReferralTarget;
  input: OnwardReferralInput;
  base: Omit<repo.OnwardReferralInsert, 'status'>;
  now: Date;
}

/** A referral: consent, the snapshot of what is shared, and delivery by inbox or secure link. */
async function sendReferral(
  tx: Tx,
  ctx: SignedInContext,
  config: Pick<Config, 'publicUrl' | 'ONWARD_LINK_DAYS'>,
  { row, target, input, base, now }: Sending,
): Promise<string> {
  const partnerOrg = target.organisation.vcsOrganisationId;
  const partners = partnerOrg ? await activePartnersOf(tx, partnerOrg) : [];
  const delivery = partners.length > 0 ? 'inbox' : 'link';
  const address = linkAddressOf(target.settings);
  if (delivery === 'link' && !address) {
    throw validationError([
      {
        field: 'serviceId',
        message: 'has no email or mobile for referrals: signpost instead, or ask the directory team',
      },
    ]);
  }
  const person = (await peopleByIds(tx, ctx.actor.scope, [row.personId])).get(row.personId);
  if (!person) throw new Error('the case’s person is not visible to its own team');
  const inserted = await repo.insertOnwardReferral(tx, {
    ...base,
    status: 'sent',
    delivery,
    vcsOrganisationId: delivery === 'inbox' ? partnerOrg : null,
    consentRecordedByUserId: ctx.actor.userId,
    consentRecordedAt: now,
    sharedFields: [...new Set(input.share)],
    sharedDetails: sharedDetailsOf(person, input),
    replyDueOn: addWorkingDays(londonDate(now), target.settings.replyWorkingDays),
  });
  await repo.insertOnwardEvent(tx, {
    onwardReferralId: inserted.id,
    type: 'sent',
    actorUserId: ctx.actor.userId,
    via: 'team',
    details: { delivery },
  });
  const team = (await organisationRefs(tx, [row.pcnId])).get(row.pcnId)?.name ?? 'A social prescribing team';
  if (delivery === 'link') {
    await issueSecureLink(
      tx,
      ctx,
      { id: inserted.id, icbId: row.icbId, serviceName: target.name, teamName: team },
      address as LinkAddress,
      { publicUrl: config.publicUrl, linkDays: config.ONWARD_LINK_DAYS },
      now,
    );
    return inserted.id;
  }
  await tellPartners(tx, config, partners, { id: inserted.id, serviceName: target.name, from: `${team} has sent` });
  await publish(tx, { type: 'onward.changed', vcsOrganisationId: partnerOrg as string });
  return inserted.id;
}

/**
 * The partner organisation's users hear of a new referral in Waymark and by email. The notice
 * names the service and who sent it only: the person's details stay behind sign-in.
 */
export async function tellPartners(
  tx: Tx,
  config: Pick<Config, 'publicUrl'>,
  partners: readonly { id: string; email: string }[],
  onward: { id: string; serviceName: string /** "North Coast PCN has sent", "Someone has sent" */; from: string },
): Promise<void> {
  const link = `/partner/referrals/${onward.id}`;
  for (const partner of partners) {
    await notifyUser(tx, {
      userId: partner.id,
      kind: 'onward.received',
      title: `New referral to ${onward.serviceName}`,
      link,
    });
    await queueEmail(tx, {
      to: partner.email,
      subject: `New referral to ${onward.serviceName} in Waymark`,
      text: [
        'Hello,',
        '',
        `${onward.from} a referral to ${onward.serviceName} through Waymark.`,
        '',
        'Sign in to read it and reply:',
        `${config.publicUrl}${link}`,
      ].join('\n'),
    });
  }
}

/** The case's worker hears of it when someone else (the lead, a colleague) acted on their case. */
async function notifyCaseWorker(
  tx: Tx,
  actorId: string,
  row: ReferralRow,
  service: string,
  kind: 'signpost' | 'referral',
) {
  const worker = row.coverWorkerId ?? row.allocatedWorkerId;
  if (!worker || worker === actorId) return;
  await notifyUser(tx, {
    userId: worker,
    kind: 'onward.changed',
    title: kind === 'signpost' ? `Signposted to ${service}` : `Referred to ${service}`,
    link: `/referrals/${row.id}/case`,
  });
}
