import { describe, expect, it } from 'vitest';
import type { FullServiceRows, LocationRow, OrganizationRow, ServiceRow } from './oruk.repository.js';
import { ZOrukServiceAtLocationsQuery, ZOrukServicesQuery } from './oruk.schemas.js';
import {
  asEmail,
  asUri,
  CONFIDENTIAL_LOCATION_NAME,
  fullServices,
  serviceAtLocationSummary,
  serviceSummary,
} from './oruk.serializers.js';
import { pageOf } from './oruk.service.js';
import { allKeys, orukErrors } from './test-oruk-schemas.js';

// Example documents of the Open Referral UK profile (uk-profile examples/, CC BY-SA 4.0),
// copied here, shortened, so the project's schemas are shown to accept the standard's own shapes.
const OFFICIAL_SERVICE_LIST_PAGE = {
  total_items: 10,
  total_pages: 10,
  page_number: 1,
  size: 1,
  first_page: true,
  last_page: false,
  empty: false,
  contents: [
    {
      id: 'ac148810-d857-441c-9679-408f346de14b',
      name: 'Community Counselling',
      description: 'Counselling Services provided by trained professionals.',
      url: 'http://example.com/counselling',
      email: 'email@example.com',
      status: 'active',
      fees: 'fees_description',
      minimum_age: 12,
      maximum_age: 100,
      assured_date: '2005-01-01',
      assurer_email: 'email@example.com',
      last_modified: '2023-03-15T10:30:45.123Z',
      organization: {
        id: 'd9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c610',
        name: 'Example Organization Inc.',
        description: 'Example Org is a non-profit organization',
        email: 'email@example.com',
        website: 'http://example.com',
        uri: 'http://example.com',
        parent_organization_id: 'cd09a387-91f4-4555-94ec-e799c35344cd',
      },
    },
  ],
};

const OFFICIAL_SERVICE_FULL = {
  id: 'ac148810-d857-441c-9679-408f346de14b',
  name: 'Community Counselling',
  status: 'active',
  last_modified: '2023-03-15T10:30:45.123Z',
  schedules: [
    {
      id: '48102e86-bb50-41c4-8f1e-e269368c41d1',
      valid_from: '2005-01-01',
      freq: 'WEEKLY',
      interval: 1,
      byday: 'TH,FR',
      opens_at: '10:00:00',
      closes_at: '18:00:00',
      schedule_link: 'http://example.com',
    },
  ],
  service_areas: [{ id: '381c64f1-a724-4884-9c21-ac96c21cca3e', name: 'MyCity area', extent_type: 'geojson' }],
  service_at_locations: [
    {
      id: 'e94c9f38-1e8f-4564-91d4-d53501ab1765',
      location: {
        id: '3a19ff88-4620-4d17-9830-ac1d859eb5d5',
        location_type: 'physical',
        name: 'MyCity Civic Center',
        latitude: 100,
        longitude: 101,
        external_identifier: '10092008082',
        external_identifier_type: 'UPRN',
        addresses: [
          {
            id: '74706e55-df26-4b84-80fe-ecc30b5befb4',
            address_1: '1-30 Main Street',
            city: 'MyCity',
            state_province: 'MyState',
            postal_code: 'ABC 1234',
            country: 'US',
            address_type: 'postal',
          },
        ],
        accessibility: [{ id: 'afcf296e-1cb2-4139-9c88-33d587d1a50b', description: 'Induction loops.' }],
      },
    },
  ],
  languages: [{ id: '2989d3ed-c547-48f8-8f9d-432d81c7892e' }],
  organization: {
    id: 'd9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c610',
    name: 'Example Organization Inc.',
    description: 'Example Org',
    organization_identifiers: [
      {
        id: 'd4dbcebc-0802-47cb-8651-b937ac4f2f3e',
        identifier_scheme: 'GB-COH',
        identifier_type: 'Company number',
        identifier: '1234567',
      },
    ],
  },
  funding: [{ id: '1f2df32c-bf08-4b8e-bd6f-e834014b19bc', source: 'MyCity local government' }],
  cost_options: [{ id: '1fdf4d39-3d80-484d-9f92-a8ffa08621e7', option: 'Under 18s', amount: 35 }],
  contacts: [{ id: '1e7efce3-639b-4880-940c-b95cd30cdb50', name: 'Ann Persona', title: 'Reception Manager' }],
  attributes: [
    {
      id: 'ae58cc39-8b70-4ab1-8aea-786882e5ac8e',
      link_type: 'link_type',
      taxonomy_term: {
        id: '3f7b145d-84af-42d7-8fae-eaca714b02b2',
        name: 'name',
        description: 'description',
        parent_id: '0bc248fa-dc27-4650-9ba4-8f1a24ef16a2',
        taxonomy: 'taxonomy',
        term_uri: 'http://example.com',
        term: 'name',
      },
    },
  ],
};

const OFFICIAL_TAXONOMY = {
  id: '5c4d79d7-cc55-470e-9f1f-8cad074e4892',
  name: 'name',
  description: 'description',
  uri: 'http://example.com',
  version: 'version',
  taxonomy_terms: [
    { id: '3f7b145d-84af-42d7-8fae-eaca714b02b2', name: 'name', description: 'description', term: 'name' },
  ],
};

