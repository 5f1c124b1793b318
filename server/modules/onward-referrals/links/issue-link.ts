import { createHash, randomBytes } from 'node:crypto';
import { writeAudit } from '../../../platform/audit/audit.js';
import type { RequestContext } from '../../../platform/context.js';
import type { Tx } from '../../../platform/db/client.js';
import type { LinkAddress } from '../../directory/referral-settings/referral-settings.service.js';
import { queueEmail, queueResidentMessage } from '../../notifications/notifications.service.js';
import * as repo from './links.repository.js';

// An organisation without Waymark accounts is sent one referral by a secure link: a random
// 32-byte token whose SHA-256 alone is stored, expiring after ONWARD_LINK_DAYS. The email names
// the service and the team, never the person: whoever opens the link is then asked for a
// one-time code sent to the same address before any personal detail is shown.

export interface LinkSettings {
  /** PUBLIC_URL: links never point at a request's Host header. */
  publicUrl: string;
  /** ONWARD_LINK_DAYS. */
  linkDays: number;
}

const contactOf = (contact: { name: string; email: string | null } | null | undefined) =>
  contact ? `: ${contact.name}${contact.email ? `, ${contact.email}` : ''}` : '';

export const tokenHashOf = (token: string) => createHash('sha256').update(token).digest('hex');

/** Sent by a worker (signed in), or by a resident's own self-referral (no actor). */
export async function issueSecureLink(
  tx: Tx,
  ctx: RequestContext,
  onward: {
    id: string;
    /** The ICB whose Notify account texts the link (a link to a mobile). */
    icbId: string;
    serviceName: string;
    teamName: string;
    /** Who at the team to contact when the link has expired (the case's worker); optional. */
    contact?: { name: string; email: string | null } | null;
    /** A resident's own self-referral: no team sent it, and none can send it again. */
    selfReferral?: boolean;
  },
  address: LinkAddress,
  settings: LinkSettings,
  now = new Date(),
): Promise<{ linkId: string; expiresAt: Date }> {
  const token = randomBytes(32).toString('base64url');
  const actorUserId = ctx.actor?.userId ?? null;
  const expiresAt = new Date(now.getTime() + settings.linkDays * 86_400_000);
  const { id } = await repo.insertLink(tx, {
    onwardReferralId: onward.id,
    tokenHash: tokenHashOf(token),
    email: address.email ?? null,
    mobile: address.mobile ?? null,
    createdByUserId: actorUserId,
    expiresAt,
  });
  await repo.insertLinkEvent(tx, {
    onwardReferralId: onward.id,
    type: 'link_sent',
    actorUserId,
    via: actorUserId ? 'team' : 'system',
    details: { linkId: id, expiresAt: expiresAt.toISOString(), by: address.mobile ? 'text' : 'email' },
  });
  await writeAudit(tx, ctx, {
    action: 'onward.link.issue',
    entityType: 'onward_referral',
    entityId: onward.id,
    details: { linkId: id },
  });
  const expires = new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'Europe/London' }).format(expiresAt);
  // The token travels in the fragment: browsers never send it to a server, so it stays out of logs.
  const url = `${settings.publicUrl}/referral-link#token=${token}`;
  if (address.mobile) {
    // By text through GOV.UK Notify: the template says who referred to what, and gives the link.
    await queueResidentMessage(tx, {
      icbId: onward.icbId,
      referralId: null,
      personId: null,
      kind: 'secure_link',
      channel: 'sms',
      recipient: address.mobile,
      personalisation: {
        service: onward.serviceName,
        team: onward.selfReferral ? 'Someone (a self-referral)' : onward.teamName,
        link: url,
        expires,
      },
    });
    return { linkId: id, expiresAt };
  }
  await queueEmail(tx, {
    to: address.email as string,
    subject: onward.selfReferral
      ? `A self-referral to ${onward.serviceName}`
      : `A referral to ${onward.serviceName} from ${onward.teamName}`,
    text: [
      'Hello,',
      '',
      onward.selfReferral
        ? `Someone has referred themselves to ${onward.serviceName} through Waymark, the directory of local services.`
        : `${onward.teamName} has referred someone to ${onward.serviceName} through Waymark.`,
      '',
      'To read the referral and reply, open this link:',
      '',
      url,
      '',
      'Before you see any details we will email a one-time code to this address.',
      onward.selfReferral
        ? `The link works until ${expires}. The person's contact details are inside it: after that, the details are gone.`
        : `The link works until ${expires}. If it has expired, ask ${onward.teamName} for a new one${contactOf(onward.contact)}.`,
    ].join('\n'),
  });
  return { linkId: id, expiresAt };
}
