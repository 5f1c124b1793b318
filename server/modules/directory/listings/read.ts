import { and, desc, eq, inArray, or } from 'drizzle-orm';
import type { DirectoryHistoryEntry, Listing, ListingLocation, ListingSchedule } from '../../../../common/directory.js';
import type { DbOrTx } from '../../../platform/db/client.js';
import {
  directoryAddresses,
  directoryAttributes,
  directoryLocations,
  directoryMetadata,
  directoryOrganizations,
  directoryServiceAtLocations,
  directoryServices,
  directoryTaxonomyTerms,
} from '../directory.tables.js';
import * as details from '../directory-details.tables.js';

// Reads whole listings: one query per table for any number of services, never one per row.

const iso = (d: Date) => d.toISOString();
const time = (t: string | null) => (t ? t.slice(0, 5) : null);

function addMonths(isoDate: string, months: number): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + months);
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, last));
  return d.toISOString().slice(0, 10);
}

/** assured_date + the review interval; null when the listing was never verified. */
export function reviewDueOn(assuredDate: string | null, intervalMonths: number): string | null {
  return assuredDate ? addMonths(assuredDate, intervalMonths) : null;
}

/**
 * Awaits lazy Drizzle queries one after another: inside a transaction there is one connection,
 * and pg refuses overlapping queries on it.
 */
export async function inTurn<T extends readonly unknown[]>(queries: { [K in keyof T]: PromiseLike<T[K]> }): Promise<T> {
  const results: unknown[] = [];
  for (const q of queries) results.push(await q);
  return results as unknown as T;
}

function groupBy<T, K>(rows: T[], key: (row: T) => K): Map<K, T[]> {
  const map = new Map<K, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = map.get(k);
    if (list) list.push(row);
    else map.set(k, [row]);
  }
  return map;
}

/** Whole listings in the order of `ids` (unknown ids are left out). */
export async function loadListings(db: DbOrTx, ids: string[]): Promise<Listing[]> {
  if (ids.length === 0) return [];
  const services = await db.select().from(directoryServices).where(inArray(directoryServices.id, ids));
  if (services.length === 0) return [];
  const serviceIds = services.map((s) => s.id);
  const orgIds = [...new Set(services.map((s) => s.organizationId))];
  // One query after another: inside a transaction there is one connection.
  const rows = {
    services,
    organizations: await db.select().from(directoryOrganizations).where(inArray(directoryOrganizations.id, orgIds)),
    serviceAtLocations: await db
      .select()
      .from(directoryServiceAtLocations)
      .where(inArray(directoryServiceAtLocations.serviceId, serviceIds)),
    phones: await db
      .select()
      .from(details.directoryPhones)
      .where(inArray(details.directoryPhones.serviceId, serviceIds)),
    contacts: await db
      .select()
      .from(details.directoryContacts)
      .where(inArray(details.directoryContacts.serviceId, serviceIds)),
    languages: await db
      .select()
      .from(details.directoryLanguages)
      .where(inArray(details.directoryLanguages.serviceId, serviceIds)),
    costOptions: await db
      .select()
      .from(details.directoryCostOptions)
      .where(inArray(details.directoryCostOptions.serviceId, serviceIds)),
    serviceAreas: await db
      .select()
      .from(details.directoryServiceAreas)
      .where(inArray(details.directoryServiceAreas.serviceId, serviceIds)),
    schedules: await db
      .select()
      .from(details.directorySchedules)
      .where(inArray(details.directorySchedules.serviceId, serviceIds)),
    attributes: await db
      .select({
        linkId: directoryAttributes.linkId,
        termId: directoryTaxonomyTerms.id,
        code: directoryTaxonomyTerms.code,
        name: directoryTaxonomyTerms.name,
      })
      .from(directoryAttributes)
      .innerJoin(directoryTaxonomyTerms, eq(directoryTaxonomyTerms.id, directoryAttributes.taxonomyTermId))
      .where(and(eq(directoryAttributes.linkType, 'service'), inArray(directoryAttributes.linkId, serviceIds))),
  };
  const locationIds = [...new Set(rows.serviceAtLocations.map((s) => s.locationId))];
  const [locations, addresses, accessibility] = locationIds.length
    ? await inTurn([
        db.select().from(directoryLocations).where(inArray(directoryLocations.id, locationIds)),
        db.select().from(directoryAddresses).where(inArray(directoryAddresses.locationId, locationIds)),
        db
          .select()
          .from(details.directoryAccessibility)
          .where(inArray(details.directoryAccessibility.locationId, locationIds)),
      ])
    : [[], [], []];
  return listingsFromRows({ ...rows, locations, addresses, accessibility }, ids);
}

