import { sql } from 'drizzle-orm';
import {
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type { JSONWebKeySet } from 'jose';
// Foreign keys only: other modules' tables are referenced for integrity, never queried here.
import { icbs, pcns, practices } from '../organisations/organisations.tables.js';
import { users } from '../users/users.tables.js';

/**
 * A system that talks to Waymark over FHIR (a GP system integration, another NHS service), acting
 * for one practice or one PCN. Its OAuth client_id is `id`. It proves who it is with a JWT signed by
 * a key whose public half is registered here (`private_key_jwt`, preferred) or with a secret kept
 * only as its argon2id hash. Revoked clients are kept (the audit names them) and get no tokens.
 */
export const systemClients = pgTable(
  'system_clients',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    icbId: uuid('icb_id')
      .notNull()
      .references(() => icbs.id),
    pcnId: uuid('pcn_id')
      .notNull()
      .references(() => pcns.id),
    /** The practice it acts for; null when it acts for the whole PCN. */
    practiceId: uuid('practice_id').references(() => practices.id),
    authMethod: text('auth_method', { enum: ['private_key_jwt', 'client_secret'] }).notNull(),
    /** The public keys its client assertions are signed with (never fetched from a URL). */
    jwks: jsonb('jwks').$type<JSONWebKeySet>(),
    secretHash: text('secret_hash'),
    scopes: text('scopes').array().notNull(),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    revokedBy: uuid('revoked_by').references(() => users.id),
    /**
     * Where the message back is pushed (a webhook set by the admin; issue 17 point 4), and the
     * secret its bodies are signed with (HMAC-SHA256). The secret is kept as it was shown once:
     * signing needs it; only admins of the ICB reach this table, and never through the API.
     */
    webhookUrl: text('webhook_url'),
    webhookSecret: text('webhook_secret'),
    webhookSetAt: timestamp('webhook_set_at', { withTimezone: true }),
  },
  (t) => [
    check('system_clients_webhook', sql`(${t.webhookUrl} IS NULL) = (${t.webhookSecret} IS NULL)`),
    index('system_clients_icb_idx').on(t.icbId, t.createdAt),
    check(
      'system_clients_credential',
      sql`(${t.authMethod} = 'private_key_jwt' AND ${t.jwks} IS NOT NULL AND ${t.secretHash} IS NULL)
        OR (${t.authMethod} = 'client_secret' AND ${t.secretHash} IS NOT NULL AND ${t.jwks} IS NULL)`,
    ),
    check('system_clients_has_scope', sql`cardinality(${t.scopes}) >= 1`),
  ],
);

/** Access tokens, kept by the SHA-256 of the opaque token: the table alone cannot be replayed. */
export const systemClientTokens = pgTable(
  'system_client_tokens',
  {
    id: text('id').primaryKey(),
    clientId: uuid('client_id')
      .notNull()
      .references(() => systemClients.id),
    scopes: text('scopes').array().notNull(),
    issuedAt: timestamp('issued_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [
    index('system_client_tokens_client_idx').on(t.clientId),
    index('system_client_tokens_expiry_idx').on(t.expiresAt),
  ],
);

/** The `jti` of every client assertion taken, until it expires: an assertion is good once. */
export const systemClientAssertions = pgTable(
  'system_client_assertions',
  {
    clientId: uuid('client_id')
      .notNull()
      .references(() => systemClients.id),
    jti: text('jti').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.clientId, t.jti] })],
);

/**
 * The transactional outbox of the message back pushed to a system's webhook: one row per (message,
 * client), written in the same transaction as the discharge (or the closing decision), and kept
 * until delivered; failures carry the attempts, the last error and when to try next.
 */
export const gpMessageDeliveries = pgTable(
  'gp_message_deliveries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    clientId: uuid('client_id')
      .notNull()
      .references(() => systemClients.id),
    /** The gp_messages row (cases module); referenced by id only, to keep the modules apart. */
    gpMessageId: uuid('gp_message_id').notNull(),
    status: text('status', { enum: ['pending', 'delivered'] })
      .notNull()
      .default('pending'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('gp_message_deliveries_uq').on(t.gpMessageId, t.clientId),
    index('gp_message_deliveries_due_idx').on(t.nextAttemptAt).where(sql`${t.status} = 'pending'`),
    index('gp_message_deliveries_client_idx').on(t.clientId, t.createdAt),
  ],
);
