import type { TriageSettings } from '../../../../common/front-door-types.js';
import type { Priority } from '../../../../common/referrals.js';
import { requirePcnActor } from '../../../platform/access/pcn-member.js';
import { writeAudit } from '../../../platform/audit/audit.js';
import type { SignedInContext } from '../../../platform/context.js';
import type { Db, DbOrTx } from '../../../platform/db/client.js';
import { runUseCase } from '../../../platform/use-case.js';
import * as repo from '../triage.repository.js';
import type { TTriageSettings } from '../triage.schemas.js';

export const DEFAULT_TARGETS = { urgentDays: 2, soonDays: 7, routineDays: 14 } as const;

export async function triageTargets(db: DbOrTx, pcnId: string): Promise<TriageSettings> {
  const row = await repo.findTriageSettings(db, pcnId);
  return row
    ? { urgentDays: row.urgentDays, soonDays: row.soonDays, routineDays: row.routineDays, isDefault: false }
    : { ...DEFAULT_TARGETS, isDefault: true };
}

export function targetDays(settings: TriageSettings, priority: Priority): number {
  return priority === 'urgent' ? settings.urgentDays : priority === 'soon' ? settings.soonDays : settings.routineDays;
}

export async function getTriageSettings(db: Db, ctx: SignedInContext): Promise<TriageSettings> {
  return triageTargets(db, requirePcnActor(ctx, 'PCN').scope.pcnId);
}

export async function saveTriageSettings(
  db: Db,
  ctx: SignedInContext,
  input: TTriageSettings,
): Promise<TriageSettings> {
  const pcnId = requirePcnActor(ctx, 'PCN').scope.pcnId;
  return runUseCase(db, ctx, async (tx) => {
    const row = await repo.upsertTriageSettings(tx, pcnId, input);
    await writeAudit(tx, ctx, {
      action: 'triage.settings.update',
      entityType: 'pcn',
      entityId: pcnId,
      details: { urgentDays: row.urgentDays, soonDays: row.soonDays, routineDays: row.routineDays },
    });
    return { urgentDays: row.urgentDays, soonDays: row.soonDays, routineDays: row.routineDays, isDefault: false };
  });
}

export type { TriageSettings };
