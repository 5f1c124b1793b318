import { writeAuditAlone } from '../../../platform/audit/audit.js';
import type { SignedInContext } from '../../../platform/context.js';
import type { Db } from '../../../platform/db/client.js';
import { findGpMessageRecord, listGpMessageRecords } from '../../cases/cases.service.js';
import { type MessageBackBundle, messageBackBundle } from '../message-back.js';
import { FhirError } from '../operation-outcome.js';

// GET /fhir/R4/Bundle?type=message and /fhir/R4/Bundle/{id}: the messages back a system may read
// (a practice's system: its practice's; a PCN's: its PCN's), each read audited with the client's
// id. Another organisation's message is answered exactly as an id that does not exist.

export const MAX_COUNT = 100;
export const DEFAULT_COUNT = 20;

export async function readMessageBack(
  db: Db,
  ctx: SignedInContext,
  id: string,
  baseUrl: string,
): Promise<MessageBackBundle> {
  const record = /^[0-9a-f-]{36}$/i.test(id) ? await findGpMessageRecord(db, ctx.actor.scope, id) : null;
  if (!record) {
    await writeAuditAlone(db, ctx, {
      action: 'gpmessage.read',
      outcome: 'denied',
      entityType: 'gp_message',
      details: { reason: 'not_found', id: id.slice(0, 64) },
    });
    throw new FhirError(404, [{ code: 'not-found', diagnostics: `Bundle/${id.slice(0, 64)} is not known.` }]);
  }
  await writeAuditAlone(db, ctx, {
    action: 'gpmessage.read',
    entityType: 'referral',
    entityId: record.referral.id,
    details: { gpMessageId: record.message.id, via: 'fhir' },
  });
  return messageBackBundle(record, { baseUrl });
}

export interface MessageBackSearch {
  since: Date | null;
  offset: number;
  count: number;
}

/** A searchset of messages back, oldest first, with self and next links. */
export async function searchMessagesBack(
  db: Db,
  ctx: SignedInContext,
  q: MessageBackSearch,
  links: { self: string; next: (offset: number) => string; baseUrl: string },
) {
  const { records, hasMore } = await listGpMessageRecords(db, ctx.actor.scope, {
    since: q.since,
    offset: q.offset,
    limit: q.count,
  });
  for (const r of records) {
    await writeAuditAlone(db, ctx, {
      action: 'gpmessage.read',
      entityType: 'referral',
      entityId: r.referral.id,
      details: { gpMessageId: r.message.id, via: 'fhir-search' },
    });
  }
  return {
    resourceType: 'Bundle',
    type: 'searchset',
    link: [
      { relation: 'self', url: links.self },
      ...(hasMore ? [{ relation: 'next', url: links.next(q.offset + q.count) }] : []),
    ],
    entry: records.map((r) => ({
      fullUrl: `${links.baseUrl}/Bundle/${r.message.id}`,
      resource: messageBackBundle(r, { baseUrl: links.baseUrl }),
      search: { mode: 'match' },
    })),
  };
}
