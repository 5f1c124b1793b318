import type { Listing, ListingInput } from '../../../../common/directory.js';
import type { Db } from '../../../platform/db/client.js';
import { postcodes } from '../directory.tables.js';
import type { ChangeAuthor } from './history.js';
import { categoryTermId, ensureSocialPrescribingTaxonomy } from './taxonomy.js';
import { createDirectoryOrganization, createListing } from './write.js';

// Test helpers for directory listings (used by db tests only).

export const TEST_AUTHOR: ChangeAuthor = { userId: null, label: 'test fixture' };

let n = 0;

export async function createTestOrganization(
  db: Db,
  icbId: string,
  opts: { name?: string; vcsOrganisationId?: string | null; charityNumber?: string } = {},
): Promise<{ id: string; name: string }> {
  n += 1;
  const name = opts.name ?? `Test Community Group ${n}`;
  const { id } = await createDirectoryOrganization(
    db,
    icbId,
    {
      name,
      description: 'A synthetic test organisation.',
      vcs_organisation_id: opts.vcsOrganisationId ?? null,
      identifiers: opts.charityNumber
        ? [{ identifier_scheme: 'GB-CHC', identifier_type: 'Charity number', identifier: opts.charityNumber }]
        : [],
    },
    TEST_AUTHOR,
  );
  return { id, name };
}

/** A plausible weekly walking group at NE1 4XX; override anything. */
export function testListingInput(organizationId: string, overrides: Partial<ListingInput> = {}): ListingInput {
  return {
    organization_id: organizationId,
    name: 'Riverside Walk and Talk',
    description: 'A gentle hour-long walk by the river with a cup of tea afterwards. Everyone welcome.',
    status: 'active',
    referral_capacity: 'open',
    minimum_age: 18,
    maximum_age: null,
    taxonomy_term_ids: [categoryTermId('sport-physical-activity'), categoryTermId('nature-green-space')],
    phones: [{ number: '0191 496 0001', description: 'Organiser' }],
    contacts: [],
    languages: [{ name: 'English', code: 'en' }],
    cost_options: [{ option: 'Free', amount: 0 }],
    service_areas: [],
    locations: [
      {
        location_type: 'physical',
        name: 'Quayside Community Centre',
        address: { address_1: '1 Quay Road', city: 'Newcastle upon Tyne', postal_code: 'NE1 4XX' },
        accessibility: ['Step-free access'],
      },
    ],
    schedules: [{ freq: 'WEEKLY', byday: 'TU', opens_at: '10:00', closes_at: '11:00', notes: 'Not on bank holidays' }],
    ...overrides,
  };
}

/** A listing (and, unless given, a new organisation) in the ICB; the taxonomy is ensured first. */
export async function createTestListing(
  db: Db,
  icbId: string,
  overrides: Partial<ListingInput> = {},
): Promise<Listing> {
  await ensureSocialPrescribingTaxonomy(db);
  const organizationId = overrides.organization_id ?? (await createTestOrganization(db, icbId)).id;
  return createListing(db, icbId, testListingInput(organizationId, overrides), TEST_AUTHOR);
}

/** Adds postcode centroids (normalised postcodes). */
export async function addTestPostcodes(db: Db, rows: { postcode: string; latitude: number; longitude: number }[]) {
  await db.insert(postcodes).values(rows).onConflictDoNothing();
}
