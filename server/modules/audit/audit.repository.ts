import { and, desc, eq, gte, inArray, isNull, like, lt, or, type SQL, type SQLWrapper } from 'drizzle-orm';
import { auditEvents } from '../../platform/audit/audit.tables.js';
import type { DbOrTx } from '../../platform/db/client.js';

/** Whose trail a search reads: one ICB's. */
export interface AuditScope {
  icbId: string;
  /** The ids of the ICB's users (a sub-query): rows written before rows named an ICB belong to their actor's. */
  usersOfIcb: SQLWrapper;
}

export interface AuditFilter {
  actorIds?: string[];
  actionPrefix?: string;
  outcome?: 'success' | 'denied' | 'failure';
  entity?: string;
  from?: Date;
  toExclusive?: Date;
  beforeId?: bigint;
}

export async function searchAuditEvents(db: DbOrTx, scope: AuditScope, filter: AuditFilter, limit: number) {
  const where: (SQL | undefined)[] = [
    or(
      eq(auditEvents.icbId, scope.icbId),
      and(isNull(auditEvents.icbId), inArray(auditEvents.actorUserId, scope.usersOfIcb)),
    ),
    filter.actorIds ? inArray(auditEvents.actorUserId, filter.actorIds) : undefined,
    filter.actionPrefix
      ? like(auditEvents.action, `${filter.actionPrefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`)
      : undefined,
    filter.outcome ? eq(auditEvents.outcome, filter.outcome) : undefined,
    filter.entity ? or(eq(auditEvents.entityType, filter.entity), eq(auditEvents.entityId, filter.entity)) : undefined,
    filter.from ? gte(auditEvents.at, filter.from) : undefined,
    filter.toExclusive ? lt(auditEvents.at, filter.toExclusive) : undefined,
    filter.beforeId ? lt(auditEvents.id, filter.beforeId) : undefined,
  ];
  return db
    .select()
    .from(auditEvents)
    .where(and(...where))
    .orderBy(desc(auditEvents.id))
    .limit(limit);
}
