import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Listing } from '../../../../common/directory.js';
import { listingFromOruk, orukPath, parseOrukDocument } from './service-document-read.js';
import { orukService } from './service-document-write.js';

const organization = {
  id: randomUUID(),
  name: 'Safe Spaces',
  description: 'Safe places to talk.',
  email: null,
  website: null,
  uri: null,
  identifiers: [],
};

const context = { organization, terms: new Map(), salIds: new Map() };

function storedListing(): Listing {
  const id = randomUUID();
  return {
    id,
    icb_id: randomUUID(),
    version: 3,
    organization_id: organization.id,
    organization: { id: organization.id, name: organization.name, vcs_organisation_id: null },
    name: 'Women’s Drop-in',
    description: 'Support and a safe space.',
    url: null,
    email: null,
    status: 'active',
    fees: null,
    accreditations: null,
    minimum_age: 16,
    maximum_age: null,
    eligibility_description: null,
    alert: null,
    referral_capacity: 'waiting_list',
    review_interval_months: 3,
    taxonomy_term_ids: [],
    categories: [],
    phones: [{ id: randomUUID(), number: '0191 496 0000', description: null }],
    contacts: [],
    languages: [],
    cost_options: [],
    service_areas: [],
    locations: [
      {
        id: randomUUID(),
        location_type: 'physical',
        name: 'The House',
        description: 'Ring the side bell',
        latitude: 54.97,
        longitude: -1.61,
        confidential: true,
        address: {
          address_1: '9 Quiet Street',
          address_2: null,
          city: 'Newcastle',
          region: null,
          postal_code: 'NE2 1AB',
        },
        accessibility: [],
      },
    ],
    schedules: [],
    assured_date: '2026-01-01',
    assurer_email: 'cc@example.org',
    review_due_on: '2026-04-01',
    merged_into_id: null,
    created_at: '2026-01-01T00:00:00.000Z',
    last_modified: '2026-01-01T00:00:00.000Z',
  };
}

describe('the ORUK document of a listing', () => {
  it('leaves out a confidential location’s name, address, coordinates and description', () => {
    const listing = storedListing();
    const doc = orukService(listing, context, 'export');
    const text = JSON.stringify(doc);
    expect(text).not.toContain('Quiet Street');
    expect(text).not.toContain('NE2 1AB');
    expect(text).not.toContain('54.97');
    expect(text).not.toContain('side bell');
    expect(text).not.toContain('The House');
    expect(doc).toMatchObject({
      id: listing.id,
      service_at_locations: [{ location: { name: 'Confidential location', addresses: [] } }],
    });
    expect(JSON.stringify(orukService(listing, context, 'public'))).not.toMatch(/x-waymark|referral_capacity/);
  });

  it('carries Waymark’s own fields in the export’s "x-waymark" objects, and only there', () => {
    const listing = storedListing();
    const doc = orukService(listing, context, 'export') as Record<string, unknown> & {
      service_at_locations: { location: Record<string, unknown> }[];
    };
    expect(doc['x-waymark']).toEqual({ referral_capacity: 'waiting_list', review_interval_months: 3 });
    expect(doc.service_at_locations[0]?.location['x-waymark']).toEqual({ confidential: true });
    expect(doc).not.toHaveProperty('referral_capacity');
    expect(doc.assurer_email).toBe('cc@example.org');
    expect(orukService(listing, context, 'public')).not.toHaveProperty('assurer_email');
  });

  it('reads Waymark’s own fields into a new listing, confidential place and its address included', () => {
    const listing = storedListing();
    const doc = JSON.parse(JSON.stringify(orukService(listing, context, 'export')));
    const location = doc.service_at_locations[0].location;
    Object.assign(location, {
      name: 'The House',
      addresses: [{ address_1: '9 Quiet Street', city: 'Newcastle', postal_code: 'ne21ab' }],
    });
    const parsed = parseOrukDocument(doc);
    if (!('doc' in parsed)) throw new Error(JSON.stringify(parsed.errors));
    const mapped = listingFromOruk(parsed.doc, organization.id, null);
    if (!('input' in mapped)) throw new Error(JSON.stringify(mapped.errors));
    expect(mapped.input).toMatchObject({ referral_capacity: 'waiting_list', review_interval_months: 3 });
    expect(mapped.input.locations[0]).toMatchObject({
      name: 'The House',
      confidential: true,
      address: { address_1: '9 Quiet Street', postal_code: 'NE2 1AB' },
    });
  });

  it('never lifts a stored place’s confidentiality, whatever the document says', () => {
    const listing = storedListing();
    const doc = JSON.parse(JSON.stringify(orukService(listing, context, 'export')));
    doc.service_at_locations[0].location['x-waymark'] = { confidential: false };
    const parsed = parseOrukDocument(doc);
    if (!('doc' in parsed)) throw new Error(JSON.stringify(parsed.errors));
    const mapped = listingFromOruk(parsed.doc, organization.id, listing);
    expect('input' in mapped && mapped.input.locations[0]?.confidential).toBe(true);
  });

  it('names the field of a bad "x-waymark" value', () => {
    const listing = storedListing();
    const doc = JSON.parse(JSON.stringify(orukService(listing, context, 'export')));
    doc['x-waymark'] = { referral_capacity: 'sometimes', review_interval_months: 48 };
    doc.service_at_locations[0].location['x-waymark'] = { confidential: 'yes' };
    const parsed = parseOrukDocument(doc);
    expect('errors' in parsed && parsed.errors).toEqual([
      { field: 'service_at_locations.0.location.x-waymark.confidential', message: 'must be true or false' },
      { field: 'x-waymark.referral_capacity', message: 'must be one of: open, waiting_list, full' },
      { field: 'x-waymark.review_interval_months', message: 'must be at most 36 months' },
    ]);
    const notAnObject = parseOrukDocument({ ...doc, 'x-waymark': 'full', service_at_locations: [] });
    expect('errors' in notAnObject && notAnObject.errors).toEqual([
      { field: 'x-waymark', message: 'must be an object' },
    ]);
  });

  it('reads back to the stored listing, confidential address and Waymark’s own fields kept', () => {
    const listing = storedListing();
    const doc = JSON.parse(JSON.stringify(orukService(listing, context, 'export')));
    const parsed = parseOrukDocument(doc);
    if (!('doc' in parsed)) throw new Error(JSON.stringify(parsed.errors));
    const mapped = listingFromOruk(parsed.doc, organization.id, listing);
    if (!('input' in mapped)) throw new Error(JSON.stringify(mapped.errors));
    expect(mapped.input).toMatchObject({
      referral_capacity: 'waiting_list',
      review_interval_months: 3,
      phones: listing.phones,
      locations: [{ ...listing.locations[0] }],
    });
  });

  it('names the ORUK field of a problem', () => {
    const parsed = parseOrukDocument({ id: 'nope', status: 'open' });
    expect('errors' in parsed && parsed.errors.map((e) => e.field)).toEqual(['id', 'name', 'status']);
    expect(orukPath('locations.1.address.postal_code')).toBe('service_at_locations.1.location.addresses.0.postal_code');
    expect(orukPath('locations.0.name')).toBe('service_at_locations.0.location.name');
    expect(orukPath('taxonomy_term_ids.2')).toBe('attributes.2.taxonomy_term.id');
    expect(orukPath('name')).toBe('name');
  });
});
