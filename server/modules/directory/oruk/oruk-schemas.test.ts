import { serializerCompiler } from 'fastify-type-provider-zod';
import { describe, expect, it } from 'vitest';
import { ZOrukService, ZOrukServiceSummary } from './oruk-documents.schemas.js';
import { orukErrors } from './test-oruk-schemas.js';

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

describe('the response schemas of /oruk', () => {
  const send = (schema: typeof ZOrukService | typeof ZOrukServiceSummary, document: unknown) =>
    JSON.parse(serializerCompiler({ schema, method: 'GET', url: '/oruk/services' })(document) as string);

  it('send the standard’s documents unchanged, but never the assurer’s email', () => {
    const { assurer_email: _email, ...item } = OFFICIAL_SERVICE_LIST_PAGE.contents[0] as Record<string, unknown>;
    expect(send(ZOrukServiceSummary, OFFICIAL_SERVICE_LIST_PAGE.contents[0])).toEqual(item);
    expect(send(ZOrukService, OFFICIAL_SERVICE_FULL)).toEqual(OFFICIAL_SERVICE_FULL);
  });

  it('drop any field they do not name, however deep', () => {
    const leaky = {
      ...OFFICIAL_SERVICE_FULL,
      icb_id: '99999999-9999-4999-8999-999999999999',
      assurer_email: 'verifier@nhs.example',
      service_at_locations: OFFICIAL_SERVICE_FULL.service_at_locations.map((x) => ({
        ...x,
        location: { ...x.location, confidential: true, search_text: 'Hidden Lane' },
      })),
    };
    const sent = JSON.stringify(send(ZOrukService, leaky));
    for (const leak of ['icb_id', 'assurer_email', 'verifier@', 'confidential', 'search_text', 'Hidden Lane']) {
      expect(sent).not.toContain(leak);
    }
    expect(JSON.parse(sent)).toEqual(OFFICIAL_SERVICE_FULL);
  });
});
