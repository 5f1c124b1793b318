import { randomUUID } from 'node:crypto';
import { and, eq, notInArray } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db/client.js';
import {
  directoryAddresses,
  directoryAttributes,
  directoryLocations,
  directoryServiceAtLocations,
} from '../directory.tables.js';
import * as details from '../directory-details.tables.js';
import type { TListingInput } from './listing.schemas.js';
import { serviceAtLocationId } from './taxonomy.js';

// The rows below a service: phones, contacts, languages, costs, areas, schedules, categories and
// its locations (with address and accessibility). Used by the listings writer only.

/** Writes the children of a listing, replacing whatever the service had. Locations are upserted. */
export async function writeChildren(tx: DbOrTx, input: TListingInput & { id: string }, isNew: boolean): Promise<void> {
  const serviceId = input.id;
  if (!isNew) {
    for (const q of [
      tx.delete(details.directoryPhones).where(eq(details.directoryPhones.serviceId, serviceId)),
      tx.delete(details.directoryContacts).where(eq(details.directoryContacts.serviceId, serviceId)),
      tx.delete(details.directoryLanguages).where(eq(details.directoryLanguages.serviceId, serviceId)),
      tx.delete(details.directoryCostOptions).where(eq(details.directoryCostOptions.serviceId, serviceId)),
      tx.delete(details.directoryServiceAreas).where(eq(details.directoryServiceAreas.serviceId, serviceId)),
      tx.delete(details.directorySchedules).where(eq(details.directorySchedules.serviceId, serviceId)),
      tx
        .delete(directoryAttributes)
        .where(and(eq(directoryAttributes.linkId, serviceId), eq(directoryAttributes.linkType, 'service'))),
    ])
      await q;
  }

  const locationIds = input.locations.map((l) => l.id as string);
  for (const l of input.locations) {
    const id = l.id as string;
    const row = {
      organizationId: input.organization_id,
      locationType: l.location_type,
      name: l.name,
      description: l.description,
      latitude: l.latitude ?? null,
      longitude: l.longitude ?? null,
      confidential: l.confidential,
    };
    await tx
      .insert(directoryLocations)
      .values({ id, ...row })
      .onConflictDoUpdate({ target: directoryLocations.id, set: row });
    // Keep the address id stable across edits (ORUK consumers key on it).
    const [old] = await tx
      .delete(directoryAddresses)
      .where(eq(directoryAddresses.locationId, id))
      .returning({ id: directoryAddresses.id });
    if (l.address) {
      await tx.insert(directoryAddresses).values({
        id: old?.id ?? randomUUID(),
        locationId: id,
        address1: l.address.address_1,
        address2: l.address.address_2,
        city: l.address.city,
        region: l.address.region,
        postalCode: l.address.postal_code,
        addressType: l.location_type === 'virtual' ? 'virtual' : 'physical',
      });
    }
    await tx.delete(details.directoryAccessibility).where(eq(details.directoryAccessibility.locationId, id));
    if (l.accessibility.length > 0) {
      await tx
        .insert(details.directoryAccessibility)
        .values(l.accessibility.map((description) => ({ locationId: id, description })));
    }
  }
  // Links to locations no longer listed go; the location rows stay (another service may use them).
  await tx
    .delete(directoryServiceAtLocations)
    .where(
      locationIds.length
        ? and(
            eq(directoryServiceAtLocations.serviceId, serviceId),
            notInArray(directoryServiceAtLocations.locationId, locationIds),
          )
        : eq(directoryServiceAtLocations.serviceId, serviceId),
    );
  const salByLocation = new Map<string, string>();
  if (locationIds.length) {
    await tx
      .insert(directoryServiceAtLocations)
      .values(
        locationIds.map((locationId) => ({ id: serviceAtLocationId(serviceId, locationId), serviceId, locationId })),
      )
      .onConflictDoNothing();
    const sals = await tx
      .select({ id: directoryServiceAtLocations.id, locationId: directoryServiceAtLocations.locationId })
      .from(directoryServiceAtLocations)
      .where(eq(directoryServiceAtLocations.serviceId, serviceId));
    for (const s of sals) salByLocation.set(s.locationId, s.id);
  }

  const inserts: PromiseLike<unknown>[] = [];
  if (input.phones.length)
    inserts.push(
      tx
        .insert(details.directoryPhones)
        .values(
          input.phones.map((p) => ({ id: p.id as string, serviceId, number: p.number, description: p.description })),
        ),
    );
  if (input.contacts.length)
    inserts.push(
      tx
        .insert(details.directoryContacts)
        .values(
          input.contacts.map((c) => ({ id: c.id as string, serviceId, name: c.name, title: c.title, email: c.email })),
        ),
    );
  if (input.languages.length)
    inserts.push(
      tx
        .insert(details.directoryLanguages)
        .values(input.languages.map((l) => ({ id: l.id as string, serviceId, name: l.name, code: l.code }))),
    );
  if (input.cost_options.length)
    inserts.push(
      tx.insert(details.directoryCostOptions).values(
        input.cost_options.map((c) => ({
          id: c.id as string,
          serviceId,
          option: c.option,
          amount: c.amount === null || c.amount === undefined ? null : c.amount.toFixed(2),
          amountDescription: c.amount_description,
        })),
      ),
    );
  if (input.service_areas.length)
    inserts.push(
      tx
        .insert(details.directoryServiceAreas)
        .values(
          input.service_areas.map((a) => ({ id: a.id as string, serviceId, name: a.name, description: a.description })),
        ),
    );
  if (input.schedules.length)
    inserts.push(
      tx.insert(details.directorySchedules).values(
        input.schedules.map((s) => ({
          id: s.id as string,
          serviceId,
          serviceAtLocationId: s.location_id ? (salByLocation.get(s.location_id) ?? null) : null,
          freq: s.freq,
          interval: s.interval ?? null,
          byday: s.byday ?? null,
          bymonthday: s.bymonthday ?? null,
          opensAt: s.opens_at,
          closesAt: s.closes_at,
          validFrom: s.valid_from ?? null,
          validTo: s.valid_to ?? null,
          description: s.description,
          notes: s.notes,
          attendingType: s.attending_type,
        })),
      ),
    );
  if (input.taxonomy_term_ids.length)
    inserts.push(
      tx.insert(directoryAttributes).values(
        input.taxonomy_term_ids.map((taxonomyTermId) => ({
          linkId: serviceId,
          linkType: 'service' as const,
          taxonomyTermId,
        })),
      ),
    );
  // Drizzle queries are lazy: each runs when awaited, one at a time on the transaction's connection.
  for (const q of inserts) await q;
}
