import type { Caseload, CaseloadItem, FirstContactDue } from '../../../../common/front-door-types.js';
import { type ReferralStatus, STATUS_LABELS } from '../../../../common/referrals.js';
import { writeAudit } from '../../../platform/audit/audit.js';
import type { RequestContext } from '../../../platform/context.js';
import type { Db } from '../../../platform/db/client.js';
import { reasonLabels } from '../../codes/codes.service.js';
import { peopleByIds } from '../../people/people.service.js';
import { requirePcnActor } from '../../triage/triage.service.js';
import { userNames } from '../../users/users.service.js';
import { londonToday } from '../../workforce/workforce.service.js';
import * as repo from '../allocation.repository.js';

function dueOf(row: repo.ReferralRow, now: Date): FirstContactDue {
  if (row.status !== 'allocated' || row.firstContactAt) return 'made';
  if (!row.firstContactDueAt) return 'no_target';
  if (londonToday(row.firstContactDueAt) === londonToday(now)) return 'due_today';
  return row.firstContactDueAt < now ? 'overdue' : 'upcoming';
}

/** The signed-in worker's own open cases and the ones they cover, soonest first-contact first. */
export async function listCaseload(db: Db, ctx: RequestContext): Promise<Caseload> {
  const actor = requirePcnActor(ctx, 'caseload');
  const rows = await repo.findCaseload(db, actor.scope.pcnId, actor.userId);
  const others = rows.flatMap((r) =>
    r.coverWorkerId === actor.userId ? [r.allocatedWorkerId as string] : r.coverWorkerId ? [r.coverWorkerId] : [],
  );
  const [people, labels, names] = await Promise.all([
    peopleByIds(
      db,
      rows.map((r) => r.personId),
    ),
    reasonLabels(db),
    userNames(db, others),
  ]);
  const now = new Date();
  const items = rows.map((r): CaseloadItem => {
    const p = people.get(r.personId);
    const coverKind = r.coverWorkerId === actor.userId ? 'covering' : r.coverWorkerId ? 'covered' : null;
    const otherId = coverKind === 'covering' ? (r.allocatedWorkerId as string) : (r.coverWorkerId as string);
    return {
      id: r.id,
      version: r.version,
      person: {
        givenName: p?.givenName ?? '',
        familyName: p?.familyName ?? '',
        nhsNumber: p?.nhsNumber ?? null,
        dateOfBirth: p?.dateOfBirth ?? '',
      },
      reasons: r.reasons.map((code) => ({ code, label: labels.get(code) ?? code })),
      priority: r.priority,
      status: r.status as CaseloadItem['status'],
      statusLabel: STATUS_LABELS[r.status as ReferralStatus],
      safeguardingConcern: r.safeguardingConcern,
      allocatedAt: r.allocatedAt?.toISOString() ?? null,
      firstContactDueAt: r.firstContactDueAt?.toISOString() ?? null,
      firstContactAt: r.firstContactAt?.toISOString() ?? null,
      firstContactDue: dueOf(r, now),
      cover: coverKind ? { kind: coverKind, worker: { id: otherId, name: names.get(otherId) ?? 'A colleague' } } : null,
    };
  });
  await writeAudit(db, ctx, {
    action: 'caseload.read',
    entityType: 'user',
    entityId: actor.userId,
    details: { count: items.length },
  });
  return {
    items,
    counts: {
      total: items.length,
      awaitingFirstContact: items.filter((i) => i.status === 'allocated').length,
      overdue: items.filter((i) => i.firstContactDue === 'overdue').length,
      covering: items.filter((i) => i.cover?.kind === 'covering').length,
    },
  };
}

export type { Caseload, CaseloadItem, FirstContactDue };
