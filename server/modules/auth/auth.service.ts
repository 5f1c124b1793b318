import { createHash, randomBytes } from 'node:crypto';
import type { Me, SignInResult } from '../../../common/api-types.js';
import { ROLE_LABELS, type Role } from '../../../common/roles.js';
import { writeAudit, writeAuditAlone } from '../../platform/audit/audit.js';
import type { RequestContext } from '../../platform/context.js';
import type { Db, DbOrTx, Tx } from '../../platform/db/client.js';
import { AppError, conflict } from '../../platform/errors.js';
import type { AuthenticatedSession } from '../../platform/http/access.js';
import { burnPasswordCheck, verifyPassword } from '../../platform/passwords.js';
import { announceSessionEnded } from '../../platform/realtime.js';
import type { SecretBox } from '../../platform/secret-box.js';
import { organisationRefs } from '../organisations/organisations.service.js';
import * as users from '../users/users.service.js';
import * as repo from './auth.repository.js';
import type { TSignIn } from './auth.schemas.js';
import { matchTotpStep, newTotpSecret, otpauthUri } from './totp.js';

export interface AuthSettings {
  idleMinutes: number;
  absoluteHours: number;
  lockoutThreshold: number;
  lockoutMinutes: number;
  /** Seals TOTP secrets at rest (users.totp_secret, sessions.pending_totp_secret). */
  secrets: SecretBox;
}

/** A sign-in waiting for its second factor must finish within this time. */
const PENDING_MINUTES = 10;
/** last_seen_at is written at most this often, to spare a write on every request. */
const TOUCH_EVERY_MS = 60_000;

const minutes = (n: number) => n * 60_000;

/** Sessions are stored by the SHA-256 of their token: the table alone cannot be replayed. */
export const sessionIdOf = (token: string) => createHash('sha256').update(token).digest('hex');
const newToken = () => randomBytes(32).toString('base64url');

// The same answer for an unknown email, a wrong password, a deactivated or locked account:
// nothing here tells an attacker which accounts exist.
const signInRefused = (settings: AuthSettings) =>
  new AppError('unauthenticated', {
    userMessage: `The email address or password is not right. After ${settings.lockoutThreshold} wrong attempts, sign-in is paused for ${settings.lockoutMinutes} minutes.`,
  });

const pendingExpired = () =>
  new AppError('unauthenticated', {
    userMessage: 'Your sign-in has timed out. Enter your email address and password again.',
  });

export interface IssuedSession {
  token: string;
  result: SignInResult;
}

async function issueSession(
  db: DbOrTx,
  settings: AuthSettings,
  user: users.UserRow,
  stage: 'active' | 'second-factor' | 'second-factor-setup',
  pendingTotpSecret: string | null = null,
): Promise<{ token: string; csrfToken: string }> {
  const token = newToken();
  const csrfToken = newToken();
  const now = new Date();
  const lifetime = stage === 'active' ? settings.absoluteHours * 60 : PENDING_MINUTES;
  await repo.insertSession(db, {
    id: sessionIdOf(token),
    userId: user.id,
    stage,
    csrfToken,
    pendingTotpSecret: pendingTotpSecret === null ? null : settings.secrets.seal(pendingTotpSecret),
    createdAt: now,
    lastSeenAt: now,
    expiresAt: new Date(now.getTime() + minutes(lifetime)),
  });
  return { token, csrfToken };
}

// A sign-in step's audit rows: a success on the transaction of the change it records (its own
// savepoint); refusals, which change nothing or only the failure count, may be written alone.
function signInStepAudit(ctx: RequestContext, action: string, user: users.UserRow) {
  return (tx: DbOrTx, outcome: 'success' | 'failure', details?: Record<string, unknown>) =>
    writeAuditAlone(tx, ctx, {
      action,
      outcome,
      actorUserId: user.id,
      actorRole: user.role,
      icbId: user.icbId,
      details,
    });
}

/** Counts a wrong password or code; at the threshold the account locks (failures start again). */
export async function countFailure(
  db: DbOrTx,
  settings: AuthSettings,
  user: users.UserRow,
): Promise<{ failed: number; lockedOut: boolean }> {
  const failed = await users.incrementFailedSignIns(db, user.id);
  if (failed >= settings.lockoutThreshold) {
    await users.updateUserSecurity(db, user.id, {
      failedSignIns: 0,
      lockedUntil: new Date(Date.now() + minutes(settings.lockoutMinutes)),
    });
    return { failed, lockedOut: true };
  }
  return { failed, lockedOut: false };
}

