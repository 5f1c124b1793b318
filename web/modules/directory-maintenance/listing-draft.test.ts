import { describe, expect, it } from 'vitest';
import type { Listing } from '../../../common/directory';
import { ApiError } from '../../app/api';
import {
  fromDraft,
  isShownField,
  liftedConfidentiality,
  listingErrorsFromApi,
  listingToInput,
  pathLabel,
  toDraft,
} from './listing-draft';

const listing: Listing = {
  id: '11111111-1111-4111-8111-111111111111',
  icb_id: 'icb',
  version: 3,
  organization_id: '22222222-2222-4222-8222-222222222222',
  organization: { id: '22222222-2222-4222-8222-222222222222', name: 'Quayside Trust', vcs_organisation_id: null },
  name: 'Riverside Walk and Talk',
  description: 'A gentle walk.',
  url: null,
  email: 'walks@example.org',
  status: 'active',
  fees: null,
  accreditations: 'Walking for Health',
  minimum_age: 18,
  maximum_age: null,
  eligibility_description: null,
  alert: null,
  referral_capacity: 'open',
  review_interval_months: 6,
  taxonomy_term_ids: ['t1'],
  categories: [{ id: 't1', code: 'sport-physical-activity', name: 'Sport and physical activity' }],
  phones: [{ id: 'p1', number: '0191 496 0001', description: 'Organiser' }],
  contacts: [{ id: 'c1', name: 'Sam', title: null, email: null }],
  languages: [{ id: 'l1', name: 'English', code: 'en' }],
  cost_options: [],
  service_areas: [],
  locations: [
    {
      id: 'loc1',
      location_type: 'physical',
      name: 'Quayside Community Centre',
      latitude: 54.97,
      longitude: -1.61,
      confidential: false,
      address: { address_1: '1 Quay Road', city: 'Newcastle upon Tyne', postal_code: 'NE1 4XX' },
      accessibility: ['Step-free access'],
    },
  ],
  schedules: [
    {
      id: 's1',
      freq: 'WEEKLY',
      byday: 'TU,TH',
      opens_at: '10:00',
      closes_at: '11:00',
      notes: null,
      location_id: 'loc1',
    },
    { id: 's2', freq: 'MONTHLY', byday: '1SA', opens_at: '09:00', closes_at: '12:00' },
  ],
  assured_date: null,
  assurer_email: null,
  review_due_on: null,
  merged_into_id: null,
  created_at: '2026-01-01T00:00:00Z',
  last_modified: '2026-01-01T00:00:00Z',
};

describe('the listing form draft', () => {
  it('round-trips a listing unchanged, keeping ids and the fields the form does not show', () => {
    const input = listingToInput(listing);
    const back = fromDraft(toDraft(input));
    expect(back.name).toBe(listing.name);
    expect(back.minimum_age).toBe(18);
    expect(back.maximum_age).toBeNull();
    expect(back.contacts).toEqual(listing.contacts);
    expect(back.accreditations).toBe('Walking for Health');
    expect(back.phones).toEqual([{ id: 'p1', number: '0191 496 0001', description: 'Organiser' }]);
    expect(back.locations[0]).toMatchObject({ id: 'loc1', latitude: 54.97, accessibility: ['Step-free access'] });
    expect(back.schedules.map((s) => [s.id, s.freq, s.byday])).toEqual([
      ['s1', 'WEEKLY', 'TU,TH'],
      ['s2', 'MONTHLY', '1SA'],
    ]);
  });

  it('a changed postcode drops the old coordinates; text typed into a number field is sent as typed', () => {
    const draft = toDraft(listingToInput(listing));
    const first = draft.locations[0];
    if (!first) throw new Error('no location');
    draft.locations[0] = { ...first, postal_code: 'NE2 1AA' };
    draft.minimum_age = 'eighteen';
    const input = fromDraft(draft);
    expect(input.locations[0]).toMatchObject({ latitude: null, longitude: null, address: { postal_code: 'NE2 1AA' } });
    expect(input.minimum_age).toBe('eighteen');
  });

  it('maps the API’s field errors under the request prefix to the form’s fields', () => {
    const error = new ApiError(400, {
      type: 'about:blank',
      title: 'Bad Request',
      status: 400,
      code: 'validation',
      detail: 'Some answers need correcting.',
      errors: [
        { field: 'proposed.locations.0.address.postal_code', message: 'must be a UK postcode, like NE1 4XX' },
        { field: 'proposed.taxonomy_term_ids.2', message: 'must be a known category' },
        { field: 'proposed.contacts.0.email', message: 'must be an email address' },
      ],
    });
    const errors = listingErrorsFromApi(error, 'proposed');
    expect(errors?.fields).toEqual({
      'locations.0.address.postal_code': 'must be a UK postcode, like NE1 4XX',
      taxonomy_term_ids: 'must be a known category',
      'contacts.0.email': 'must be an email address',
    });
    expect(pathLabel('locations.0.address.postal_code')).toBe('Place 1 postcode');
    expect(isShownField('locations.0.address.postal_code')).toBe(true);
    expect(isShownField('contacts.0.email')).toBe(false);
    expect(listingErrorsFromApi(new Error('x'), 'proposed')).toBeNull();
  });
});

describe('making a confidential address public', () => {
  const refuge: Listing = {
    ...listing,
    locations: [
      ...listing.locations,
      {
        id: 'loc2',
        location_type: 'physical',
        name: 'Refuge',
        confidential: true,
        address: { address_1: '9 Hidden Lane', city: 'Newcastle upon Tyne', postal_code: 'NE1 4XX' },
        accessibility: [],
      },
    ],
  };

  it('names only the stored confidential places the draft unticks', () => {
    const draft = toDraft(listingToInput(refuge));
    expect(liftedConfidentiality(draft)).toEqual([]);
    const unticked = {
      ...draft,
      locations: draft.locations.map((l) => ({ ...l, confidential: false })),
    };
    // loc1 was never confidential: unticking it lifts nothing.
    expect(liftedConfidentiality(unticked)).toEqual(['loc2']);
    expect(fromDraft(unticked).locations.map((l) => l.confidential)).toEqual([false, false]);
  });

  it('labels the server’s errors about it', () => {
    expect(pathLabel('locations.1.confidential')).toBe('Place 2 address');
    expect(pathLabel('lift_confidentiality_of.0')).toBe('Making an address public');
    expect(isShownField('locations.1.confidential')).toBe(true);
  });
});
