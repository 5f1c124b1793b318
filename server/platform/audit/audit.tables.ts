import { bigserial, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

// Append-only, hash-chained: each row stores the hash of the row before it, so editing or
// deleting any row breaks the chain from that point on. A trigger (migration 0001) refuses
// UPDATE and DELETE; `npm run audit:verify` recomputes the chain.
export const auditEvents = pgTable(
  'audit_events',
  {
    id: bigserial('id', { mode: 'bigint' }).primaryKey(),
    at: timestamp('at', { withTimezone: true, precision: 3 }).notNull(),
    actorUserId: uuid('actor_user_id'),
    actorRole: text('actor_role'),
    action: text('action').notNull(),
    outcome: text('outcome', { enum: ['success', 'denied', 'failure'] }).notNull(),
    entityType: text('entity_type'),
    entityId: text('entity_id'),
    ip: text('ip'),
    requestId: text('request_id'),
    /**
     * The ICB whose admins may see the row (the actor's, or the account's or listing's when no one
     * is signed in). Null on rows written before it existed: those are scoped by the actor's ICB.
     */
    icbId: uuid('icb_id'),
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull().unique(),
  },
  (t) => [
    index('audit_events_at_idx').on(t.at),
    index('audit_events_actor_idx').on(t.actorUserId, t.at),
    index('audit_events_action_idx').on(t.action, t.at),
    index('audit_events_entity_idx').on(t.entityType, t.entityId),
    index('audit_events_icb_idx').on(t.icbId, t.id),
  ],
);