const isLocked = (user: users.UserRow) => user.lockedUntil !== null && user.lockedUntil.getTime() > Date.now();

export async function signIn(
  db: Db,
  settings: AuthSettings,
  ctx: RequestContext,
  input: TSignIn,
  presentedToken: string | null,
): Promise<IssuedSession> {
  const user = await users.findUserByEmail(db, input.email);
  if (!user?.active) {
    await burnPasswordCheck(input.password);
    await writeAuditAlone(db, ctx, {
      action: 'auth.sign-in',
      outcome: 'failure',
      actorUserId: user?.id ?? null,
      actorRole: user?.role ?? null,
      // An unknown account belongs to no ICB: no ICB's admin sees the attempt.
      icbId: user?.icbId ?? null,
      details: { reason: user ? 'inactive-account' : 'unknown-account' },
    });
    throw signInRefused(settings);
  }
  const passwordOk = await verifyPassword(user.passwordHash, input.password);
  const audit = signInStepAudit(ctx, 'auth.sign-in', user);

  if (isLocked(user)) {
    await audit(db, 'failure', { reason: 'locked-out' });
    throw signInRefused(settings);
  }
  if (!passwordOk) {
    await db.transaction(async (tx) => {
      const { failed, lockedOut } = await countFailure(tx, settings, user);
      await audit(tx, 'failure', { reason: 'wrong-password', failedSignIns: failed, lockedOut });
    });
    throw signInRefused(settings);
  }
  // The password is right: clearing the failures, ending the old session, starting the new one
  // and the audit row commit together or not at all.
  const issued = await db.transaction(async (tx) => {
    if (user.failedSignIns > 0 || user.lockedUntil) {
      await users.updateUserSecurity(tx, user.id, { failedSignIns: 0, lockedUntil: null });
    }
    // Session fixation defence: whatever session the browser came with ends here; the signed-in
    // session always gets a new id.
    if (presentedToken) await endSession(tx, sessionIdOf(presentedToken));

    if (user.totpEnabled && user.totpSecret) {
      const { token } = await issueSession(tx, settings, user, 'second-factor');
      await audit(tx, 'success', { stage: 'password-accepted', next: 'second-factor' });
      return { token, next: 'second-factor' as const };
    }
    if (user.role === 'admin') {
      // Admins must have a second factor: set one up before the session becomes usable.
      const secret = newTotpSecret();
      const { token } = await issueSession(tx, settings, user, 'second-factor-setup', secret);
      await audit(tx, 'success', { stage: 'password-accepted', next: 'second-factor-setup' });
      return { token, next: 'second-factor-setup' as const, secret };
    }
    const { token, csrfToken } = await issueSession(tx, settings, user, 'active');
    await audit(tx, 'success', { stage: 'signed-in' });
    return { token, next: 'signed-in' as const, csrfToken };
  });
  switch (issued.next) {
    case 'second-factor':
      return { token: issued.token, result: { status: 'second-factor-required' } };
    case 'second-factor-setup':
      return {
        token: issued.token,
        result: {
          status: 'second-factor-setup-required',
          setup: { secret: issued.secret, otpauthUri: otpauthUri(issued.secret, user.email) },
        },
      };
    case 'signed-in':
      return { token: issued.token, result: { status: 'signed-in', me: await buildMe(db, user, issued.csrfToken) } };
  }
}

async function pendingSession(db: Db, token: string | null, stage: 'second-factor' | 'second-factor-setup') {
  const session = token ? await repo.findSession(db, sessionIdOf(token)) : null;
  if (!session || session.stage !== stage || session.expiresAt.getTime() <= Date.now()) throw pendingExpired();
  const user = await users.findUserById(db, session.userId);
  if (!user?.active) throw pendingExpired();
  return { session, user };
}

const wrongCode = () =>
  new AppError('unauthenticated', {
    userMessage: 'The code is not right. Enter the current 6-digit code from your authenticator app.',
    details: { errors: [{ field: 'code', message: 'is not the current code from your authenticator app' }] },
  });

/**
 * Second step of sign-in: the TOTP code. The session is rotated again on success.
 *
 * A wrong code counts towards lockout; a code already used does not. Lockout stops guessing, and
 * a used code is no guess: it comes from someone who saw a valid code (most often the user
 * themself, submitting twice). Counting it would let a double click, or anyone who sees a code,
 * lock an admin out. It is still refused, and audited as `code-reused`.
 */