describe('the project ORUK schemas', () => {
  it('accept the standard’s own example documents', () => {
    expect(orukErrors('service_list.json', OFFICIAL_SERVICE_LIST_PAGE, { page: true })).toEqual([]);
    expect(orukErrors('service.json', OFFICIAL_SERVICE_FULL)).toEqual([]);
    expect(orukErrors('taxonomy.json', OFFICIAL_TAXONOMY)).toEqual([]);
    expect(orukErrors('taxonomy_term.json', OFFICIAL_TAXONOMY.taxonomy_terms[0])).toEqual([]);
    expect(
      orukErrors('api_details.json', {
        version: '3.0',
        profile: 'https://example.com/profile',
        openapi_url: 'https://example.com/openapi.json',
      }),
    ).toEqual([]);
  });

  it('keep the standard’s required fields, enums and formats', () => {
    const { status: _status, ...noStatus } = OFFICIAL_SERVICE_FULL;
    expect(orukErrors('service.json', noStatus)).toContain("/ must have required property 'status'");
    expect(orukErrors('service.json', { ...OFFICIAL_SERVICE_FULL, status: 'open' }).join()).toMatch(
      /status must be equal to one of the allowed values/,
    );
    expect(orukErrors('service.json', { ...OFFICIAL_SERVICE_FULL, id: 'not-a-uuid' }).join()).toMatch(
      /\/id must match format "uuid"/,
    );
    expect(orukErrors('service.json', { ...OFFICIAL_SERVICE_FULL, url: 'www.example.com' }).join()).toMatch(
      /\/url must match format "uri"/,
    );
    // A null where the standard says string is invalid: that is why the API leaves empty fields out.
    expect(orukErrors('service.json', { ...OFFICIAL_SERVICE_FULL, fees: null }).join()).toMatch(
      /\/fees must be string/,
    );
    const badAddress = structuredClone(OFFICIAL_SERVICE_FULL);
    const address = badAddress.service_at_locations[0]?.location.addresses[0] as { postal_code?: string };
    delete address.postal_code;
    expect(orukErrors('service.json', badAddress).join()).toMatch(/postal_code/);
    const { contents: _c, ...noContents } = OFFICIAL_SERVICE_LIST_PAGE;
    expect(orukErrors('service_list.json', noContents, { page: true }).join()).toMatch(/contents/);
  });
});

// ---- Serializers, over hand-built rows ----

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

describe('the Page envelope', () => {
  it('counts pages and says which page this is', () => {
    expect(pageOf([{}, {}], 5, 1, 2)).toMatchObject({
      total_items: 5,
      total_pages: 3,
      page_number: 1,
      size: 2,
      first_page: true,
      last_page: false,
      empty: false,
    });
    expect(pageOf([{}], 5, 3, 2)).toMatchObject({ total_pages: 3, size: 1, first_page: false, last_page: true });
    expect(pageOf([], 0, 1, 50)).toMatchObject({
      total_pages: 0,
      size: 0,
      first_page: true,
      last_page: true,
      empty: true,
    });
  });
});

describe('ORUK query parameters', () => {
  const issues = (q: Record<string, string>) =>
    ZOrukServiceAtLocationsQuery.safeParse(q).error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`) ?? [];

  it('default to page 1 of 50 and accept the standard’s values', () => {
    expect(ZOrukServicesQuery.parse({})).toMatchObject({ page: 1, per_page: 50 });
    expect(
      ZOrukServicesQuery.parse({ day: 'tu', start_time: '09:30', modified_after: '2026-01-02', minimum_age: '18' }),
    ).toMatchObject({
      day: 'TU',
      start_time: '09:30:00',
      modified_after: new Date('2026-01-02T00:00:00Z'),
      minimum_age: 18,
    });
    expect(ZOrukServicesQuery.parse({ day: 'Saturday' }).day).toBe('SA');
    expect(ZOrukServiceAtLocationsQuery.parse({ postcode: 'ne14xx', proximity: '1500' })).toMatchObject({
      postcode: 'NE1 4XX',
      proximity: 1500,
    });
  });

  it('name the parameter that is wrong', () => {
    expect(issues({ per_page: '0' })).toEqual(['per_page: must be between 1 and 200']);
    expect(issues({ per_page: '201' })).toEqual(['per_page: must be between 1 and 200']);
    expect(issues({ page: 'two' })).toEqual(['page: must be a page number']);
    expect(issues({ day: 'XX' })).toEqual(['day: must be a day: MO, TU, WE, TH, FR, SA or SU']);
    expect(issues({ minimum_age: '-1' })).toEqual(['minimum_age: must be between 0 and 130']);
    expect(issues({ modified_after: 'yesterday' })).toEqual([
      'modified_after: must be a date-time, like 2026-03-12T09:30:00Z',
    ]);
    expect(issues({ start_time: '25:00' })).toEqual(['start_time: must be a time, like 09:30']);
    expect(issues({ taxonomy_term_id: '42' })).toEqual(['taxonomy_term_id: must be an id (a UUID)']);
    expect(issues({ postcode: 'NOWHERE' })).toEqual(['postcode: must be a UK postcode, like NE1 4XX']);
    expect(issues({ proximity: '0' })).toEqual(['proximity: must be a distance in metres, more than 0']);
  });
});
