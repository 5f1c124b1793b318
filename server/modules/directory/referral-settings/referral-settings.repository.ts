import { and, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db/client.js';
import { directoryOrganizations, directoryServices } from '../directory.tables.js';
import { serviceReferralSettings } from '../directory-partner.tables.js';

export type SettingsRow = typeof serviceReferralSettings.$inferSelect;

/** The service in the ICB with who runs it and its own settings row (null when it has none). */
export async function findServiceWithSettings(db: DbOrTx, icbId: string, serviceId: string, lock = false) {
  const query = db
    .select({
      id: directoryServices.id,
      name: directoryServices.name,
      serviceEmail: directoryServices.email,
      organisationName: directoryOrganizations.name,
      organisationEmail: directoryOrganizations.email,
      vcsOrganisationId: directoryOrganizations.vcsOrganisationId,
    })
    .from(directoryServices)
    .innerJoin(directoryOrganizations, eq(directoryOrganizations.id, directoryServices.organizationId))
    .where(and(eq(directoryServices.id, serviceId), eq(directoryServices.icbId, icbId)));
  // A write takes the service row's lock, so the before/after it audits is the one it replaced.
  const [service] = lock ? await query.for('update', { of: directoryServices }) : await query;
  if (!service) return null;
  const [settings] = await db
    .select()
    .from(serviceReferralSettings)
    .where(eq(serviceReferralSettings.serviceId, serviceId));
  return { service, settings: settings ?? null };
}

export async function saveSettings(
  tx: DbOrTx,
  row: Omit<SettingsRow, 'updatedAt'> & { updatedAt: Date },
): Promise<SettingsRow> {
  const { serviceId, ...values } = row;
  const [saved] = await tx
    .insert(serviceReferralSettings)
    .values(row)
    .onConflictDoUpdate({ target: serviceReferralSettings.serviceId, set: values })
    .returning();
  return saved as SettingsRow;
}

/** Names of these services of the ICB (another ICB's are left out). */
export async function serviceNames(db: DbOrTx, icbId: string, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ id: directoryServices.id, name: directoryServices.name })
    .from(directoryServices)
    .where(and(inArray(directoryServices.id, [...ids]), eq(directoryServices.icbId, icbId)));
  return new Map(rows.map((r) => [r.id, r.name]));
}
