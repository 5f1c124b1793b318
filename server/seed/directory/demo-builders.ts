import type {
  DirectoryOrganizationInput,
  ListingInput,
  ListingLocation,
  ListingSchedule,
} from '../../../common/directory.js';
import { categoryTermId } from '../../modules/directory/listings/listings.service.js';
import { demoId } from './demo-ids.js';
import { DEMO_ORGANISATIONS, type DemoOrganisation, type OrganisationKey } from './demo-organisations.js';
import { DEMO_SERVICE_SERIES } from './demo-service-series.js';
import type { DemoServiceSpec, LanguageCode } from './demo-service-spec.js';
import { DEMO_SERVICES } from './demo-services.js';
import { DEMO_VENUES, type DemoVenue, type VenueKey } from './demo-venues.js';
import type { PostcodeCentroid } from './onspd-sample.js';

// Pure builders: the compact demo specs → the documents the listings writer takes. Every id is
// derived from a name (demoId), so a fresh seed always produces the same ids.

export const ALL_DEMO_SERVICES: DemoServiceSpec[] = [...DEMO_SERVICES, ...DEMO_SERVICE_SERIES];

const LANGUAGES: Record<LanguageCode, string> = {
  en: 'English',
  pl: 'Polish',
  ur: 'Urdu',
  ar: 'Arabic',
  bfi: 'British Sign Language',
};

const slug = (text: string) =>
  text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

export const demoOrganisationId = (key: OrganisationKey) => demoId(`organization:${key}`);
export const demoServiceKey = (spec: DemoServiceSpec) => slug(spec.name);
export const demoServiceId = (spec: DemoServiceSpec) => demoId(`service:${demoServiceKey(spec)}`);

export function buildDemoOrganisation(
  key: OrganisationKey,
  vcsOrganisationIds: Record<string, string>,
): DirectoryOrganizationInput {
  const org: DemoOrganisation = DEMO_ORGANISATIONS[key];
  const identifiers: NonNullable<DirectoryOrganizationInput['identifiers']> = [];
  if (org.charityNumber) {
    identifiers.push({ identifier_scheme: 'GB-CHC', identifier_type: 'Charity number', identifier: org.charityNumber });
  }
  if (org.companyNumber) {
    identifiers.push({ identifier_scheme: 'GB-COH', identifier_type: 'Company number', identifier: org.companyNumber });
  }
  return {
    id: demoOrganisationId(key),
    name: org.name,
    description: org.description,
    email: `${slug(org.name)}@example.org`,
    website: `https://example.org/${slug(org.name)}`,
    vcs_organisation_id: org.vcsPartner ? (vcsOrganisationIds[org.vcsPartner] ?? null) : null,
    identifiers,
  };
}

function eligibilityFor(spec: DemoServiceSpec): string {
  if (spec.eligibility) return spec.eligibility;
  const [min, max] = spec.ages ?? [null, null];
  if (min !== null && max !== null) return `People aged ${min} to ${max}.`;
  if (min !== null) return min >= 18 ? `Adults aged ${min} and over.` : `People aged ${min} and over.`;
  return 'Anyone can come; no referral needed, but referrals from link workers are welcome.';
}

/** Days since the listing was last verified: most recent, about one in nine overdue, a few never. */
export function demoAssuredDaysAgo(spec: DemoServiceSpec, position: number): number | null {
  if (spec.assuredDaysAgo !== undefined) return spec.assuredDaysAgo;
  if (position % 9 === 4) return 190 + ((position * 13) % 80);
  if (position % 50 === 7) return null;
  return ((position * 29) % 170) + 2;
}

export function buildDemoListing(spec: DemoServiceSpec, postcodes: Map<string, PostcodeCentroid>): ListingInput {
  const key = demoServiceKey(spec);
  const org = DEMO_ORGANISATIONS[spec.org];
  const locationId = (venue: VenueKey) => demoId(`location:${key}:${venue}`);
  const onlineId = demoId(`location:${key}:online`);

  const locations: ListingLocation[] = (spec.at ?? []).map((venueKey) => {
    const venue: DemoVenue = DEMO_VENUES[venueKey];
    const centroid = postcodes.get(venue.postal_code);
    if (!centroid) throw new Error(`demo venue ${venueKey}: postcode ${venue.postal_code} is not in the sample`);
    return {
      id: locationId(venueKey),
      location_type: 'physical',
      name: venue.name,
      latitude: centroid.latitude,
      longitude: centroid.longitude,
      confidential: spec.confidential ?? false,
      address: {
        address_1: venue.address_1,
        address_2: venue.address_2 ?? null,
        city: venue.city,
        region: 'Northshire',
        postal_code: venue.postal_code,
      },
      accessibility: venue.accessibility,
    };
  });
  if (spec.online) {
    locations.push({
      id: onlineId,
      location_type: 'virtual',
      name: spec.online,
      description: 'Join from home on a phone, tablet or computer; the link is sent when you book.',
      accessibility: ['Live captions available on request'],
    });
  }

  const schedules: ListingSchedule[] = (spec.sessions ?? []).map((s, i) => {
    const attending = s.attending ?? (s.at ? 'in person' : spec.online ? 'online' : 'phone');
    return {
      id: demoId(`schedule:${key}:${i}`),
      freq: s.monthly ? 'MONTHLY' : 'WEEKLY',
      byday: s.monthly ?? s.days ?? null,
      opens_at: s.from,
      closes_at: s.to,
      description: s.description ?? null,
      notes: s.notes ?? null,
      attending_type: attending,
      location_id: s.at ? locationId(s.at) : attending === 'online' && spec.online ? onlineId : null,
    };
  });

  const [minimumAge, maximumAge] = spec.ages ?? [null, null];
  const serviceSlug = slug(org.name);
  return {
    id: demoServiceId(spec),
    organization_id: demoOrganisationId(spec.org),
    name: spec.name,
    description: spec.description,
    url: `https://example.org/${serviceSlug}/${key}`,
    email: `${serviceSlug}@example.org`,
    status: spec.status ?? 'active',
    fees: spec.cost ? spec.cost.description : 'Free',
    minimum_age: minimumAge,
    maximum_age: maximumAge,
    eligibility_description: eligibilityFor(spec),
    alert: spec.alert ?? null,
    referral_capacity: spec.capacity ?? 'open',
    review_interval_months: 6,
    taxonomy_term_ids: spec.categories.map(categoryTermId),
    phones: [{ id: demoId(`phone:${key}`), number: spec.phone ?? org.phone, description: 'Enquiries' }],
    contacts: [{ id: demoId(`contact:${key}`), title: 'Organiser', email: `${serviceSlug}@example.org` }],
    languages: (spec.languages ?? ['en']).map((code) => ({
      id: demoId(`language:${key}:${code}`),
      name: LANGUAGES[code],
      code,
    })),
    cost_options: [
      spec.cost
        ? {
            id: demoId(`cost:${key}`),
            option: 'Per session',
            amount: spec.cost.amount,
            amount_description: spec.cost.description,
          }
        : { id: demoId(`cost:${key}`), option: 'Free', amount: 0, amount_description: 'Free' },
    ],
    service_areas: spec.area ? [{ id: demoId(`area:${key}`), name: spec.area }] : [],
    locations,
    schedules,
  };
}
