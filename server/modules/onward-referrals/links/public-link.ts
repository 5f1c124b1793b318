import { createHash, randomBytes, randomInt } from 'node:crypto';
import type { LinkState } from '../../../../common/onward-referrals.js';
import { writeAudit, writeAuditAlone } from '../../../platform/audit/audit.js';
import type { RequestContext } from '../../../platform/context.js';
import type { Db, DbOrTx } from '../../../platform/db/client.js';
import { readTogether } from '../../../platform/db/read-together.js';
import { AppError, validationError } from '../../../platform/errors.js';
import { findReferralTarget } from '../../directory/referral-settings/referral-settings.service.js';
import { queueEmail, queueResidentMessage } from '../../notifications/notifications.service.js';
import { organisationRefs } from '../../organisations/organisations.service.js';
import { findLiveLink, type LiveLink, linkAudit, linkEnded, maskAddress, matchesHash } from './link-holder.js';
import * as repo from './links.repository.js';

// What the holder of a secure link does before seeing anything personal: open it (the service
// and the team only), ask for a one-time code by email, and trade the code for a short access
// session. A forwarded link alone therefore shows nothing about the person.

export const CODE_MINUTES = 10;
export const CODE_ATTEMPTS = 5;
/** Codes a link may send an hour: the button cannot be used to flood the organisation's inbox. */
export const CODES_PER_HOUR = 3;
export const ACCESS_MINUTES = 30;

// The code is hashed with the token: the stored hash alone (a leaked table) cannot be brute-forced
// over a million codes without the token, which is stored only as its own hash.
const codeHashOf = (token: string, code: string) => createHash('sha256').update(`${token}:${code}`).digest('hex');

async function namesOf(db: DbOrTx, onward: repo.OnwardRow): Promise<{ serviceName: string; teamName: string }> {
  const pcnIds = onward.pcnId ? [onward.pcnId] : [];
  const [service, teams] = await readTogether(db, [
    () => findReferralTarget(db, onward.icbId, onward.serviceId),
    () => organisationRefs(db, pcnIds),
  ]);
  const teamName = onward.pcnId ? (teams.get(onward.pcnId)?.name ?? 'the team') : 'a self-referral';
  return { serviceName: service?.name ?? 'the service', teamName };
}

const hasAccess = (found: LiveLink, access: string | undefined, now: Date) =>
  !!access &&
  !!found.link.accessExpiresAt &&
  found.link.accessExpiresAt > now &&
  matchesHash(access, found.link.accessHash);

/** The link's state: who sent what to which mailbox, or the one "ended" answer. 'link_opened' once per link. */
export async function openLink(
  db: Db,
  ctx: RequestContext,
  input: { token: string; access?: string },
): Promise<LinkState> {
  const now = new Date();
  const found = await db.transaction(async (tx) => {
    // Locked, so that two opens at once record 'link_opened' once.
    const found = await findLiveLink(tx, ctx, input.token, 'onward.link.open', { lock: true, now });
    if (!found) return null;
    const { link, onward } = found;
    if ((await repo.countLinkEvents(tx, link.id, 'link_opened', new Date(0))) === 0) {
      await repo.insertLinkEvent(tx, {
        onwardReferralId: onward.id,
        type: 'link_opened',
        actorUserId: null,
        via: 'link',
        details: { linkId: link.id },
      });
    }
    await repo.updateLink(tx, link.id, { lastUsedAt: now });
    await writeAudit(tx, ctx, { ...linkAudit(found, 'onward.link.open'), details: { linkId: link.id } });
    return found;
  });
  if (!found) return { state: 'ended' };
  return {
    state: 'valid',
    ...(await namesOf(db, found.onward)),
    sentTo: maskAddress(found.link),
    codeBy: found.link.mobile ? 'text' : 'email',
    selfReferral: found.onward.source === 'self',
    codeNeeded: !hasAccess(found, input.access, now),
  };
}