export async function completeSecondFactor(
  db: Db,
  settings: AuthSettings,
  ctx: RequestContext,
  token: string | null,
  code: string,
): Promise<IssuedSession> {
  const { session, user } = await pendingSession(db, token, 'second-factor');
  const audit = signInStepAudit(ctx, 'auth.second-factor', user);
  if (isLocked(user)) {
    await audit(db, 'failure', { reason: 'locked-out' });
    throw signInRefused(settings);
  }
  const step = user.totpSecret ? matchTotpStep(settings.secrets.open(user.totpSecret), code) : null;
  if (step === null) {
    await db.transaction(async (tx) => {
      const { failed, lockedOut } = await countFailure(tx, settings, user);
      await audit(tx, 'failure', { reason: 'wrong-code', failedSignIns: failed, lockedOut });
    });
    throw wrongCode();
  }
  const issued = await db.transaction(async (tx) => {
    // The arbiter of a race: of two submits of one code, exactly one claims its step (the other
    // waits on the row, then finds the step taken).
    if (!(await users.claimTotpStep(tx, user.id, step))) return null;
    if (user.failedSignIns > 0) await users.updateUserSecurity(tx, user.id, { failedSignIns: 0 });
    await repo.deleteSession(tx, session.id);
    const active = await issueSession(tx, settings, user, 'active');
    await audit(tx, 'success', { stage: 'signed-in' });
    return active;
  });
  if (!issued) {
    await audit(db, 'failure', { reason: 'code-reused' });
    throw wrongCode();
  }
  return { token: issued.token, result: { status: 'signed-in', me: await buildMe(db, user, issued.csrfToken) } };
}

/** Starts optional set-up of a second factor from a signed-in session. */
export async function startSecondFactorSetup(db: Db, settings: AuthSettings, ctx: RequestContext, token: string) {
  const userId = ctx.actor?.userId;
  const user = userId ? await users.findUserById(db, userId) : null;
  if (!user) throw pendingExpired();
  if (user.totpEnabled) throw conflict('Two-step verification is already on for your account.');
  const secret = newTotpSecret();
  await repo.setPendingTotpSecret(db, sessionIdOf(token), settings.secrets.seal(secret));
  return { secret, otpauthUri: otpauthUri(secret, user.email) };
}

/**
 * Finishes set-up: the code proves the authenticator holds the secret. During an admin's first
 * sign-in this also completes the sign-in (a new session id); from the account page it ends
 * every other session of the user.
 */
export async function enrolSecondFactor(
  db: Db,
  settings: AuthSettings,
  ctx: RequestContext,
  token: string | null,
  code: string,
): Promise<IssuedSession> {
  const session = token ? await repo.findSession(db, sessionIdOf(token)) : null;
  const usable =
    session?.pendingTotpSecret &&
    session.expiresAt.getTime() > Date.now() &&
    (session.stage === 'second-factor-setup' || (session.stage === 'active' && ctx.actor?.userId === session.userId));
  if (!session || !usable || !session.pendingTotpSecret) throw pendingExpired();
  const user = await users.findUserById(db, session.userId);
  if (!user?.active) throw pendingExpired();
  const sealed = session.pendingTotpSecret;
  const secret = settings.secrets.open(sealed);
  const step = matchTotpStep(secret, code);
  const audit = (tx: DbOrTx, action: string, outcome: 'success' | 'failure', details?: Record<string, unknown>) =>
    signInStepAudit(ctx, action, user)(tx, outcome, details);
  if (step === null) {
    await audit(db, 'auth.second-factor.enrol', 'failure', { reason: 'wrong-code' });
    throw wrongCode();
  }
  const enrolled = { ...user, totpSecret: sealed, totpEnabled: true, totpLastStep: step };
  // Turning the factor on, its audit row and the session change commit together or not at all.
  const kept = await db.transaction(async (tx) => {
    // Of two submits of one enrolment, only the first takes the pending secret; the other ends here.
    if (!(await repo.takePendingTotpSecret(tx, session.id, sealed))) throw pendingExpired();
    // Sealed again: the pending value may have been sealed by a key retired since.
    const totpSecret = settings.secrets.needsResealing(sealed) ? settings.secrets.seal(secret) : sealed;
    await users.updateUserSecurity(tx, user.id, { totpSecret, totpEnabled: true, totpLastStep: step });
    await audit(tx, 'auth.second-factor.enrol', 'success');
    if (session.stage === 'second-factor-setup') {
      await repo.deleteSession(tx, session.id);
      const issued = await issueSession(tx, settings, enrolled, 'active');
      await audit(tx, 'auth.second-factor', 'success', { stage: 'signed-in' });
      return issued;
    }
    for (const ended of await repo.deleteSessionsOfUser(tx, user.id, session.id)) {
      await announceSessionEnded(tx, { sessionId: ended });
    }
    return { token: token as string, csrfToken: session.csrfToken };
  });
  return { token: kept.token, result: { status: 'signed-in', me: await buildMe(db, enrolled, kept.csrfToken) } };
}

