import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  customType,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { LOCATION_TYPES, REFERRAL_CAPACITIES, SERVICE_STATUSES } from '../../../common/directory.js';
import { icbs, vcsOrganisations } from '../organisations/organisations.tables.js';
import { users } from '../users/users.tables.js';

// The Directory of Services, modelled natively on Open Referral UK (HSDS 3.0 UK profile):
// table and column names follow the standard's objects and fields so the /oruk API is a plain
// read of these rows. Ids are the ORUK ids (uuid), so an ORUK import is idempotent by id.
// Every change to a listing goes through the directory writer, which records field-level
// history in directory_metadata (HSDS `metadata`).

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

/** A directory row's own id: a uuid, kept when an ORUK document names it. */
export function rowId() {
  return uuid('id').primaryKey().defaultRandom();
}
/** The service a child row belongs to; deleting the service deletes it. */
export function ofService() {
  return uuid('service_id').references(() => directoryServices.id, { onDelete: 'cascade' });
}
/** The location a child row belongs to; deleting the location deletes it. */
export function ofLocation() {
  return uuid('location_id').references(() => directoryLocations.id, { onDelete: 'cascade' });
}
/** The ICB a row belongs to: every scope check starts here. */
export function ofIcb() {
  return uuid('icb_id')
    .notNull()
    .references(() => icbs.id);
}
/** The service a moderation row is about: it outlives no service, but never deletes one. */
export function aboutService() {
  return uuid('service_id')
    .notNull()
    .references(() => directoryServices.id);
}
/** The organisation a child row belongs to; deleting the organisation deletes it. */
export function ofOrganization() {
  return uuid('organization_id').references(() => directoryOrganizations.id, { onDelete: 'cascade' });
}