/** The rows behind whole listings, as loadListings (or the /oruk API's loader) reads them. */
export interface ListingRows {
  services: (typeof directoryServices.$inferSelect)[];
  organizations: (typeof directoryOrganizations.$inferSelect)[];
  serviceAtLocations: (typeof directoryServiceAtLocations.$inferSelect)[];
  locations: (typeof directoryLocations.$inferSelect)[];
  addresses: (typeof directoryAddresses.$inferSelect)[];
  accessibility: (typeof details.directoryAccessibility.$inferSelect)[];
  phones: (typeof details.directoryPhones.$inferSelect)[];
  contacts: (typeof details.directoryContacts.$inferSelect)[];
  languages: (typeof details.directoryLanguages.$inferSelect)[];
  costOptions: (typeof details.directoryCostOptions.$inferSelect)[];
  serviceAreas: (typeof details.directoryServiceAreas.$inferSelect)[];
  schedules: (typeof details.directorySchedules.$inferSelect)[];
  /** A service's categories: its attributes joined with their terms. */
  attributes: { linkId: string; termId: string; code: string | null; name: string }[];
}

/** Rows → whole listings in the order of `ids` (the one place a row becomes a listing field). */
export function listingsFromRows(rows: ListingRows, ids: string[]): Listing[] {
  const { services, serviceAtLocations: sals, phones, contacts, languages, attributes } = rows;
  const orgById = new Map(rows.organizations.map((o) => [o.id, o]));
  const locationById = new Map(rows.locations.map((l) => [l.id, l]));
  const addressByLocation = new Map(rows.addresses.map((a) => [a.locationId, a]));
  const accessByLocation = groupBy(rows.accessibility, (a) => a.locationId);
  const salById = new Map(sals.map((s) => [s.id, s]));
  const salsByService = groupBy(sals, (s) => s.serviceId);
  const by = <T extends { serviceId: string | null }>(rows: T[]) => groupBy(rows, (r) => r.serviceId as string);
  const phonesBy = by(phones);
  const contactsBy = by(contacts);
  const languagesBy = by(languages);
  const costsBy = by(rows.costOptions);
  const areasBy = by(rows.serviceAreas);
  const schedulesBy = by(rows.schedules);
  const termsBy = groupBy(attributes, (a) => a.linkId);

  const byId = new Map(
    services.map((s): [string, Listing] => {
      const org = orgById.get(s.organizationId);
      const terms = (termsBy.get(s.id) ?? []).sort((a, b) => a.name.localeCompare(b.name));
      const assured = s.assuredDate ?? null;
      return [
        s.id,
        {
          id: s.id,
          icb_id: s.icbId,
          version: s.version,
          organization_id: s.organizationId,
          organization: {
            id: s.organizationId,
            name: org?.name ?? '',
            vcs_organisation_id: org?.vcsOrganisationId ?? null,
          },
          name: s.name,
          description: s.description,
          url: s.url,
          email: s.email,
          status: s.status,
          fees: s.fees,
          accreditations: s.accreditations,
          minimum_age: s.minimumAge,
          maximum_age: s.maximumAge,
          eligibility_description: s.eligibilityDescription,
          alert: s.alert,
          referral_capacity: s.referralCapacity,
          review_interval_months: s.reviewIntervalMonths,
          taxonomy_term_ids: terms.map((t) => t.termId).sort(),
          categories: terms.map((t) => ({ id: t.termId, code: t.code, name: t.name })),
          phones: (phonesBy.get(s.id) ?? []).map((p) => ({ id: p.id, number: p.number, description: p.description })),
          contacts: (contactsBy.get(s.id) ?? []).map((c) => ({
            id: c.id,
            name: c.name,
            title: c.title,
            email: c.email,
          })),
          languages: (languagesBy.get(s.id) ?? []).map((l) => ({ id: l.id, name: l.name, code: l.code })),
          cost_options: (costsBy.get(s.id) ?? []).map((c) => ({
            id: c.id,
            option: c.option,
            amount: c.amount === null ? null : Number(c.amount),
            amount_description: c.amountDescription,
          })),
          service_areas: (areasBy.get(s.id) ?? []).map((a) => ({
            id: a.id,
            name: a.name ?? '',
            description: a.description,
          })),
          locations: (salsByService.get(s.id) ?? []).flatMap((sal) => {
            const l = locationById.get(sal.locationId);
            return l ? [locationFromRow(l, addressByLocation.get(l.id), accessByLocation.get(l.id) ?? [])] : [];
          }),
          schedules: (schedulesBy.get(s.id) ?? []).map(
            (r): ListingSchedule => ({
              id: r.id,
              freq: r.freq ?? 'WEEKLY',
              interval: r.interval,
              byday: r.byday,
              bymonthday: r.bymonthday,
              opens_at: time(r.opensAt),
              closes_at: time(r.closesAt),
              valid_from: r.validFrom,
              valid_to: r.validTo,
              description: r.description,
              notes: r.notes,
              attending_type: r.attendingType,
              location_id: r.serviceAtLocationId ? (salById.get(r.serviceAtLocationId)?.locationId ?? null) : null,
            }),
          ),
          assured_date: assured,
          assurer_email: s.assurerEmail,
          review_due_on: reviewDueOn(assured, s.reviewIntervalMonths),
          merged_into_id: s.mergedIntoId,
          created_at: iso(s.createdAt),
          last_modified: iso(s.lastModified),
        },
      ];
    }),
  );
  return ids.flatMap((id) => {
    const listing = byId.get(id);
    return listing ? [listing] : [];
  });
}

