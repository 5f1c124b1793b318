import type { OnwardLinkView } from '../../../../common/onward-referrals.js';
import { writeAudit } from '../../../platform/audit/audit.js';
import type { SignedInContext } from '../../../platform/context.js';
import type { Db, Tx } from '../../../platform/db/client.js';
import { conflict, notFound } from '../../../platform/errors.js';
import { publish } from '../../../platform/realtime.js';
import { runUseCase } from '../../../platform/use-case.js';
import {
  findReferralTarget,
  type LinkAddress,
  linkAddressOf,
} from '../../directory/referral-settings/referral-settings.service.js';
import { organisationRefs } from '../../organisations/organisations.service.js';
import { loadCase } from '../../referrals/referrals.service.js';
import { asTeamOnward, type TeamOnward } from '../onward-source.js';
import { caseWorkerOf } from '../partner-views.js';
import { issueSecureLink, type LinkSettings } from './issue-link.js';
import { linkViewOf } from './link-view.js';
import * as repo from './links.repository.js';

// The team's hold on a secure link: withdraw it (a wrong address, a person who changed their
// mind), or send a new one (expired, or the listing's referral address changed). Only who may
// write the case may do either; another team's case is not found.

async function loadLinkedOnward(tx: Tx, ctx: SignedInContext, referralId: string, onwardId: string) {
  const { row } = await loadCase(tx, ctx, referralId, { write: true });
  const found = await repo.findOnwardOfCase(tx, row.id, onwardId);
  const onward = found && asTeamOnward(found);
  if (!onward || onward.pcnId !== row.pcnId) throw notFound('onward referral');
  if (onward.delivery !== 'link') {
    throw conflict(
      `This referral was not sent by secure link: ${onward.kind === 'signpost' ? 'it is a signpost' : 'the organisation answers in its Waymark inbox'}.`,
    );
  }
  return onward;
}

async function revokeAll(tx: Tx, ctx: SignedInContext, onward: repo.OnwardRow, now: Date): Promise<string[]> {
  const revoked = await repo.revokeLiveLinks(tx, onward.id, ctx.actor.userId, now);
  for (const linkId of revoked) {
    await repo.insertLinkEvent(tx, {
      onwardReferralId: onward.id,
      type: 'link_revoked',
      actorUserId: ctx.actor.userId,
      details: { linkId },
    });
  }
  return revoked;
}

const announce = (tx: Tx, onward: TeamOnward<repo.OnwardRow>) =>
  publish(tx, { type: 'onward.changed', pcnId: onward.pcnId, referralId: onward.referralId });

export async function revokeLink(
  db: Db,
  ctx: SignedInContext,
  referralId: string,
  onwardId: string,
): Promise<{ link: OnwardLinkView }> {
  return runUseCase(db, ctx, async (tx) => {
    const onward = await loadLinkedOnward(tx, ctx, referralId, onwardId);
    const now = new Date();
    const revoked = await revokeAll(tx, ctx, onward, now);
    if (revoked.length === 0) {
      throw conflict(
        'The link has already been withdrawn or has expired. Re-send it to give the organisation a new one.',
      );
    }
    await writeAudit(tx, ctx, {
      action: 'onward.link.revoke',
      entityType: 'onward_referral',
      entityId: onward.id,
      details: { linkIds: revoked },
    });
    await announce(tx, onward);
    const latest = await repo.latestLinkOf(tx, onward.id);
    return { link: linkViewOf(latest as repo.LinkRow, now) };
  });
}

/**
 * Withdraws any live link and emails a new one to the listing's referral address as it is now
 * (falling back to where the last link went). Only while the organisation still has something to
 * answer: waiting for a reply, or accepted.
 */
export async function resendLink(
  db: Db,
  ctx: SignedInContext,
  settings: LinkSettings,
  referralId: string,
  onwardId: string,
): Promise<{ link: OnwardLinkView }> {
  return runUseCase(db, ctx, async (tx) => {
    const onward = await loadLinkedOnward(tx, ctx, referralId, onwardId);
    if (onward.status !== 'sent' && onward.status !== 'accepted') {
      throw conflict(
        `This referral is ${onward.status}: the organisation has nothing more to answer, so no new link is needed.`,
      );
    }
    const now = new Date();
    // One at a time: a transaction's queries share its one connection (pg 9 refuses a Promise.all).
    const target = await findReferralTarget(tx, onward.icbId, onward.serviceId);
    const teams = await organisationRefs(tx, [onward.pcnId]);
    const last = await repo.latestLinkOf(tx, onward.id);
    const worker = await caseWorkerOf(tx, onward);
    // The listing's address now (it may have changed), else where the last link went.
    const lastAddress: LinkAddress | null = last?.email
      ? { email: last.email }
      : last?.mobile
        ? { mobile: last.mobile }
        : null;
    const address = (target && linkAddressOf(target.settings)) ?? lastAddress;
    if (!address) {
      throw conflict('The listing has no email or mobile for referrals: ask the directory team to add one.');
    }
    const revoked = await revokeAll(tx, ctx, onward, now);
    const issued = await issueSecureLink(
      tx,
      ctx,
      {
        id: onward.id,
        icbId: onward.icbId,
        serviceName: target?.name ?? 'your service',
        teamName: teams.get(onward.pcnId)?.name ?? 'A social prescribing team',
        contact: worker,
      },
      address,
      settings,
      now,
    );
    await writeAudit(tx, ctx, {
      action: 'onward.link.resend',
      entityType: 'onward_referral',
      entityId: onward.id,
      details: { linkId: issued.linkId, revoked },
    });
    await announce(tx, onward);
    const issuedLink = (await repo.findLinkById(tx, issued.linkId)) as repo.LinkRow;
    return { link: linkViewOf(issuedLink, now) };
  });
}
