import { randomBytes } from 'node:crypto';
import { writeAudit, writeAuditAlone } from '../../../platform/audit/audit.js';
import type { RequestContext } from '../../../platform/context.js';
import type { Db, Tx } from '../../../platform/db/client.js';
import { AppError, validationError } from '../../../platform/errors.js';
import { newPasswordProblem } from '../../../platform/password-policy.js';
import { hashPassword, verifyPassword } from '../../../platform/passwords.js';
import { announceSessionEnded } from '../../../platform/realtime.js';
import { queueEmail } from '../../notifications/notifications.service.js';
import * as users from '../../users/users.service.js';
import * as repo from '../auth.repository.js';
import type { TPasswordChange, TPasswordReset, TPasswordResetRequest } from '../auth.schemas.js';
import { type AuthSettings, countFailure, sessionIdOf } from '../auth.service.js';

/** A reset link works for this long, once. */
export const RESET_LINK_MINUTES = 30;
/** At most this many reset emails an hour to one address: the form cannot be used to flood an inbox. */
export const RESETS_PER_HOUR = 3;

/**
 * "Forgot password" answers no sooner than this, whatever the address. An address with an account
 * costs a token and an email (about twice the time of one without, measured): without a floor,
 * the timing alone would say who has an account. Well above that work, well below what people notice.
 */
export const RESET_ANSWER_MS = 250;

const expiredLink = () =>
  validationError([{ field: 'token', message: 'This link has expired or has already been used. Ask for a new one.' }]);

/** Ends every session of the user but `keepSessionId`, and tells every instance at commit. */
async function endOtherSessions(tx: Tx, userId: string, keepSessionId: string): Promise<void> {
  for (const ended of await repo.deleteSessionsOfUser(tx, userId, keepSessionId)) {
    await announceSessionEnded(tx, { sessionId: ended });
  }
}

/**
 * A signed-in user changes their own password. The current one is asked for, so that a session
 * left open on a shared computer cannot be turned into the account. Every other session ends.
 */
export async function changePassword(
  db: Db,
  settings: AuthSettings,
  ctx: RequestContext,
  sessionToken: string,
  input: TPasswordChange,
): Promise<void> {
  const user = ctx.actor ? await users.findUserById(db, ctx.actor.userId) : null;
  if (!user) throw new AppError('unauthenticated', { userMessage: 'You need to sign in.' });
  if (!(await verifyPassword(user.passwordHash, input.currentPassword))) {
    // Counted as wrong sign-in passwords are: a session left open on a shared computer must not
    // become unlimited guesses. At the threshold the account locks and every session ends.
    const lockedOut = await db.transaction(async (tx) => {
      const { failed, lockedOut } = await countFailure(tx, settings, user);
      if (lockedOut) await endOtherSessions(tx, user.id, '');
      await writeAudit(tx, ctx, {
        action: 'auth.password.change',
        outcome: 'failure',
        details: { reason: 'wrong-current', failedSignIns: failed, lockedOut },
      });
      return lockedOut;
    });
    if (lockedOut) {
      throw new AppError('account_locked', {
        userMessage: `The current password was wrong ${settings.lockoutThreshold} times, so you have been signed out. You can sign in again in ${settings.lockoutMinutes} minutes.`,
      });
    }
    throw validationError([
      { field: 'currentPassword', message: 'is not right: enter the password you signed in with' },
    ]);
  }
  const problem =
    input.newPassword === input.currentPassword
      ? 'must be different from your current password'
      : newPasswordProblem(input.newPassword, user.email);
  if (problem) throw validationError([{ field: 'newPassword', message: problem }]);

  const passwordHash = await hashPassword(input.newPassword);
  await db.transaction(async (tx) => {
    await users.updateUserSecurity(tx, user.id, { passwordHash, failedSignIns: 0 });
    await endOtherSessions(tx, user.id, sessionIdOf(sessionToken));
    await repo.voidResetTokensOfUser(tx, user.id, new Date());
    await writeAudit(tx, ctx, { action: 'auth.password.change', entityType: 'user', entityId: user.id });
    await queueEmail(tx, {
      to: user.email,
      subject: 'Your Waymark password was changed',
      text: [
        `Hello ${user.name},`,
        '',
        'The password of your Waymark account was changed just now, and you were signed out everywhere else.',
        '',
        'If you did not change it, tell your team lead or your ICB’s digital team today: they can lock the account.',
      ].join('\n'),
    });
  });
}