/** A stored location as a listing's location. */
export function locationFromRow(
  l: ListingRows['locations'][number],
  a: ListingRows['addresses'][number] | undefined,
  accessibility: ListingRows['accessibility'],
): ListingLocation {
  return {
    id: l.id,
    location_type: l.locationType,
    name: l.name ?? '',
    description: l.description,
    latitude: l.latitude,
    longitude: l.longitude,
    confidential: l.confidential,
    address: a
      ? { address_1: a.address1, address_2: a.address2, city: a.city, region: a.region, postal_code: a.postalCode }
      : null,
    accessibility: accessibility.map((x) => x.description ?? '').filter(Boolean),
  };
}

export async function loadListing(db: DbOrTx, id: string): Promise<Listing | null> {
  const [listing] = await loadListings(db, [id]);
  return listing ?? null;
}

/** The listing's field-level change log (HSDS metadata), newest first. */
export async function listingHistory(db: DbOrTx, serviceId: string): Promise<DirectoryHistoryEntry[]> {
  const rows = await db
    .select()
    .from(directoryMetadata)
    .where(or(eq(directoryMetadata.serviceId, serviceId), eq(directoryMetadata.resourceId, serviceId)))
    .orderBy(desc(directoryMetadata.lastActionDate), directoryMetadata.fieldName)
    .limit(1000);
  return rows.map((r) => ({
    id: r.id,
    at: iso(r.lastActionDate),
    action: r.lastActionType,
    resource_type: r.resourceType,
    field: r.fieldName,
    previous: r.previousValue,
    replacement: r.replacementValue,
    by: r.updatedBy,
  }));
}

/**
 * The listing as the public may see it: a confidential location keeps only its id and type.
 * Its name goes too (a refuge's house name can give it away) and its schedules' link to it.
 */
export function publicListing(listing: Listing): Listing {
  return {
    ...listing,
    locations: listing.locations.map((l) =>
      l.confidential
        ? {
            id: l.id,
            location_type: l.location_type,
            name: 'Confidential location',
            confidential: true,
            address: null,
            latitude: null,
            longitude: null,
            description: null,
            accessibility: [],
          }
        : l,
    ),
  };
}
