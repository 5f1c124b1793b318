import type { AuditEvent } from '../../../common/api-types.js';
import type { Role } from '../../../common/roles.js';
import { writeAudit } from '../../platform/audit/audit.js';
import type { RequestContext } from '../../platform/context.js';
import type { Db } from '../../platform/db/client.js';
import { findUserIdsMatching, userNames } from '../users/users.service.js';
import { searchAuditEvents } from './audit.repository.js';
import type { TAuditSearch } from './audit.schemas.js';

const PAGE_SIZE = 50;

export async function searchAudit(db: Db, ctx: RequestContext, query: TAuditSearch) {
  const actorIds = query.actor ? await findUserIdsMatching(db, query.actor) : undefined;
  const rows = await searchAuditEvents(
    db,
    {
      actorIds,
      actionPrefix: query.action || undefined,
      outcome: query.outcome,
      entity: query.entity || undefined,
      from: query.from ? new Date(`${query.from}T00:00:00Z`) : undefined,
      toExclusive: query.to ? new Date(new Date(`${query.to}T00:00:00Z`).getTime() + 86_400_000) : undefined,
      beforeId: query.before ? BigInt(query.before) : undefined,
    },
    PAGE_SIZE + 1,
  );
  const page = rows.slice(0, PAGE_SIZE);
  const names = await userNames(
    db,
    page.flatMap((r) => (r.actorUserId ? [r.actorUserId] : [])),
  );
  // Searching the audit trail is itself an audited act.
  await writeAudit(db, ctx, { action: 'audit.search', details: { filters: Object.keys(query), results: page.length } });
  const events: AuditEvent[] = page.map((r) => ({
    id: String(r.id),
    at: r.at.toISOString(),
    actorUserId: r.actorUserId,
    actorName: r.actorUserId ? (names.get(r.actorUserId) ?? null) : null,
    actorRole: r.actorRole as Role | null,
    action: r.action,
    outcome: r.outcome,
    entityType: r.entityType,
    entityId: r.entityId,
    ip: r.ip,
    details: r.details,
  }));
  return { events, nextBefore: rows.length > PAGE_SIZE ? String(page[page.length - 1]?.id) : null };
}
