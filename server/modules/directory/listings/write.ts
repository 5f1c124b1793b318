import { randomUUID } from 'node:crypto';
import { and, eq, inArray, sql } from 'drizzle-orm';
import {
  type DirectoryOrganizationInput,
  EMPTY_LISTING,
  type FieldChange,
  type Listing,
  type ListingInput,
  type ServiceStatus,
  toListingInput,
} from '../../../../common/directory.js';
import type { DbOrTx } from '../../../platform/db/client.js';
import { conflict, notFound, validationError } from '../../../platform/errors.js';
import { londonToday } from '../../workforce/workforce.service.js';
import {
  directoryMetadata,
  directoryOrganizationIdentifiers,
  directoryOrganizations,
  directoryServices,
  directoryTaxonomyTerms,
  postcodes,
} from '../directory.tables.js';
import { guardChildIds } from './child-ownership.js';
import { diffListings, fieldText } from './diff.js';
import { type ChangeAuthor, recordChanges, recordOrganizationCreated } from './history.js';
import { type TListingInput, ZListingInput } from './listing.schemas.js';
import { loadListing } from './read.js';
import { writeChildren } from './write-children.js';

// The one way listings change. Every write validates the whole document, keeps given ids,
// records one HSDS metadata row per changed field and refreshes the search text, so history,
// search and the /oruk API can never disagree with what people edited.

/** Validates a listing document; errors name the field path ("locations.0.address.postal_code"). */
export function parseListing(input: unknown): TListingInput {
  const parsed = ZListingInput.safeParse(input);
  if (!parsed.success) {
    throw validationError(
      parsed.error.issues.map((i) => ({ field: i.path.map(String).join('.') || 'listing', message: i.message })),
    );
  }
  return parsed.data;
}

/** Gives every child without an id a new one (so later edits can match children by id). */
function withIds(input: TListingInput, serviceId: string): TListingInput & { id: string } {
  const id = <T extends { id?: string | undefined }>(items: T[]) =>
    items.map((x) => ({ ...x, id: x.id ?? randomUUID() }));
  return {
    ...input,
    id: serviceId,
    phones: id(input.phones),
    contacts: id(input.contacts),
    languages: id(input.languages),
    cost_options: id(input.cost_options),
    service_areas: id(input.service_areas),
    locations: id(input.locations),
    schedules: id(input.schedules),
  };
}

async function checkReferences(tx: DbOrTx, icbId: string, input: TListingInput): Promise<string> {
  const [org] = await tx
    .select({ name: directoryOrganizations.name })
    .from(directoryOrganizations)
    .where(and(eq(directoryOrganizations.id, input.organization_id), eq(directoryOrganizations.icbId, icbId)));
  if (!org) throw validationError([{ field: 'organization_id', message: 'must be an organisation in the directory' }]);
  if (input.taxonomy_term_ids.length > 0) {
    const terms = await tx
      .select({ id: directoryTaxonomyTerms.id })
      .from(directoryTaxonomyTerms)
      .where(inArray(directoryTaxonomyTerms.id, input.taxonomy_term_ids));
    const known = new Set(terms.map((t) => t.id));
    const unknown = input.taxonomy_term_ids.findIndex((t) => !known.has(t));
    if (unknown >= 0) {
      throw validationError([{ field: `taxonomy_term_ids.${unknown}`, message: 'must be a known category' }]);
    }
  }
  return org.name;
}

/** Physical locations without coordinates get their postcode's centroid, when known. */
async function fillCoordinates(tx: DbOrTx, input: TListingInput): Promise<void> {
  const missing = input.locations.filter(
    (l) => l.address && (l.latitude === null || l.latitude === undefined || l.longitude == null),
  );
  if (missing.length === 0) return;
  const rows = await tx
    .select()
    .from(postcodes)
    .where(
      inArray(
        postcodes.postcode,
        missing.map((l) => l.address?.postal_code as string),
      ),
    );
  const byPostcode = new Map(rows.map((r) => [r.postcode, r]));
  for (const l of missing) {
    const p = byPostcode.get(l.address?.postal_code as string);
    if (p) {
      l.latitude = p.latitude;
      l.longitude = p.longitude;
    }
  }
}

async function searchTextOf(tx: DbOrTx, orgName: string, input: TListingInput): Promise<string> {
  const terms = input.taxonomy_term_ids.length
    ? await tx
        .select({ name: directoryTaxonomyTerms.name })
        .from(directoryTaxonomyTerms)
        .where(inArray(directoryTaxonomyTerms.id, input.taxonomy_term_ids))
    : [];
  return [
    orgName,
    ...terms.map((t) => t.name),
    input.description,
    input.eligibility_description,
    ...input.service_areas.map((a) => a.name),
    // A confidential place adds nothing: searching for its name or town must not single it out.
    ...input.locations.flatMap((l) => (l.confidential ? [] : [l.name, l.address?.city])),
  ]
    .filter(Boolean)
    .join(' ')
    .slice(0, 8000);
}

