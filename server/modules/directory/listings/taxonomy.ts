import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import {
  type CategoryCode,
  SOCIAL_PRESCRIBING_CATEGORIES,
  SOCIAL_PRESCRIBING_TAXONOMY_ID,
} from '../../../../common/directory.js';
import type { DbOrTx } from '../../../platform/db/client.js';
import { directoryTaxonomies, directoryTaxonomyTerms } from '../directory.tables.js';

// The ICB social prescribing taxonomy. Term ids are derived from their codes (UUID v5 style),
// so every install, export and import agrees on them.

/** A name-based UUID (RFC 9562 version 5 layout over SHA-1) within Waymark's directory namespace. */
export function stableUuid(name: string): string {
  const hash = createHash('sha1').update(`waymark-directory:${name}`).digest();
  hash[6] = ((hash[6] as number) & 0x0f) | 0x50;
  hash[8] = ((hash[8] as number) & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * The id of a new link between a service and a location: derived, so that a listing imported
 * from an export gets the links the export named (ORUK consumers key schedules on them).
 */
export function serviceAtLocationId(serviceId: string, locationId: string): string {
  return stableUuid(`sal:${serviceId}:${locationId}`);
}

/** The fixed taxonomy_term id of a social prescribing category. */
export function categoryTermId(code: CategoryCode): string {
  return stableUuid(`taxonomy-term:${code}`);
}

/** Creates the taxonomy and its terms if missing (idempotent; names are refreshed). */
export async function ensureSocialPrescribingTaxonomy(tx: DbOrTx): Promise<void> {
  await tx
    .insert(directoryTaxonomies)
    .values({
      id: SOCIAL_PRESCRIBING_TAXONOMY_ID,
      name: 'ICB social prescribing categories',
      description: 'What a community service offers, in the categories social prescribing teams refer by.',
      version: '1',
    })
    .onConflictDoNothing();
  await tx
    .insert(directoryTaxonomyTerms)
    .values(
      SOCIAL_PRESCRIBING_CATEGORIES.map((c) => ({
        id: categoryTermId(c.code),
        taxonomyId: SOCIAL_PRESCRIBING_TAXONOMY_ID,
        code: c.code,
        name: c.name,
        description: c.name,
      })),
    )
    .onConflictDoUpdate({ target: directoryTaxonomyTerms.id, set: { name: sql`excluded.name` } });
}
