import { eq, inArray } from 'drizzle-orm';
import type { AnyPgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../../../platform/db/client.js';
import { type FieldError, validationError } from '../../../platform/errors.js';
import { directoryLocations, directoryServiceAtLocations, directoryServices } from '../directory.tables.js';
import * as details from '../directory-details.tables.js';
import type { TListingInput } from './listing.schemas.js';

// The writer keeps the ids a document gives, and every id is public (/oruk serves them all), so
// before anything is written by id, each id that already exists must be this listing's own
// (issue 9, finding 2: an import elsewhere had rewritten a refuge through its location id).
// A location may also be shared, as HSDS shares places between one organisation's services:
// an existing place may be named by a listing of the organisation that owns it, in its ICB.
// And a confidential place stays confidential unless a reviewer lifts it explicitly.

export const OF_ANOTHER_LISTING = 'belongs to another listing: leave the id out to add a new one';

type ChildKey = 'phones' | 'contacts' | 'languages' | 'cost_options' | 'service_areas' | 'schedules';

const SERVICE_CHILDREN: readonly [ChildKey, PgTable, AnyPgColumn, AnyPgColumn][] = [
  ['phones', details.directoryPhones, details.directoryPhones.id, details.directoryPhones.serviceId],
  ['contacts', details.directoryContacts, details.directoryContacts.id, details.directoryContacts.serviceId],
  ['languages', details.directoryLanguages, details.directoryLanguages.id, details.directoryLanguages.serviceId],
  [
    'cost_options',
    details.directoryCostOptions,
    details.directoryCostOptions.id,
    details.directoryCostOptions.serviceId,
  ],
  [
    'service_areas',
    details.directoryServiceAreas,
    details.directoryServiceAreas.id,
    details.directoryServiceAreas.serviceId,
  ],
  ['schedules', details.directorySchedules, details.directorySchedules.id, details.directorySchedules.serviceId],
];

function duplicateIds(input: TListingInput): FieldError[] {
  const errors: FieldError[] = [];
  for (const key of [...SERVICE_CHILDREN.map(([k]) => k), 'locations'] as const) {
    const seen = new Set<string>();
    (input[key] as { id?: string }[]).forEach((child, i) => {
      if (!child.id) return;
      if (seen.has(child.id)) errors.push({ field: `${key}.${i}.id`, message: 'is given twice in this listing' });
      seen.add(child.id);
    });
  }
  return errors;
}

async function foreignServiceChildren(tx: DbOrTx, serviceId: string, input: TListingInput): Promise<FieldError[]> {
  const errors: FieldError[] = [];
  for (const [key, table, idColumn, serviceColumn] of SERVICE_CHILDREN) {
    const children = input[key] as { id?: string }[];
    const ids = children.flatMap((c) => (c.id ? [c.id] : []));
    if (ids.length === 0) continue;
    const rows = (await tx
      .select({ id: idColumn, serviceId: serviceColumn })
      .from(table)
      .where(inArray(idColumn, ids))) as { id: string; serviceId: string | null }[];
    const owner = new Map(rows.map((r) => [r.id, r.serviceId]));
    children.forEach((c, i) => {
      // A row owned by a location, organisation or contact (service_id null) is not ours either.
      if (c.id && owner.has(c.id) && owner.get(c.id) !== serviceId) {
        errors.push({ field: `${key}.${i}.id`, message: OF_ANOTHER_LISTING });
      }
    });
  }
  return errors;
}

interface StoredLocation {
  id: string;
  organizationId: string | null;
  confidential: boolean;
}

async function storedLocations(
  tx: DbOrTx,
  serviceId: string,
  icbId: string,
  input: TListingInput,
): Promise<{ stored: Map<string, StoredLocation>; errors: FieldError[] }> {
  const ids = input.locations.flatMap((l) => (l.id ? [l.id] : []));
  const stored = new Map<string, StoredLocation>();
  if (ids.length === 0) return { stored, errors: [] };
  const rows = await tx
    .select({
      id: directoryLocations.id,
      organizationId: directoryLocations.organizationId,
      confidential: directoryLocations.confidential,
    })
    .from(directoryLocations)
    .where(inArray(directoryLocations.id, ids));
  for (const r of rows) stored.set(r.id, r);
  if (rows.length === 0) return { stored, errors: [] };
  const links = await tx
    .select({
      locationId: directoryServiceAtLocations.locationId,
      serviceId: directoryServiceAtLocations.serviceId,
      icbId: directoryServices.icbId,
    })
    .from(directoryServiceAtLocations)
    .innerJoin(directoryServices, eq(directoryServices.id, directoryServiceAtLocations.serviceId))
    .where(
      inArray(
        directoryServiceAtLocations.locationId,
        rows.map((r) => r.id),
      ),
    );
  const errors: FieldError[] = [];
  input.locations.forEach((l, i) => {
    const row = l.id ? stored.get(l.id) : undefined;
    if (!row) return;
    const linked = links.filter((x) => x.locationId === row.id);
    const ours = linked.some((x) => x.serviceId === serviceId);
    // The caller has checked that input.organization_id is an organisation of this ICB.
    const sameOrganisation = row.organizationId === input.organization_id && linked.every((x) => x.icbId === icbId);
    if (!ours && !sameOrganisation) errors.push({ field: `locations.${i}.id`, message: OF_ANOTHER_LISTING });
  });
  return { stored, errors };
}

/**
 * Refuses the document (400 naming each path, before anything is written) when a child id is
 * another listing's, or given twice. Then keeps every stored confidential place confidential,
 * except the ones in `lift` (a reviewer's explicit decision): the document is changed in place,
 * so the write and its history never say otherwise. Returns the ids of the places lifted.
 */
export async function guardChildIds(
  tx: DbOrTx,
  serviceId: string,
  icbId: string,
  input: TListingInput,
  lift: ReadonlySet<string> = new Set(),
): Promise<string[]> {
  const { stored, errors: locationErrors } = await storedLocations(tx, serviceId, icbId, input);
  const errors = [...duplicateIds(input), ...locationErrors, ...(await foreignServiceChildren(tx, serviceId, input))];
  if (errors.length) throw validationError(errors);

  const lifted: string[] = [];
  for (const l of input.locations) {
    const row = l.id ? stored.get(l.id) : undefined;
    if (!row?.confidential || l.confidential) continue;
    // Imports cannot even say "confidential" (ORUK) or default to "no" (CSV); proposals and
    // merges are not a reviewer's decision. None of them is a reason to publish a refuge.
    if (lift.has(row.id)) lifted.push(row.id);
    else l.confidential = true;
  }
  return lifted;
}
