import type { AuditEvent } from '../../../common/api-types.js';
import { SYSTEM_CLIENT_ACTOR_ROLE, writeAuditAlone } from '../../platform/audit/audit.js';
import type { SignedInContext } from '../../platform/context.js';
import type { Db } from '../../platform/db/client.js';
import { systemClientNames } from '../system-clients/system-clients.service.js';
import { findUserIdsMatching, userIdsOfIcbQuery, userNames } from '../users/users.service.js';
import { searchAuditEvents } from './audit.repository.js';
import type { TAuditSearch } from './audit.schemas.js';

const PAGE_SIZE = 50;

/**
 * The instant a UK calendar day (plus `addDays`) begins. Dates typed by staff are UK dates, so
 * "from 1 July" starts at 00:00 BST (23:00 UTC the day before), not at UTC midnight.
 */
export function ukMidnight(isoDate: string, addDays = 0): Date {
  const utcMidnight = new Date(`${isoDate}T00:00:00Z`);
  utcMidnight.setUTCDate(utcMidnight.getUTCDate() + addDays);
  const londonHour = Number(
    new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', hour: '2-digit', hourCycle: 'h23' }).format(
      utcMidnight,
    ),
  );
  // At UTC midnight London reads 00:00 (GMT) or 01:00 (BST): the UK day began that many hours earlier.
  return new Date(utcMidnight.getTime() - londonHour * 3_600_000);
}

/**
 * One page of the admin's own ICB's audit trail, newest first. Another ICB's rows are never
 * found, whatever the filter; `actor` matches only the ICB's own staff.
 */
export async function searchAudit(db: Db, ctx: SignedInContext, query: TAuditSearch) {
  const { icbId } = ctx.actor.scope;
  const actorIds = query.actor ? await findUserIdsMatching(db, icbId, query.actor) : undefined;
  const rows = await searchAuditEvents(
    db,
    { icbId, usersOfIcb: userIdsOfIcbQuery(db, icbId) },
    {
      actorIds,
      actionPrefix: query.action || undefined,
      outcome: query.outcome,
      entity: query.entity || undefined,
      from: query.from ? ukMidnight(query.from) : undefined,
      toExclusive: query.to ? ukMidnight(query.to, 1) : undefined,
      beforeId: query.before ? BigInt(query.before) : undefined,
    },
    PAGE_SIZE + 1,
  );
  const page = rows.slice(0, PAGE_SIZE);
  // A registered system acts under its client id (actor role `system_client`), a person under theirs.
  const bySystem = (r: (typeof page)[number]) => r.actorRole === SYSTEM_CLIENT_ACTOR_ROLE;
  const names = await userNames(
    db,
    page.flatMap((r) => (r.actorUserId && !bySystem(r) ? [r.actorUserId] : [])),
  );
  const systems = await systemClientNames(
    db,
    page.flatMap((r) => (r.actorUserId && bySystem(r) ? [r.actorUserId] : [])),
  );
  // Searching the audit trail is itself an audited act.
  await writeAuditAlone(db, ctx, {
    action: 'audit.search',
    details: { filters: Object.keys(query), results: page.length },
  });
  const events: AuditEvent[] = page.map((r) => ({
    id: String(r.id),
    at: r.at.toISOString(),
    actorUserId: r.actorUserId,
    actorName: r.actorUserId ? ((bySystem(r) ? systems : names).get(r.actorUserId) ?? null) : null,
    actorRole: r.actorRole as AuditEvent['actorRole'],
    action: r.action,
    outcome: r.outcome,
    entityType: r.entityType,
    entityId: r.entityId,
    ip: r.ip,
    details: r.details,
  }));
  return { events, nextBefore: rows.length > PAGE_SIZE ? String(page[page.length - 1]?.id) : null };
}
