import { sql } from 'drizzle-orm';
import { check, date, index, integer, numeric, pgTable, text, time, uuid } from 'drizzle-orm/pg-core';
import { directoryServiceAtLocations, ofLocation, ofOrganization, ofService, rowId } from './directory.tables.js';

// The details of a listing that hang off a service (and some off its locations): how to reach it,
// when it runs, where it serves, what it costs. Written only by the listings writer, with the
// service they belong to.

/** Phones of a service, location, organisation or contact (exactly one owner). */
export const directoryPhones = pgTable(
  'directory_phones',
  {
    id: rowId(),
    serviceId: ofService(),
    locationId: ofLocation(),
    organizationId: ofOrganization(),
    contactId: uuid('contact_id'),
    number: text('number').notNull(),
    extension: text('extension'),
    type: text('type'),
    description: text('description'),
  },
  (t) => [
    index('directory_phones_service_idx').on(t.serviceId),
    index('directory_phones_location_idx').on(t.locationId),
  ],
);

export const directoryContacts = pgTable(
  'directory_contacts',
  {
    id: rowId(),
    serviceId: ofService(),
    organizationId: ofOrganization(),
    name: text('name'),
    title: text('title'),
    department: text('department'),
    email: text('email'),
  },
  (t) => [index('directory_contacts_service_idx').on(t.serviceId)],
);

/**
 * iCal-style opening: WEEKLY with byday "MO,WE" (several rows for several sessions a day), or
 * MONTHLY with byday "1TU" (first Tuesday) or bymonthday. Notes carry bank-holiday exceptions.
 */
export const directorySchedules = pgTable(
  'directory_schedules',
  {
    id: rowId(),
    serviceId: ofService(),
    serviceAtLocationId: uuid('service_at_location_id').references(() => directoryServiceAtLocations.id, {
      onDelete: 'cascade',
    }),
    validFrom: date('valid_from'),
    validTo: date('valid_to'),
    dtstart: date('dtstart'),
    freq: text('freq', { enum: ['WEEKLY', 'MONTHLY'] }),
    interval: integer('interval'),
    byday: text('byday'),
    bymonthday: text('bymonthday'),
    opensAt: time('opens_at'),
    closesAt: time('closes_at'),
    description: text('description'),
    scheduleLink: text('schedule_link'),
    attendingType: text('attending_type'),
    notes: text('notes'),
  },
  (t) => [
    index('directory_schedules_service_idx').on(t.serviceId),
    index('directory_schedules_sal_idx').on(t.serviceAtLocationId),
    check('directory_schedules_has_owner', sql`${t.serviceId} IS NOT NULL OR ${t.serviceAtLocationId} IS NOT NULL`),
  ],
);

/** Where a service is offered without a building: a whole town, a PCN area, "anywhere online". */
export const directoryServiceAreas = pgTable(
  'directory_service_areas',
  {
    id: rowId(),
    serviceId: ofService().notNull(),
    name: text('name'),
    description: text('description'),
    extent: text('extent'),
    extentType: text('extent_type'),
    uri: text('uri'),
  },
  (t) => [index('directory_service_areas_service_idx').on(t.serviceId)],
);

export const directoryLanguages = pgTable(
  'directory_languages',
  {
    id: rowId(),
    serviceId: ofService(),
    locationId: ofLocation(),
    name: text('name').notNull(),
    /** ISO 639 code, e.g. "en", "cy", "pl". */
    code: text('code'),
    note: text('note'),
  },
  (t) => [index('directory_languages_service_idx').on(t.serviceId)],
);

export const directoryAccessibility = pgTable(
  'directory_accessibility',
  {
    id: rowId(),
    locationId: ofLocation().notNull(),
    description: text('description'),
    details: text('details'),
    url: text('url'),
  },
  (t) => [index('directory_accessibility_location_idx').on(t.locationId)],
);

export const directoryCostOptions = pgTable(
  'directory_cost_options',
  {
    id: rowId(),
    serviceId: ofService().notNull(),
    validFrom: date('valid_from'),
    validTo: date('valid_to'),
    option: text('option'),
    currency: text('currency').default('GBP'),
    amount: numeric('amount', { precision: 10, scale: 2 }),
    amountDescription: text('amount_description'),
  },
  (t) => [index('directory_cost_options_service_idx').on(t.serviceId)],
);

export const directoryFundings = pgTable(
  'directory_fundings',
  {
    id: rowId(),
    serviceId: ofService(),
    organizationId: ofOrganization(),
    source: text('source'),
  },
  (t) => [index('directory_fundings_service_idx').on(t.serviceId)],
);
