import type { QueueCounts, QueueItem, TriageQueue } from '../../../../common/front-door-types.js';
import { PRIORITIES, type ReferralStatus, STATUS_LABELS } from '../../../../common/referrals.js';
import { requirePcnActor } from '../../../platform/access/pcn-member.js';
import type { Scope } from '../../../platform/access/scope.js';
import { writeAuditAlone } from '../../../platform/audit/audit.js';
import type { SignedInContext } from '../../../platform/context.js';
import type { Db } from '../../../platform/db/client.js';
import { allReferralReasons } from '../../codes/codes.service.js';
import { activePracticesOfPcn, organisationRefs } from '../../organisations/organisations.service.js';
import { personNamesByIds } from '../../people/people.service.js';
import { workLists } from '../../referrals/referrals.service.js';
import type { TQueueQuery } from '../triage.schemas.js';

async function countsOf(db: Db, scope: Scope, q?: TQueueQuery): Promise<QueueCounts> {
  const rows = await workLists.countQueue(db, scope, q);
  const counts: QueueCounts = {
    total: 0,
    byStatus: { received: 0, triaged: 0 },
    byPriority: { urgent: 0, soon: 0, routine: 0 },
    safeguarding: 0,
  };
  for (const r of rows) {
    counts.total += r.n;
    if (r.status === 'received' || r.status === 'triaged') counts.byStatus[r.status] += r.n;
    if ((PRIORITIES as readonly string[]).includes(r.priority)) counts.byPriority[r.priority] += r.n;
    if (r.safeguarding) counts.safeguarding += r.n;
  }
  return counts;
}

/** Every open referral of the lead's PCN not yet allocated: most urgent first, then longest waiting. */
export async function listTriageQueue(db: Db, ctx: SignedInContext, q: TQueueQuery): Promise<TriageQueue> {
  const actor = requirePcnActor(ctx, 'queue');
  const pcnId = actor.scope.pcnId;
  const filtered = Object.values(q).some((v) => v !== undefined);
  const [rows, counts, matchingCounts, reasons, pcnPractices] = await Promise.all([
    workLists.findQueue(db, actor.scope, q),
    countsOf(db, actor.scope),
    filtered ? countsOf(db, actor.scope, q) : null,
    allReferralReasons(db),
    activePracticesOfPcn(db, actor.scope, pcnId),
  ]);
  const truncated = rows.length > workLists.QUEUE_LIMIT;
  const page = rows.slice(0, workLists.QUEUE_LIMIT);
  const [people, practices] = await Promise.all([
    personNamesByIds(
      db,
      actor.scope,
      page.map((r) => r.personId),
    ),
    organisationRefs(
      db,
      page.flatMap((r) => (r.practiceId ? [r.practiceId] : [])),
    ),
  ]);
  const labels = new Map(reasons.map((r) => [r.code, r.label]));
  await writeAuditAlone(db, ctx, {
    action: 'triage.queue.read',
    entityType: 'pcn',
    entityId: pcnId,
    details: { count: page.length, filters: Object.keys(q).filter((k) => q[k as keyof TQueueQuery] !== undefined) },
  });
  return {
    items: page.map((r) => {
      const p = people.get(r.personId);
      const practice = r.practiceId ? practices.get(r.practiceId) : undefined;
      return {
        id: r.id,
        version: r.version,
        person: {
          givenName: p?.givenName ?? '',
          familyName: p?.familyName ?? '',
          nhsNumber: p?.nhsNumber ?? null,
          dateOfBirth: p?.dateOfBirth ?? '',
        },
        practice: practice ? { id: practice.id, name: practice.name } : null,
        source: r.source,
        reasons: r.reasons.map((code) => ({ code, label: labels.get(code) ?? code })),
        urgencyRequested: r.urgencyRequested,
        priority: r.priority,
        queuePriority: r.priority ?? r.urgencyRequested,
        status: r.status as 'received' | 'triaged',
        statusLabel: STATUS_LABELS[r.status as ReferralStatus],
        safeguardingConcern: r.safeguardingConcern,
        receivedAt: r.receivedAt.toISOString(),
        firstContactDueAt: r.firstContactDueAt?.toISOString() ?? null,
      };
    }),
    counts,
    matching: matchingCounts ? matchingCounts.total : counts.total,
    truncated,
    filterOptions: {
      practices: pcnPractices,
      reasons: reasons.map((r) => ({ code: r.code, label: r.label })),
    },
  };
}

export type { QueueCounts, QueueItem, TriageQueue };