/**
 * "Forgot password": emails a single-use link to the address if it belongs to an active account.
 * The answer is the same either way (the route always says "if an account uses that address…"),
 * so the form cannot be used to find out who has an account.
 */
export async function requestPasswordReset(
  db: Db,
  ctx: RequestContext,
  publicUrl: string,
  input: TPasswordResetRequest,
): Promise<void> {
  const user = await users.findUserByEmail(db, input.email);
  if (!user?.active) {
    await writeAuditAlone(db, ctx, {
      action: 'auth.password-reset.request',
      outcome: 'failure',
      actorUserId: user?.id ?? null,
      icbId: user?.icbId ?? null,
      details: { reason: user ? 'inactive-account' : 'unknown-account' },
    });
    return;
  }
  const now = new Date();
  const token = randomBytes(32).toString('base64url');
  await db.transaction(async (tx) => {
    const audit = {
      action: 'auth.password-reset.request',
      actorUserId: user.id,
      actorRole: user.role,
      icbId: user.icbId,
    };
    if ((await repo.countResetTokensSince(tx, user.id, new Date(now.getTime() - 3_600_000))) >= RESETS_PER_HOUR) {
      await writeAudit(tx, ctx, { ...audit, outcome: 'failure', details: { reason: 'too-many-requests' } });
      return;
    }
    await repo.insertResetToken(tx, {
      id: sessionIdOf(token),
      userId: user.id,
      createdAt: now,
      expiresAt: new Date(now.getTime() + RESET_LINK_MINUTES * 60_000),
    });
    await writeAudit(tx, ctx, { ...audit, entityType: 'user', entityId: user.id });
    await queueEmail(tx, {
      to: user.email,
      subject: 'Reset your Waymark password',
      text: [
        `Hello ${user.name},`,
        '',
        'Someone asked to reset the password of your Waymark account. To choose a new password, open this link:',
        '',
        // The token travels in the fragment: browsers never send it to a server, so it stays out of logs.
        `${publicUrl}/reset-password#token=${token}`,
        '',
        `The link works once, for ${RESET_LINK_MINUTES} minutes.`,
        'If you did not ask for it, you can ignore this email: your password has not changed.',
      ].join('\n'),
    });
  });
}

/** Sets a new password from a reset link: once, before it expires; every session of the user ends. */
export async function completePasswordReset(db: Db, ctx: RequestContext, input: TPasswordReset): Promise<void> {
  const id = sessionIdOf(input.token);
  const userId = await repo.findUsableResetToken(db, id, new Date());
  const user = userId ? await users.findUserById(db, userId) : null;
  if (!user?.active) throw expiredLink();
  // Checked before the link is used up, so that a weak choice can be corrected with the same link.
  const problem = newPasswordProblem(input.newPassword, user.email);
  if (problem) throw validationError([{ field: 'newPassword', message: problem }]);

  const passwordHash = await hashPassword(input.newPassword);
  await db.transaction(async (tx) => {
    const now = new Date();
    // Of two uses of one link at once, exactly one takes it.
    if ((await repo.takeResetToken(tx, id, now)) !== user.id) throw expiredLink();
    await users.updateUserSecurity(tx, user.id, { passwordHash, failedSignIns: 0, lockedUntil: null });
    await repo.voidResetTokensOfUser(tx, user.id, now);
    await endOtherSessions(tx, user.id, '');
    await writeAudit(tx, ctx, {
      action: 'auth.password-reset.complete',
      actorUserId: user.id,
      actorRole: user.role,
      icbId: user.icbId,
      entityType: 'user',
      entityId: user.id,
    });
    await queueEmail(tx, {
      to: user.email,
      subject: 'Your Waymark password was reset',
      text: [
        `Hello ${user.name},`,
        '',
        'The password of your Waymark account was reset just now with a link sent to this address, and you were signed out everywhere.',
        '',
        'If you did not reset it, tell your team lead or your ICB’s digital team today: they can lock the account.',
      ].join('\n'),
    });
  });
}
