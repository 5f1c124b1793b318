import { eq } from 'drizzle-orm';
import { index, pgTable, pgView, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from '../users/users.tables.js';

// Server-side sessions: the cookie carries a random token; only its SHA-256 is stored, so a
// leaked table cannot be replayed as cookies.
export const sessions = pgTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** 'active', or a sign-in still waiting for its second factor. */
    stage: text('stage', { enum: ['active', 'second-factor', 'second-factor-setup'] }).notNull(),
    csrfToken: text('csrf_token').notNull(),
    /** A TOTP secret offered during set-up, kept until the user proves they stored it. */
    pendingTotpSecret: text('pending_totp_secret'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('sessions_user_idx').on(t.userId), index('sessions_expires_idx').on(t.expiresAt)],
);

/**
 * A session with what the access hook checks of its account (active, sessions void before, and
 * who it is: name, role and organisations), so that every signed-in request reads both in ONE
 * statement rather than two (bench/RESULTS.md: a statement on every request is a measurable
 * share of the app's and PostgreSQL's CPU). Read only by the access hook (auth.repository
 * findSessionAccount); nothing of the account's secrets is in it. The one place this module
 * reads the users table, through its own view rather than the users module's queries.
 */
export const sessionAccounts = pgView('session_accounts').as((qb) =>
  qb
    .select({
      id: sessions.id,
      userId: sessions.userId,
      stage: sessions.stage,
      csrfToken: sessions.csrfToken,
      createdAt: sessions.createdAt,
      lastSeenAt: sessions.lastSeenAt,
      expiresAt: sessions.expiresAt,
      name: users.name,
      role: users.role,
      icbId: users.icbId,
      pcnId: users.pcnId,
      practiceId: users.practiceId,
      vcsOrganisationId: users.vcsOrganisationId,
      active: users.active,
      sessionsValidAfter: users.sessionsValidAfter,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId)),
);

// "Forgot password" links: only the SHA-256 of the token in the link is stored, so the table
// cannot be used to reset anyone's password. A token works once, until it expires.
export const passwordResetTokens = pgTable(
  'password_reset_tokens',
  {
    id: text('id').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    /** Set when the link was used, or when a newer link or a password change made it void. */
    usedAt: timestamp('used_at', { withTimezone: true }),
  },
  (t) => [index('password_reset_tokens_user_idx').on(t.userId, t.createdAt)],
);
