import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db/client.js';
import { directoryServices } from '../directory.tables.js';
import { type ChangeAuthor, recordChanges } from './history.js';

const serviceChange = (field: string, replacement: string) => ({
  field,
  resource_type: 'service',
  resource_id: '',
  previous: '',
  replacement,
});

/**
 * Points a duplicate at the listing kept (merged_into_id) and records the merge in both
 * listings' histories. The duplicate's content is left as it was: its history stays readable.
 */
export async function markListingMerged(
  tx: DbOrTx,
  mergeId: string,
  keepId: string,
  reason: string,
  by: ChangeAuthor,
): Promise<void> {
  await tx
    .update(directoryServices)
    .set({ mergedIntoId: keepId, lastModified: new Date() })
    .where(eq(directoryServices.id, mergeId));
  await recordChanges(
    tx,
    mergeId,
    'merge',
    [serviceChange('merged_into_id', keepId), serviceChange('merge_reason', reason)],
    by,
  );
  await recordChanges(tx, keepId, 'merge', [serviceChange('merged_from', mergeId)], by);
}
