import type { FieldChange } from '../../../../common/directory.js';
import type { DbOrTx } from '../../../platform/db/client.js';
import { directoryMetadata } from '../directory.tables.js';

// The one writer of a listing's history (HSDS metadata): the listings writer and the merge both
// come through here, so every history row has the same shape whoever made the change.

export interface ChangeAuthor {
  userId: string | null;
  /** The user's name, or 'ORUK import', 'CSV import', 'demo data'. */
  label: string;
  /** The user's email, for ORUK's assurer_email (never shown on staff pages). */
  email?: string;
}

export async function recordChanges(
  tx: DbOrTx,
  serviceId: string,
  action: string,
  changes: FieldChange[],
  by: ChangeAuthor,
): Promise<void> {
  if (changes.length === 0) return;
  await tx.insert(directoryMetadata).values(
    changes.map((c) => ({
      resourceId: c.resource_id || serviceId,
      resourceType: c.resource_type,
      serviceId,
      lastActionType: action,
      fieldName: c.field,
      previousValue: c.previous,
      replacementValue: c.replacement,
      updatedBy: by.label,
      updatedByUserId: by.userId,
    })),
  );
}

/** An organisation has history of its own (no service): its creation, under its name. */
export async function recordOrganizationCreated(
  tx: DbOrTx,
  organizationId: string,
  name: string,
  by: ChangeAuthor,
): Promise<void> {
  await tx.insert(directoryMetadata).values({
    resourceId: organizationId,
    resourceType: 'organization',
    lastActionType: 'create',
    fieldName: 'name',
    replacementValue: name,
    updatedBy: by.label,
    updatedByUserId: by.userId,
  });
}