/**
 * Deletes a session and tells every instance, on commit, so that its open event streams end at
 * once rather than at their next heartbeat. True when there was such a session.
 */
async function endSession(tx: Tx, id: string): Promise<boolean> {
  if (!(await repo.deleteSession(tx, id))) return false;
  await announceSessionEnded(tx, { sessionId: id });
  return true;
}

export async function signOut(db: Db, ctx: RequestContext, token: string | null): Promise<void> {
  if (!token) return;
  await db.transaction(async (tx) => {
    if (await endSession(tx, sessionIdOf(token))) await writeAudit(tx, ctx, { action: 'auth.sign-out' });
  });
}

/** The access hook's session lookup: live, fully signed-in sessions only (session and account in one read). */
export async function authenticate(
  db: Db,
  settings: AuthSettings,
  token: string,
): Promise<AuthenticatedSession | null> {
  const id = sessionIdOf(token);
  const session = await repo.findSessionAccount(db, id);
  if (session?.stage !== 'active') return null;
  const now = Date.now();
  const idleDeadline = session.lastSeenAt.getTime() + minutes(settings.idleMinutes);
  if (session.expiresAt.getTime() <= now || idleDeadline <= now) {
    await repo.deleteSession(db, id);
    return null;
  }
  if (!session.active) return null;
  // A deactivated-then-reactivated account does not bring its old sessions back.
  if (voidedByAccount(session)) {
    await repo.deleteSession(db, id);
    return null;
  }
  if (now - session.lastSeenAt.getTime() > TOUCH_EVERY_MS) await repo.touchSession(db, id, new Date(now));
  return { principal: users.principalOf({ ...session, id: session.userId }), csrfToken: session.csrfToken };
}

/** Started before its account voided its sessions (deactivated, then perhaps reactivated). */
const voidedByAccount = (s: repo.SessionAccountRow) =>
  s.sessionsValidAfter !== null && s.createdAt < s.sessionsValidAfter;

/**
 * Whether a session is still signed in, WITHOUT counting as activity (no touch): for
 * long-lived connections (the live event stream), which must end when the session does but
 * must not keep an idle session alive.
 */
export async function isSessionActive(db: Db, settings: AuthSettings, token: string): Promise<boolean> {
  const session = await repo.findSessionAccount(db, sessionIdOf(token));
  if (session?.stage !== 'active') return false;
  const now = Date.now();
  if (session.expiresAt.getTime() <= now) return false;
  if (session.lastSeenAt.getTime() + minutes(settings.idleMinutes) <= now) return false;
  return session.active && !voidedByAccount(session);
}

export async function getMe(db: Db, ctx: RequestContext, csrfToken: string): Promise<Me> {
  const user = ctx.actor ? await users.findUserById(db, ctx.actor.userId) : null;
  if (!user) throw new AppError('unauthenticated', { userMessage: 'You need to sign in.' });
  return buildMe(db, user, csrfToken);
}

async function buildMe(db: DbOrTx, user: users.UserRow, csrfToken: string): Promise<Me> {
  const principal = users.principalOf(user);
  const orgId = users.organisationIdOf(user);
  const refs = await organisationRefs(db, [orgId, ...(user.pcnId ? [user.pcnId] : [])]);
  const organisation = refs.get(orgId) ?? { kind: 'icb' as const, id: user.icbId, code: null, name: 'Unknown' };
  return {
    user: {
      id: user.id,
      name: user.name,
      email: user.email,
      role: user.role as Role,
      roleLabel: ROLE_LABELS[user.role as Role],
      secondFactorEnabled: user.totpEnabled,
    },
    organisation,
    pcn: user.pcnId ? (refs.get(user.pcnId) ?? null) : null,
    permissions: [...principal.permissions],
    csrfToken,
  };
}

export async function purgeExpiredSessions(db: Db): Promise<number> {
  return repo.deleteExpiredSessions(db, new Date());
}
