import { describe, expect, it } from 'vitest';
import type { FullServiceRows, LocationRow, OrganizationRow, ServiceRow } from './oruk.repository.js';
import {
  asEmail,
  asUri,
  CONFIDENTIAL_LOCATION_NAME,
  fullServices,
  serviceAtLocationSummary,
  serviceSummary,
} from './oruk.serializers.js';
import { allKeys, orukErrors } from './test-oruk-schemas.js';

// The ORUK serializers over hand-built rows: what they write, and what they never write.

const at = new Date('2026-03-01T09:00:00Z');
const ORG: OrganizationRow = {
  id: '11111111-1111-4111-8111-111111111111',
  icbId: '99999999-9999-4999-8999-999999999999',
  vcsOrganisationId: '88888888-8888-4888-8888-888888888888',
  name: 'Northshire Women’s Aid',
  description: '',
  email: 'not an email',
  website: 'northshire-aid.example',
  uri: null,
  parentOrganizationId: null,
  createdAt: at,
  lastModified: at,
};
const SERVICE: ServiceRow = {
  id: '22222222-2222-4222-8222-222222222222',
  icbId: ORG.icbId,
  organizationId: ORG.id,
  name: 'Safe Haven',
  description: 'Emergency accommodation and support.',
  url: 'https://aid.example/safe-haven',
  email: 'help@aid.example',
  status: 'active',
  fees: null,
  accreditations: null,
  minimumAge: 16,
  maximumAge: null,
  eligibilityDescription: 'Women and their children',
  alert: null,
  referralCapacity: 'waiting_list',
  assuredDate: '2026-02-01',
  assurerEmail: 'coordinator@nhs.example',
  reviewIntervalMonths: 6,
  searchText: 'secret words',
  searchVector: null as unknown as string,
  mergedIntoId: null,
  version: 3,
  createdAt: at,
  lastModified: at,
};
const REFUGE: LocationRow = {
  id: '33333333-3333-4333-8333-333333333333',
  organizationId: ORG.id,
  locationType: 'physical',
  name: 'Elm Street refuge',
  description: 'Behind the library',
  latitude: 54.97,
  longitude: -1.61,
  confidential: true,
  externalIdentifier: '100000000001',
  externalIdentifierType: 'UPRN',
};
const HALL: LocationRow = {
  ...REFUGE,
  id: '44444444-4444-4444-8444-444444444444',
  name: 'Town Hall',
  description: 'On the market square',
  latitude: 54.5,
  longitude: -1.2,
  confidential: false,
  externalIdentifier: null,
  externalIdentifierType: null,
};

function rowsFor(): FullServiceRows {
  const salRefuge = {
    id: '55555555-5555-4555-8555-555555555555',
    serviceId: SERVICE.id,
    locationId: REFUGE.id,
    description: 'Rooms for six',
  };
  const salHall = {
    id: '66666666-6666-4666-8666-666666666666',
    serviceId: SERVICE.id,
    locationId: HALL.id,
    description: null,
  };
  const address = (id: string, locationId: string, address1: string, postalCode: string) => ({
    id,
    locationId,
    attention: null,
    address1,
    address2: null,
    city: 'Northtown',
    region: null,
    stateProvince: '',
    postalCode,
    country: 'GB',
    addressType: 'physical' as const,
  });
  return {
    services: [SERVICE],
    organizations: [ORG],
    identifiers: [
      {
        id: '77777777-7777-4777-8777-777777777777',
        organizationId: ORG.id,
        identifierScheme: 'GB-CHC',
        identifierType: 'Charity number',
        identifier: '1234567',
      },
    ],
    serviceAtLocations: [salRefuge, salHall],
    locations: [REFUGE, HALL],
    addresses: [
      address('aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa', REFUGE.id, '7 Elm Street', 'NE9 9ZZ'),
      address('bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb', HALL.id, '1 Market Square', 'NE1 4XX'),
    ],
    accessibility: [
      {
        id: 'cccccccc-cccc-4ccc-8ccc-cccccccccccc',
        locationId: REFUGE.id,
        description: 'Ramp at the back on Elm Street',
        details: null,
        url: null,
      },
    ],
    schedules: [
      {
        id: 'dddddddd-dddd-4ddd-8ddd-dddddddddddd',
        serviceId: SERVICE.id,
        serviceAtLocationId: salHall.id,
        validFrom: null,
        validTo: null,
        dtstart: null,
        freq: 'MONTHLY',
        interval: null,
        byday: '1TU',
        bymonthday: null,
        opensAt: '10:00:00',
        closesAt: '12:00:00',
        description: null,
        scheduleLink: 'not a link',
        attendingType: null,
        notes: 'Closed on bank holidays',
      },
    ],
    serviceAreas: [],
    languages: [
      {
        id: 'eeeeeeee-eeee-4eee-8eee-eeeeeeeeeeee',
        serviceId: SERVICE.id,
        locationId: null,
        name: 'Polish',
        code: 'pl',
        note: null,
      },
    ],
    phones: [],
    contacts: [],
    fundings: [],
    costOptions: [
      {
        id: 'ffffffff-ffff-4fff-8fff-ffffffffffff',
        serviceId: SERVICE.id,
        validFrom: null,
        validTo: null,
        option: 'Free',
        currency: 'GBP',
        amount: '0.00',
        amountDescription: null,
      },
    ],
    attributes: [],
    terms: [],
  };
}