/** Adds the listing's words to the spelling dictionary of directory search. */
async function addSearchWords(tx: DbOrTx, name: string, searchText: string): Promise<void> {
  await tx.execute(sql`INSERT INTO directory_search_words (word)
    SELECT DISTINCT w.lexeme FROM unnest(to_tsvector('simple', ${`${name} ${searchText}`})) AS w
    WHERE length(w.lexeme) >= 3 AND w.lexeme !~ '[0-9]'
    ON CONFLICT DO NOTHING`);
}

function serviceColumns(input: TListingInput, searchText: string) {
  return {
    organizationId: input.organization_id,
    name: input.name,
    description: input.description,
    url: input.url,
    email: input.email,
    status: input.status,
    fees: input.fees,
    accreditations: input.accreditations,
    minimumAge: input.minimum_age,
    maximumAge: input.maximum_age,
    eligibilityDescription: input.eligibility_description,
    alert: input.alert,
    referralCapacity: input.referral_capacity,
    reviewIntervalMonths: input.review_interval_months,
    searchText,
  };
}

async function mustLoad(tx: DbOrTx, id: string): Promise<Listing> {
  const listing = await loadListing(tx, id);
  if (!listing) throw notFound('service');
  return listing;
}

/** Adds a listing (keeping input.id and child ids when given). */
export async function createListing(tx: DbOrTx, icbId: string, raw: ListingInput, by: ChangeAuthor): Promise<Listing> {
  const parsed = parseListing(raw);
  if (parsed.id) {
    const [taken] = await tx
      .select({ id: directoryServices.id })
      .from(directoryServices)
      .where(eq(directoryServices.id, parsed.id));
    if (taken) throw validationError([{ field: 'id', message: 'is the id of another listing' }]);
  }
  const input = withIds(parsed, parsed.id ?? randomUUID());
  const orgName = await checkReferences(tx, icbId, input);
  // A new listing owns nothing yet: any existing child id is someone else's (or a shared place).
  await guardChildIds(tx, input.id, icbId, input);
  await fillCoordinates(tx, input);
  const searchText = await searchTextOf(tx, orgName, input);
  await tx.insert(directoryServices).values({ id: input.id, icbId, ...serviceColumns(input, searchText) });
  await addSearchWords(tx, input.name, searchText);
  await writeChildren(tx, input, true);
  await recordChanges(tx, input.id, 'create', diffListings({ ...EMPTY_LISTING, id: input.id }, input), by);
  return mustLoad(tx, input.id);
}

export interface UpdateOptions {
  expectedVersion?: number;
  action?: string;
  /**
   * Confidential places this write may make public: a reviewer's explicit decision (the caller
   * checks who asks and audits it). Without it a confidential place stays confidential.
   */
  liftConfidentialityOf?: readonly string[];
}

/**
 * Replaces a listing's content. No change → no new version and no metadata. A stale
 * expectedVersion is a 409 naming who changed the listing last and when.
 */
export async function updateListing(
  tx: DbOrTx,
  id: string,
  raw: ListingInput,
  by: ChangeAuthor,
  opts: UpdateOptions = {},
): Promise<{ listing: Listing; changes: FieldChange[]; liftedLocationIds: string[] }> {
  const [locked] = await tx
    .select({ version: directoryServices.version, icbId: directoryServices.icbId })
    .from(directoryServices)
    .where(eq(directoryServices.id, id))
    .for('update');
  if (!locked) throw notFound('service');
  if (opts.expectedVersion !== undefined && opts.expectedVersion !== locked.version) {
    const [last] = await tx
      .select({ by: directoryMetadata.updatedBy, at: directoryMetadata.lastActionDate })
      .from(directoryMetadata)
      .where(eq(directoryMetadata.serviceId, id))
      .orderBy(sql`${directoryMetadata.lastActionDate} DESC`)
      .limit(1);
    throw conflict(
      `This listing was changed${last ? ` by ${last.by} at ${last.at.toISOString()}` : ''} after you opened it. Reload it, check the changes and try again.`,
    );
  }
  const parsed = parseListing({ ...raw, id });
  const input = withIds(parsed, id);
  const orgName = await checkReferences(tx, locked.icbId, input);
  const liftedLocationIds = await guardChildIds(tx, id, locked.icbId, input, new Set(opts.liftConfidentialityOf ?? []));
  await fillCoordinates(tx, input);
  const before = await mustLoad(tx, id);
  const changes = diffListings(toListingInput(before), input);
  if (changes.length === 0) return { listing: before, changes, liftedLocationIds: [] };
  const searchText = await searchTextOf(tx, orgName, input);
  await addSearchWords(tx, input.name, searchText);
  await tx
    .update(directoryServices)
    .set({
      ...serviceColumns(input, searchText),
      version: sql`${directoryServices.version} + 1`,
      lastModified: new Date(),
    })
    .where(eq(directoryServices.id, id));
  await writeChildren(tx, input, false);
  await recordChanges(tx, id, opts.action ?? 'update', changes, by);
  return { listing: await mustLoad(tx, id), changes, liftedLocationIds };
}

