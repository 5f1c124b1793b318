import { createHash, timingSafeEqual } from 'node:crypto';
import { writeAuditAlone } from '../../../platform/audit/audit.js';
import type { RequestContext } from '../../../platform/context.js';
import type { DbOrTx } from '../../../platform/db/client.js';
import { AppError } from '../../../platform/errors.js';
import { tokenHashOf } from './issue-link.js';
import * as repo from './links.repository.js';

// Who holds a secure link: the one place that decides whether a token still opens its referral,
// and whether an access session (proof the holder read the one-time code) is still good.

/**
 * One answer for a link that is unknown, expired or revoked, whatever the step: telling them
 * apart would tell a guesser which tokens once existed, and a forwarded old link nothing more.
 */
export const LINK_ENDED = 'This link no longer works. It may have expired or been withdrawn.';

export const linkEnded = () => new AppError('not_found', { userMessage: LINK_ENDED });

export const ACCESS_ENDED = 'Your access has ended. Ask for a new code to carry on.';

export type LiveLink = { link: repo.LinkRow; onward: repo.OnwardRow };

type DeadReason = 'unknown' | 'expired' | 'revoked';

function deadReason(found: LiveLink | null, now: Date): DeadReason | null {
  if (!found) return 'unknown';
  if (found.link.revokedAt) return 'revoked';
  if (found.link.expiresAt <= now) return 'expired';
  return null;
}

/** The audit row of a use of a link: no actor, the ICB of the referral (none for an unknown token). */
export function linkAudit(found: LiveLink | null, action: string) {
  return {
    action,
    actorUserId: null,
    actorRole: null,
    icbId: found?.onward.icbId ?? null,
    ...(found ? { entityType: 'onward_referral', entityId: found.onward.id } : {}),
  };
}

/**
 * The live link of the token, or the one "link ended" refusal (audited, throttled per address as
 * refusals are). `lock` holds the link row for the caller's transaction.
 */
export async function findLiveLink(
  db: DbOrTx,
  ctx: RequestContext,
  token: string,
  action: string,
  opts: { lock?: boolean; now?: Date } = {},
): Promise<LiveLink | null> {
  const now = opts.now ?? new Date();
  const found = await repo.findLinkByTokenHash(db, tokenHashOf(token), { lock: opts.lock });
  const dead = deadReason(found, now);
  if (!dead) return found;
  await writeAuditAlone(db, ctx, {
    ...linkAudit(found, action),
    outcome: 'denied',
    details: { reason: dead, ...(found ? { linkId: found.link.id } : {}) },
  });
  return null;
}

/** SHA-256 of the secret, compared in constant time with the stored hash. */
export function matchesHash(secret: string, storedHash: string | null): boolean {
  if (!storedHash) return false;
  const given = Buffer.from(createHash('sha256').update(secret).digest('hex'));
  const stored = Buffer.from(storedHash);
  return given.length === stored.length && timingSafeEqual(given, stored);
}

/**
 * The live link whose access session is `access`: the holder has proved, within the last
 * 30 minutes, that they read the mailbox the link was sent to. Otherwise a refusal: the link's
 * end (404) or the session's (401, ask for a new code).
 */
export async function requireAccess(
  db: DbOrTx,
  ctx: RequestContext,
  input: { token: string; access: string },
  action: string,
  opts: { lock?: boolean } = {},
): Promise<LiveLink> {
  const now = new Date();
  const found = await findLiveLink(db, ctx, input.token, action, { ...opts, now });
  if (!found) throw linkEnded();
  const { link } = found;
  if (!(matchesHash(input.access, link.accessHash) && link.accessExpiresAt && link.accessExpiresAt > now)) {
    await writeAuditAlone(db, ctx, {
      ...linkAudit(found, action),
      outcome: 'denied',
      details: { reason: link.accessHash ? 'access-ended' : 'no-access', linkId: link.id },
    });
    throw new AppError('unauthenticated', { userMessage: ACCESS_ENDED });
  }
  return found;
}

/** Where the link's codes go, masked: the mailbox, or the mobile ("07*** ***123"). */
export function maskAddress(link: { email: string | null; mobile: string | null }): string {
  if (link.email) return maskEmail(link.email);
  const digits = (link.mobile ?? '').replace(/\D/g, '');
  return digits.length >= 5 ? `${digits.slice(0, 2)}*** ***${digits.slice(-3)}` : '***';
}

/** "j***@example.org": enough for the holder to recognise the mailbox, not to learn it. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at < 1) return '***';
  return `${email[0]}***${email.slice(at)}`;
}