describe('ORUK serializers', () => {
  const doc = fullServices(rowsFor(), [SERVICE.id]).get(SERVICE.id) as Record<string, unknown>;

  it('write a fully nested service that validates against the project schema', () => {
    expect(orukErrors('service.json', doc)).toEqual([]);
    expect(doc).toMatchObject({
      id: SERVICE.id,
      status: 'active',
      minimum_age: 16,
      assured_date: '2026-02-01',
      last_modified: '2026-03-01T09:00:00.000Z',
      cost_options: [{ amount: 0, option: 'Free' }],
      languages: [{ name: 'Polish', code: 'pl' }],
      schedules: [{ freq: 'MONTHLY', byday: '1TU', opens_at: '10:00:00', notes: 'Closed on bank holidays' }],
      organization: {
        id: ORG.id,
        description: ORG.name,
        organization_identifiers: [{ identifier_scheme: 'GB-CHC', identifier: '1234567' }],
      },
    });
  });

  it('leave out Waymark’s own fields, the assurer’s email, nulls, and values the schema formats would reject', () => {
    const keys = allKeys(doc);
    for (const k of [
      'referral_capacity',
      'review_interval_months',
      'search_text',
      'icb_id',
      'vcs_organisation_id',
      'merged_into_id',
      'version',
      'assurer_email',
      'fees',
      'schedule_link',
    ]) {
      expect(keys.has(k), k).toBe(false);
    }
    const org = doc.organization as Record<string, unknown>;
    expect(org.email).toBeUndefined();
    expect(org.website).toBeUndefined();
    expect(JSON.stringify(doc)).not.toContain('null');
    expect(asUri('https://a.example/x')).toBe('https://a.example/x');
    expect(asUri('javascript:alert(1)')).toBeNull();
    expect(asEmail('a@b.example')).toBe('a@b.example');
  });

  it('hide everything about where a confidential location is', () => {
    const text = JSON.stringify(doc);
    for (const secret of [
      'Elm Street',
      'NE9 9ZZ',
      '54.97',
      '-1.61',
      '100000000001',
      'Behind the library',
      'Rooms for six',
    ]) {
      expect(text).not.toContain(secret);
    }
    const links = doc.service_at_locations as { location: Record<string, unknown> }[];
    expect(links.find((x) => x.location.id === REFUGE.id)?.location).toEqual({
      id: REFUGE.id,
      location_type: 'physical',
      name: CONFIDENTIAL_LOCATION_NAME,
      addresses: [],
      accessibility: [],
    });
    // The public hall keeps its address and coordinates.
    expect(links.find((x) => x.location.id === HALL.id)?.location).toMatchObject({
      latitude: 54.5,
      addresses: [{ postal_code: 'NE1 4XX', state_province: '' }],
    });
    const item = serviceAtLocationSummary(
      rowsFor().serviceAtLocations[0] as never,
      REFUGE,
      serviceSummary(SERVICE, ORG),
    );
    expect(orukErrors('service_at_location_list.json', item)).toEqual([]);
    expect(JSON.stringify(item)).not.toMatch(/Elm Street|54\.97|Rooms for six/);
  });
});