async function setServiceFields(
  tx: DbOrTx,
  id: string,
  action: string,
  fields: { status?: ServiceStatus; assuredDate?: string; assurerEmail?: string },
  by: ChangeAuthor,
): Promise<Listing> {
  const before = await mustLoad(tx, id);
  const changes: FieldChange[] = [];
  const note = (field: string, previous: unknown, replacement: unknown) => {
    if (fieldText(previous) !== fieldText(replacement)) {
      changes.push({
        field,
        resource_type: 'service',
        resource_id: id,
        previous: fieldText(previous),
        replacement: fieldText(replacement),
      });
    }
  };
  if (fields.status !== undefined) note('status', before.status, fields.status);
  if (fields.assuredDate !== undefined) note('assured_date', before.assured_date, fields.assuredDate);
  if (fields.assurerEmail !== undefined) note('assurer_email', before.assurer_email, fields.assurerEmail);
  // Confirming an unchanged listing on the day it was last confirmed is still a confirmation.
  if (changes.length === 0 && action === 'assure') note('assured_date', '', fields.assuredDate);
  if (changes.length === 0) return before;
  await tx
    .update(directoryServices)
    .set({ ...fields, version: sql`${directoryServices.version} + 1`, lastModified: new Date() })
    .where(eq(directoryServices.id, id));
  await recordChanges(tx, id, action, changes, by);
  return mustLoad(tx, id);
}

/** "Confirm unchanged": verified today (Europe/London) by `by` (assurer_email: their email). */
export function assureListing(tx: DbOrTx, id: string, by: ChangeAuthor): Promise<Listing> {
  return setServiceFields(tx, id, 'assure', { assuredDate: londonToday(), assurerEmail: by.email ?? by.label }, by);
}

export function setListingStatus(tx: DbOrTx, id: string, status: ServiceStatus, by: ChangeAuthor): Promise<Listing> {
  return setServiceFields(tx, id, 'status', { status }, by);
}

/**
 * Adds (or, given a known id of the ICB, leaves alone) an organisation of the directory. The id
 * of another ICB's organisation is refused: "creating" it must not touch or borrow it.
 */
export async function createDirectoryOrganization(
  tx: DbOrTx,
  icbId: string,
  input: DirectoryOrganizationInput,
  by: ChangeAuthor,
): Promise<{ id: string }> {
  const name = input.name?.trim();
  if (!name) throw validationError([{ field: 'name', message: 'must not be empty: give the organisation’s name' }]);
  if (name.length > 300) throw validationError([{ field: 'name', message: 'must be at most 300 characters' }]);
  const id = input.id ?? randomUUID();
  const [created] = await tx
    .insert(directoryOrganizations)
    .values({
      id,
      icbId,
      vcsOrganisationId: input.vcs_organisation_id ?? null,
      name,
      description: input.description ?? '',
      email: input.email ?? null,
      website: input.website ?? null,
    })
    .onConflictDoNothing()
    .returning({ id: directoryOrganizations.id });
  if (!created) {
    const [existing] = await tx
      .select({ icbId: directoryOrganizations.icbId })
      .from(directoryOrganizations)
      .where(eq(directoryOrganizations.id, id));
    if (existing && existing.icbId !== icbId) {
      throw validationError([{ field: 'id', message: 'is the id of an organisation outside your ICB’s directory' }]);
    }
    return { id };
  }
  const identifiers = (input.identifiers ?? []).filter((i) => i.identifier?.trim());
  if (identifiers.length) {
    await tx.insert(directoryOrganizationIdentifiers).values(
      identifiers.map((i) => ({
        organizationId: id,
        identifierScheme: i.identifier_scheme ?? null,
        identifierType: i.identifier_type,
        identifier: i.identifier.trim(),
      })),
    );
  }
  await recordOrganizationCreated(tx, id, name, by);
  return { id };
}