export const directoryOrganizations = pgTable(
  'directory_organizations',
  {
    id: rowId(),
    icbId: ofIcb(),
    /** The VCS partner organisation whose users may propose edits to this organisation's listings. */
    vcsOrganisationId: uuid('vcs_organisation_id').references(() => vcsOrganisations.id),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    email: text('email'),
    website: text('website'),
    uri: text('uri'),
    parentOrganizationId: uuid('parent_organization_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastModified: timestamp('last_modified', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('directory_organizations_icb_idx').on(t.icbId),
    index('directory_organizations_vcs_idx').on(t.vcsOrganisationId),
    check('directory_organizations_name_length', sql`char_length(${t.name}) BETWEEN 1 AND 300`),
  ],
);

/** Charity number (GB-CHC), Companies House number (GB-COH) and the like. */
export const directoryOrganizationIdentifiers = pgTable(
  'directory_organization_identifiers',
  {
    id: rowId(),
    organizationId: ofOrganization().notNull(),
    identifierScheme: text('identifier_scheme'),
    identifierType: text('identifier_type').notNull(),
    identifier: text('identifier').notNull(),
  },
  (t) => [
    index('directory_org_identifiers_org_idx').on(t.organizationId),
    index('directory_org_identifiers_value_idx').on(t.identifierScheme, t.identifier),
  ],
);

export const directoryServices = pgTable(
  'directory_services',
  {
    id: rowId(),
    icbId: ofIcb(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => directoryOrganizations.id),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    url: text('url'),
    email: text('email'),
    status: text('status', { enum: SERVICE_STATUSES }).notNull().default('active'),
    fees: text('fees'),
    accreditations: text('accreditations'),
    minimumAge: integer('minimum_age'),
    maximumAge: integer('maximum_age'),
    eligibilityDescription: text('eligibility_description'),
    alert: text('alert'),
    /** Whether it takes referrals now (Waymark's own field; not part of ORUK output). */
    referralCapacity: text('referral_capacity', { enum: REFERRAL_CAPACITIES }).notNull().default('open'),
    /** When and by whom the listing was last verified (ORUK assured_date / assurer_email). */
    assuredDate: date('assured_date'),
    assurerEmail: text('assurer_email'),
    /** Months between verifications; the review is due at assured_date + this. */
    reviewIntervalMonths: integer('review_interval_months').notNull().default(6),
    /** Name, organisation, categories and description, kept by the writer for search. */
    searchText: text('search_text').notNull().default(''),
    searchVector: tsvector('search_vector').generatedAlwaysAs(
      sql`setweight(to_tsvector('english', coalesce(name, '')), 'A') || setweight(to_tsvector('english', coalesce(search_text, '')), 'B')`,
    ),
    /** Set when a duplicate was merged into another listing; merged listings are inactive. */
    mergedIntoId: uuid('merged_into_id'),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastModified: timestamp('last_modified', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('directory_services_org_idx').on(t.organizationId),
    index('directory_services_icb_status_idx').on(t.icbId, t.status),
    index('directory_services_search_idx').using('gin', t.searchVector),
    index('directory_services_name_trgm_idx').using('gin', sql`${t.name} gin_trgm_ops`),
    index('directory_services_text_trgm_idx').using('gin', sql`${t.searchText} gin_trgm_ops`),
    index('directory_services_modified_idx').on(t.lastModified),
    check('directory_services_name_length', sql`char_length(${t.name}) BETWEEN 1 AND 300`),
    check(
      'directory_services_age_range',
      sql`(${t.minimumAge} IS NULL OR ${t.minimumAge} BETWEEN 0 AND 130) AND (${t.maximumAge} IS NULL OR ${t.maximumAge} BETWEEN 0 AND 130) AND (${t.minimumAge} IS NULL OR ${t.maximumAge} IS NULL OR ${t.minimumAge} <= ${t.maximumAge})`,
    ),
    check('directory_services_review_interval', sql`${t.reviewIntervalMonths} BETWEEN 1 AND 36`),
  ],
);

export const directoryLocations = pgTable(
  'directory_locations',
  {
    id: rowId(),
    organizationId: uuid('organization_id').references(() => directoryOrganizations.id),
    locationType: text('location_type', { enum: LOCATION_TYPES }).notNull(),
    name: text('name'),
    description: text('description'),
    latitude: doublePrecision('latitude'),
    longitude: doublePrecision('longitude'),
    /** A place that must not be found (e.g. a refuge): address hidden from the public and /oruk. */
    confidential: boolean('confidential').notNull().default(false),
    externalIdentifier: text('external_identifier'),
    externalIdentifierType: text('external_identifier_type'),
  },
  (t) => [
    index('directory_locations_org_idx').on(t.organizationId),
    index('directory_locations_lat_lon_idx').on(t.latitude, t.longitude),
    check(
      'directory_locations_coordinates',
      sql`(${t.latitude} IS NULL OR ${t.latitude} BETWEEN -90 AND 90) AND (${t.longitude} IS NULL OR ${t.longitude} BETWEEN -180 AND 180)`,
    ),
  ],
);

export const directoryAddresses = pgTable(
  'directory_addresses',
  {
    id: rowId(),
    locationId: ofLocation().notNull(),
    attention: text('attention'),
    address1: text('address_1').notNull(),
    address2: text('address_2'),
    city: text('city').notNull(),
    region: text('region'),
    stateProvince: text('state_province').notNull().default(''),
    /** Normalised UK postcode ("LS1 4AP"). */
    postalCode: text('postal_code').notNull(),
    country: text('country').notNull().default('GB'),
    addressType: text('address_type', { enum: ['physical', 'postal', 'virtual'] })
      .notNull()
      .default('physical'),
  },
  (t) => [
    index('directory_addresses_location_idx').on(t.locationId),
    index('directory_addresses_postcode_idx').on(t.postalCode),
  ],
);

export const directoryServiceAtLocations = pgTable(
  'directory_service_at_locations',
  {
    id: rowId(),
    serviceId: ofService().notNull(),
    locationId: uuid('location_id')
      .notNull()
      .references(() => directoryLocations.id),
    description: text('description'),
  },
  (t) => [
    uniqueIndex('directory_sal_service_location_uq').on(t.serviceId, t.locationId),
    index('directory_sal_location_idx').on(t.locationId),
  ],
);

export const directoryTaxonomies = pgTable('directory_taxonomies', {
  id: rowId(),
  name: text('name').notNull(),
  description: text('description').notNull().default(''),
  uri: text('uri'),
  version: text('version'),
});

export const directoryTaxonomyTerms = pgTable(
  'directory_taxonomy_terms',
  {
    id: rowId(),
    taxonomyId: uuid('taxonomy_id').references(() => directoryTaxonomies.id),
    code: text('code'),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    parentId: uuid('parent_id'),
    termUri: text('term_uri'),
  },
  (t) => [
    index('directory_taxonomy_terms_taxonomy_idx').on(t.taxonomyId),
    index('directory_taxonomy_terms_parent_idx').on(t.parentId),
    uniqueIndex('directory_taxonomy_terms_code_uq').on(t.taxonomyId, t.code),
  ],
);

/** Links a service (or location / organisation) to a taxonomy term: the categories of a listing. */
export const directoryAttributes = pgTable(
  'directory_attributes',
  {
    id: rowId(),
    linkId: uuid('link_id').notNull(),
    linkType: text('link_type', { enum: ['service', 'location', 'organization'] }).notNull(),
    taxonomyTermId: uuid('taxonomy_term_id')
      .notNull()
      .references(() => directoryTaxonomyTerms.id),
    value: text('value'),
  },
  (t) => [
    uniqueIndex('directory_attributes_link_term_uq').on(t.linkId, t.taxonomyTermId),
    index('directory_attributes_term_idx').on(t.taxonomyTermId),
  ],
);

/** "This is out of date" reports from the public listing page; they feed the review queue. */
export const directoryReports = pgTable(
  'directory_reports',
  {
    id: rowId(),
    serviceId: aboutService(),
    icbId: ofIcb(),
    message: text('message').notNull(),
    reporterEmail: text('reporter_email'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
    resolvedByUserId: uuid('resolved_by_user_id').references(() => users.id),
    resolution: text('resolution'),
  },
  (t) => [
    index('directory_reports_open_idx').on(t.icbId, t.createdAt).where(sql`${t.resolvedAt} IS NULL`),
    index('directory_reports_service_idx').on(t.serviceId),
    check('directory_reports_message_length', sql`char_length(${t.message}) BETWEEN 1 AND 2000`),
  ],
);

/**
 * HSDS `metadata`: the field-level change log. One row per changed field; never updated or
 * deleted, so a listing's full history survives edits, merges and retirement.
 */
export const directoryMetadata = pgTable(
  'directory_metadata',
  {
    id: rowId(),
    resourceId: uuid('resource_id').notNull(),
    resourceType: text('resource_type').notNull(),
    /** The service whose listing this change belongs to (for its history page), if any. */
    serviceId: uuid('service_id'),
    lastActionDate: timestamp('last_action_date', { withTimezone: true }).notNull().defaultNow(),
    lastActionType: text('last_action_type').notNull(),
    fieldName: text('field_name').notNull(),
    previousValue: text('previous_value').notNull().default(''),
    replacementValue: text('replacement_value').notNull().default(''),
    updatedBy: text('updated_by').notNull(),
    updatedByUserId: uuid('updated_by_user_id').references(() => users.id),
  },
  (t) => [
    index('directory_metadata_resource_idx').on(t.resourceId, t.lastActionDate),
    index('directory_metadata_service_idx').on(t.serviceId, t.lastActionDate),
  ],
);

/** A VCS partner's proposed edit to a listing, waiting for moderation (field-by-field diff). */
export const directoryChangeRequests = pgTable(
  'directory_change_requests',
  {
    id: rowId(),
    serviceId: aboutService(),
    icbId: ofIcb(),
    /** The service version the edit was made against (a later approval of an older base is a conflict). */
    baseVersion: integer('base_version').notNull(),
    /** The proposed values, in the shape of the listing edit form. */
    proposed: jsonb('proposed').$type<Record<string, unknown>>().notNull(),
    status: text('status', { enum: ['pending', 'approved', 'rejected', 'withdrawn'] })
      .notNull()
      .default('pending'),
    submittedByUserId: uuid('submitted_by_user_id')
      .notNull()
      .references(() => users.id),
    submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull().defaultNow(),
    decidedByUserId: uuid('decided_by_user_id').references(() => users.id),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    rejectionReason: text('rejection_reason'),
  },
  (t) => [
    index('directory_change_requests_pending_idx').on(t.icbId, t.submittedAt).where(sql`${t.status} = 'pending'`),
    index('directory_change_requests_service_idx').on(t.serviceId),
  ],
);

/** Postcode centroids from an ONS Postcode Directory-format CSV (`npm run import:postcodes`). */
export const postcodes = pgTable(
  'postcodes',
  {
    /** Normalised with one space before the inward code ("LS1 4AP"). */
    postcode: text('postcode').notNull(),
    latitude: doublePrecision('latitude').notNull(),
    longitude: doublePrecision('longitude').notNull(),
    /** The small area (LSOA, ONSPD column lsoa11 or lsoa21) the postcode lies in: its deprivation. */
    lsoa: text('lsoa'),
  },
  (t) => [primaryKey({ columns: [t.postcode] })],
);

/**
 * Every word of the directory's names and search text (PostgreSQL's "words table" pattern for
 * spelling suggestions): a misspelt query word is replaced by its most similar word here before
 * full-text search, so "walkng grup" searches for "walking group". Words are only ever added.
 */
export const directorySearchWords = pgTable('directory_search_words', { word: text('word').primaryKey() }, (t) => [
  index('directory_search_words_trgm_idx').using('gin', sql`${t.word} gin_trgm_ops`),
]);

/**
 * One row: the version of everything the public directory shows. Moved on once by every committed
 * transaction that changes a listing, its places, times, categories or the postcodes (the deferred
 * triggers of migration 0036), so a public answer kept under an older version is never served
 * after the change commits (search/public-answers.ts).
 */
export const directoryVersion = pgTable(
  'directory_version',
  {
    id: boolean('id').primaryKey().default(true),
    version: bigint('version', { mode: 'number' }).notNull().default(0),
  },
  (t) => [check('directory_version_one_row', sql`${t.id}`)],
);