/** Emails a fresh one-time code to the link's address (never to one given in the request). */
export async function sendCode(
  db: Db,
  ctx: RequestContext,
  input: { token: string },
): Promise<{ sentTo: string; codeBy: 'email' | 'text'; expiresInMinutes: number }> {
  const now = new Date();
  const outcome = await db.transaction(async (tx) => {
    const found = await findLiveLink(tx, ctx, input.token, 'onward.link.code', { lock: true, now });
    if (!found) return null;
    const { link, onward } = found;
    const sentLastHour = await repo.countLinkEvents(tx, link.id, 'code_sent', new Date(now.getTime() - 3_600_000));
    if (sentLastHour >= CODES_PER_HOUR) return { found, refused: true as const };
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    await repo.updateLink(tx, link.id, {
      codeHash: codeHashOf(input.token, code),
      codeExpiresAt: new Date(now.getTime() + CODE_MINUTES * 60_000),
      codeAttempts: 0,
      lastUsedAt: now,
    });
    await repo.insertLinkEvent(tx, {
      onwardReferralId: onward.id,
      type: 'code_sent',
      actorUserId: null,
      via: 'link',
      details: { linkId: link.id },
    });
    await writeAudit(tx, ctx, { ...linkAudit(found, 'onward.link.code'), details: { linkId: link.id } });
    const { serviceName } = await namesOf(tx, onward);
    if (link.mobile) {
      await queueResidentMessage(tx, {
        icbId: onward.icbId,
        referralId: null,
        personId: null,
        kind: 'secure_link_code',
        channel: 'sms',
        recipient: link.mobile,
        personalisation: { code, service: serviceName, minutes: String(CODE_MINUTES) },
      });
      return { found, refused: false as const };
    }
    await queueEmail(tx, {
      to: link.email as string,
      subject: `Your code to read a referral to ${serviceName}`,
      text: [
        'Hello,',
        '',
        `Your one-time code is ${code}`,
        '',
        `Enter it on the referral page within ${CODE_MINUTES} minutes. It works once.`,
        'If you did not ask for a code, you can ignore this email: nobody can read the referral without it.',
      ].join('\n'),
    });
    return { found, refused: false as const };
  });
  if (!outcome) throw linkEnded();
  if (outcome.refused) {
    await writeAuditAlone(db, ctx, {
      ...linkAudit(outcome.found, 'onward.link.code'),
      outcome: 'failure',
      details: { reason: 'too-many-codes', linkId: outcome.found.link.id },
    });
    throw new AppError('rate_limited', {
      userMessage: `We have sent ${CODES_PER_HOUR} codes in the last hour. Use the latest code you were sent, or try again in an hour.`,
    });
  }
  const { link } = outcome.found;
  return { sentTo: maskAddress(link), codeBy: link.mobile ? 'text' : 'email', expiresInMinutes: CODE_MINUTES };
}

type Verdict =
  | { ok: true; found: LiveLink; access: string; expiresAt: Date }
  | { ok: false; found: LiveLink; reason: 'no-code' | 'code-expired' | 'locked' | 'wrong-code'; attemptsLeft: number };

/**
 * Trades the code for an access session of ACCESS_MINUTES. A wrong code counts; at CODE_ATTEMPTS
 * the code is dead even when right, and a new one must be asked for (at most CODES_PER_HOUR).
 */
export async function verifyCode(
  db: Db,
  ctx: RequestContext,
  input: { token: string; code: string },
): Promise<{ access: string; expiresAt: string }> {
  const now = new Date();
  const verdict = await db.transaction(async (tx): Promise<Verdict | null> => {
    const found = await findLiveLink(tx, ctx, input.token, 'onward.link.verify', { lock: true, now });
    if (!found) return null;
    const { link, onward } = found;
    if (!link.codeHash) return { ok: false, found, reason: 'no-code', attemptsLeft: 0 };
    if (!link.codeExpiresAt || link.codeExpiresAt <= now) {
      return { ok: false, found, reason: 'code-expired', attemptsLeft: 0 };
    }
    if (link.codeAttempts >= CODE_ATTEMPTS) return { ok: false, found, reason: 'locked', attemptsLeft: 0 };
    if (!matchesHash(`${input.token}:${input.code}`, link.codeHash)) {
      const attempts = link.codeAttempts + 1;
      await repo.updateLink(tx, link.id, { codeAttempts: attempts, lastUsedAt: now });
      return { ok: false, found, reason: 'wrong-code', attemptsLeft: CODE_ATTEMPTS - attempts };
    }
    const access = randomBytes(32).toString('base64url');
    const expiresAt = new Date(now.getTime() + ACCESS_MINUTES * 60_000);
    await repo.updateLink(tx, link.id, {
      // One use: the code is spent; a newer access session replaces any older one.
      codeHash: null,
      codeExpiresAt: null,
      codeAttempts: 0,
      accessHash: createHash('sha256').update(access).digest('hex'),
      accessExpiresAt: expiresAt,
      lastUsedAt: now,
    });
    await repo.insertLinkEvent(tx, {
      onwardReferralId: onward.id,
      type: 'code_verified',
      actorUserId: null,
      via: 'link',
      details: { linkId: link.id },
    });
    await writeAudit(tx, ctx, { ...linkAudit(found, 'onward.link.verify'), details: { linkId: link.id } });
    return { ok: true, found, access, expiresAt };
  });
  if (!verdict) throw linkEnded();
  if (verdict.ok) return { access: verdict.access, expiresAt: verdict.expiresAt.toISOString() };
  await writeAuditAlone(db, ctx, {
    ...linkAudit(verdict.found, 'onward.link.verify'),
    outcome: 'failure',
    details: { reason: verdict.reason, linkId: verdict.found.link.id },
  });
  throw validationError([{ field: 'code', message: codeProblem(verdict.reason, verdict.attemptsLeft) }]);
}

function codeProblem(reason: 'no-code' | 'code-expired' | 'locked' | 'wrong-code', attemptsLeft: number): string {
  if (reason === 'no-code') return 'has not been sent yet, or was already used: ask for a new code';
  if (reason === 'code-expired') return `has expired (codes work for ${CODE_MINUTES} minutes): ask for a new code`;
  if (reason === 'locked' || attemptsLeft === 0) return 'was entered wrongly too many times: ask for a new code';
  return `is not right: check the latest email from Waymark (${attemptsLeft} ${attemptsLeft === 1 ? 'try' : 'tries'} left)`;
}
