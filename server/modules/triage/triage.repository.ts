import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/client.js';
import { pcnTriageSettings } from './triage.tables.js';

export type TriageSettingsRow = typeof pcnTriageSettings.$inferSelect;

export async function findTriageSettings(db: DbOrTx, pcnId: string): Promise<TriageSettingsRow | null> {
  const [row] = await db.select().from(pcnTriageSettings).where(eq(pcnTriageSettings.pcnId, pcnId));
  return row ?? null;
}

export async function upsertTriageSettings(
  db: DbOrTx,
  pcnId: string,
  values: { urgentDays: number; soonDays: number; routineDays: number },
): Promise<TriageSettingsRow> {
  const [row] = await db
    .insert(pcnTriageSettings)
    .values({ pcnId, ...values, updatedAt: new Date() })
    .onConflictDoUpdate({ target: pcnTriageSettings.pcnId, set: { ...values, updatedAt: new Date() } })
    .returning();
  return row as TriageSettingsRow;
}
