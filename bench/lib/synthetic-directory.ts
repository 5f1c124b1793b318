import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { type CategoryCode, SOCIAL_PRESCRIBING_CATEGORIES, WEEKDAYS } from '../../common/directory.js';
import {
  categoryTermId,
  ensureSocialPrescribingTaxonomy,
} from '../../server/modules/directory/listings/listings.service.js';
import type { Db } from '../../server/platform/db/client.js';
import { bulkInsert, type Row } from './bulk-insert.js';

// A synthetic ICB-scale Directory of Services for benchmarks: thousands of plausible services
// (names, descriptions, categories, schedules, locations, service areas) written straight into
// the tables with bulk inserts — seconds, where the listing writer would take minutes. Every
// name, place and postcode is invented ("QA12 3BD": no real postcode starts with Q).

export interface SyntheticPostcode {
  postcode: string;
  latitude: number;
  longitude: number;
}

export interface SyntheticDirectory {
  icbId: string;
  postcodes: SyntheticPostcode[];
  services: number;
  locations: number;
  schedules: number;
}

/** Service names by category: realistic social prescribing offers. */
const OFFERS: Record<CategoryCode, { names: string[]; blurb: string[] }> = {
  'arts-culture': {
    names: [
      'Art Club',
      'Community Choir',
      'Pottery Workshop',
      'Creative Writing Group',
      'Museum Memories',
      'Ukulele Group',
      'Knit and Natter',
    ],
    blurb: [
      'Make something together in a relaxed group.',
      'No experience needed; materials provided.',
      'Meet others who enjoy being creative.',
    ],
  },
  'sport-physical-activity': {
    names: [
      'Walking Group',
      'Walking Football',
      'Chair-based Exercise',
      'Tai Chi',
      'Swimming for Health',
      'Gentle Yoga',
      'Cycling Club',
      'Strength and Balance',
    ],
    blurb: [
      'Gentle exercise at your own pace.',
      'Build strength and confidence with a friendly instructor.',
      'A short walk followed by a cup of tea.',
    ],
  },
  'nature-green-space': {
    names: [
      'Community Garden',
      'Green Gym',
      'Conservation Volunteers',
      'Allotment Project',
      'Nature Walks',
      'Forest Bathing',
    ],
    blurb: [
      'Get outdoors and help look after local green spaces.',
      'Grow vegetables and flowers with others.',
      'Fresh air and good company.',
    ],
  },
  'befriending-social-groups': {
    names: [
      'Befriending Service',
      'Lunch Club',
      'Men in Sheds',
      'Coffee Morning',
      'Friendship Group',
      'Telephone Befriending',
      'Over 50s Social',
    ],
    blurb: [
      'A friendly volunteer visits or calls every week.',
      'Company, conversation and a hot meal.',
      'For anyone feeling lonely or isolated.',
    ],
  },
  'money-debt-benefits': {
    names: [
      'Debt Advice',
      'Benefits Advice',
      'Money Matters',
      'Energy Bills Support',
      'Citizens Advice Drop-in',
      'Pension Credit Checks',
    ],
    blurb: [
      'Free, confidential advice on debt and money worries.',
      'Help claiming the benefits you are entitled to.',
      'Support with energy bills and budgeting.',
    ],
  },
  'housing-advice': {
    names: [
      'Housing Advice',
      'Tenancy Support',
      'Homelessness Prevention',
      'Home Repairs Service',
      'Warm Homes Advice',
    ],
    blurb: [
      'Advice on renting, repairs and keeping your home.',
      'Support if you are at risk of losing your home.',
      'Help to keep your home warm and safe.',
    ],
  },
  carers: {
    names: [
      'Carers Support Group',
      'Young Carers Club',
      'Carers Cafe',
      'Respite Sitting Service',
      'Carers Assessment Help',
    ],
    blurb: [
      'Support and a break for unpaid carers.',
      'Meet other carers and share experiences.',
      'Information and advice for family carers.',
    ],
  },
  'mental-wellbeing': {
    names: [
      'Wellbeing Cafe',
      'Anxiety Support Group',
      'Talking Therapies Drop-in',
      'Mindfulness Course',
      'Peer Support Group',
      'Stress Management Course',
    ],
    blurb: [
      'A safe space to talk about how you are feeling.',
      'Practical ways to manage stress and low mood.',
      'Peer support from people who have been there.',
    ],
  },
  'learning-volunteering': {
    names: [
      'Volunteer Centre',
      'Adult Learning',
      'English Conversation Club',
      'Reading Group',
      'Skills Exchange',
      'Family Learning',
    ],
    blurb: [
      'Find volunteering that suits you.',
      'Learn something new in a friendly class.',
      'Courses for adults of every level.',
    ],
  },
  employment: {
    names: ['Job Club', 'Employment Support', 'CV Workshop', 'Back to Work Programme', 'Work and Health Support'],
    blurb: [
      'Help with CVs, applications and interviews.',
      'One-to-one support to find work.',
      'Support to stay in work with a health condition.',
    ],
  },
  food: {
    names: ['Food Bank', 'Community Pantry', 'Cook and Eat', 'Community Fridge', 'Healthy Eating Course'],
    blurb: [
      'Emergency food parcels with a referral.',
      'Low-cost food for members.',
      'Learn to cook simple, healthy meals on a budget.',
    ],
  },
  'digital-inclusion': {
    names: ['Digital Drop-in', 'Tablet Lending', 'Computer Club', 'Get Online Sessions', 'Online Safety Course'],
    blurb: [
      'Help using phones, tablets and the internet.',
      'Borrow a device and learn to use it.',
      'Learn to book appointments and order prescriptions online.',
    ],
  },
  'health-conditions': {
    names: [
      'Diabetes Support Group',
      'Breathe Easy Group',
      'Stroke Club',
      'Heart Support Group',
      'Dementia Cafe',
      'Chronic Pain Group',
      'Arthritis Exercise',
    ],
    blurb: [
      'Support for people living with a long-term condition.',
      'Information, exercise and company.',
      'For people with the condition and their families.',
    ],
  },
  bereavement: {
    names: ['Bereavement Support', 'Bereavement Cafe', 'Grief Support Group', 'Widowed Friends'],
    blurb: [
      'Support after the death of someone close.',
      'Talk with others who understand.',
      'One-to-one and group bereavement support.',
    ],
  },
  'substance-use': {
    names: ['Alcohol Support', 'Recovery Cafe', 'Drug and Alcohol Service', 'Family Support for Addiction'],
    blurb: [
      'Confidential support to cut down or stop.',
      'A recovery community that meets weekly.',
      'Support for families affected by someone else’s drinking.',
    ],
  },
};

const PLACES = [
  'Northshire',
  'Riverside',
  'Dales',
  'Coastal',
  'Eastfield',
  'Westgate',
  'Millbrook',
  'Ashby Moor',
  'Hartley',
  'Kingsford',
  'Oakwell',
  'Thornbury',
  'Fenwick',
  'Lowmoor',
  'Highcliffe',
  'Brackenby',
  'Marsden Vale',
  'Stonebridge',
  'Greystones',
  'Elmsworth',
  'Fairholme',
  'Quarry Bank',
  'Saltburn Cross',
  'Redcar Green',
  'Whitley Dene',
];
const VENUES = [
  'Community Centre',
  'Library',
  'Methodist Hall',
  'Leisure Centre',
  'Village Hall',
  'Health Centre',
  'Church Hall',
  'Park Pavilion',
  'Sports Hall',
  'Hub',
];
const STREETS = [
  'High Street',
  'Station Road',
  'Church Lane',
  'Mill Road',
  'Park Avenue',
  'Victoria Street',
  'Queen Street',
  'Front Street',
];
const CHARITY = ['Trust', 'Association', 'Together', 'Community Interest Company', 'Charity', 'Partnership', 'Network'];
const POSTCODE_LETTERS = 'ABDEFGHJLNPQRSTUWXYZ';

const DISTRICTS = 40;
/** The synthetic ICB's footprint: about 24 by 24 miles around its centre. */
const CENTRE = { latitude: 54.6, longitude: -1.4 };

type Rand = () => number;
const pick = <T>(rand: Rand, items: readonly T[]): T => items[Math.floor(rand() * items.length)] as T;
const chance = (rand: Rand, p: number) => rand() < p;
const jitter = (rand: Rand, span: number) => (rand() - 0.5) * 2 * span;

/** `count` invented postcodes in DISTRICTS clusters across the footprint. */
export function syntheticPostcodes(rand: Rand, count: number): SyntheticPostcode[] {
  const districts = Array.from({ length: DISTRICTS }, (_, d) => ({
    outward: `QA${d + 1}`,
    latitude: CENTRE.latitude + jitter(rand, 0.3),
    longitude: CENTRE.longitude + jitter(rand, 0.5),
  }));
  const seen = new Set<string>();
  const out: SyntheticPostcode[] = [];
  while (out.length < count) {
    const d = pick(rand, districts);
    const inward = `${Math.floor(rand() * 10)}${pick(rand, [...POSTCODE_LETTERS])}${pick(rand, [...POSTCODE_LETTERS])}`;
    const postcode = `${d.outward} ${inward}`;
    if (seen.has(postcode)) continue;
    seen.add(postcode);
    out.push({
      postcode,
      latitude: Number((d.latitude + jitter(rand, 0.03)).toFixed(6)),
      longitude: Number((d.longitude + jitter(rand, 0.05)).toFixed(6)),
    });
  }
  return out;
}

function isoDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}

function scheduleRows(rand: Rand, serviceId: string): Row[] {
  const rows: Row[] = [];
  const sessions = 1 + Math.floor(rand() * 3);
  for (let i = 0; i < sessions; i++) {
    const start = 9 + Math.floor(rand() * 10);
    const opens = `${String(start).padStart(2, '0')}:${chance(rand, 0.5) ? '00' : '30'}`;
    const closes = `${String(Math.min(start + 1 + Math.floor(rand() * 3), 23)).padStart(2, '0')}:${opens.slice(3)}`;
    const notes = chance(rand, 0.2) ? 'Closed on bank holidays' : null;
    if (chance(rand, 0.8)) {
      const days = new Set([pick(rand, WEEKDAYS)]);
      if (chance(rand, 0.3)) days.add(pick(rand, WEEKDAYS));
      rows.push([randomUUID(), serviceId, 'WEEKLY', [...days].join(','), opens, closes, notes]);
    } else {
      const position = pick(rand, ['1', '2', '3', '-1']);
      rows.push([randomUUID(), serviceId, 'MONTHLY', `${position}${pick(rand, WEEKDAYS)}`, opens, closes, notes]);
    }
  }
  return rows;
}

/** Writes the synthetic directory; the database must be migrated and empty. */
export async function insertSyntheticDirectory(
  db: Db,
  pool: pg.Pool,
  rand: Rand,
  opts: { services: number; postcodes: number },
): Promise<SyntheticDirectory> {
  const icb = await pool.query<{ id: string }>(
    `INSERT INTO icbs (code, name) VALUES ('QZB', 'Benchmark ICB (synthetic)') RETURNING id`,
  );
  const icbId = icb.rows[0]?.id as string;
  await ensureSocialPrescribingTaxonomy(db);

  const postcodes = syntheticPostcodes(rand, opts.postcodes);
  await bulkInsert(
    pool,
    'postcodes',
    [
      ['postcode', 'text'],
      ['latitude', 'float8'],
      ['longitude', 'float8'],
    ],
    postcodes.map((p) => [p.postcode, p.latitude, p.longitude]),
  );

  const organizations = Array.from({ length: Math.ceil(opts.services / 3.5) }, () => ({
    id: randomUUID(),
    name: `${pick(rand, PLACES)} ${pick(rand, ['Community', 'Wellbeing', 'Age Well', 'Neighbours', 'Health', 'Voluntary Action'])} ${pick(rand, CHARITY)}`,
  }));
  await bulkInsert(
    pool,
    'directory_organizations',
    [
      ['id', 'uuid'],
      ['icb_id', 'uuid'],
      ['name', 'text'],
      ['description', 'text'],
    ],
    organizations.map((o) => [o.id, icbId, o.name, 'A synthetic voluntary and community sector organisation.']),
  );

  const services: Row[] = [];
  const attributes: Row[] = [];
  const locations: Row[] = [];
  const addresses: Row[] = [];
  const serviceAtLocations: Row[] = [];
  const schedules: Row[] = [];
  const serviceAreas: Row[] = [];
  const today = Date.now();

  for (let i = 0; i < opts.services; i++) {
    const id = randomUUID();
    const org = pick(rand, organizations);
    const category = pick(rand, SOCIAL_PRESCRIBING_CATEGORIES);
    const offer = OFFERS[category.code];
    const extra = chance(rand, 0.3) ? pick(rand, SOCIAL_PRESCRIBING_CATEGORIES) : null;
    const categories = extra && extra.code !== category.code ? [category, extra] : [category];
    const place = pick(rand, PLACES);
    const name = `${place} ${pick(rand, offer.names)}`;
    const description = `${pick(rand, offer.blurb)} ${pick(rand, offer.blurb)} Run by ${org.name} in ${place}.`;
    const ages = pick(rand, [
      [null, null],
      [null, null],
      [null, null],
      [18, null],
      [18, null],
      [65, null],
      [11, 18],
      [50, null],
    ] as const);
    const status = rand() < 0.9 ? 'active' : pick(rand, ['temporarily closed', 'inactive']);
    const assured = chance(rand, 0.9) ? isoDate(new Date(today - Math.floor(rand() * 270) * 86_400_000)) : null;
    const areaWide = chance(rand, 0.1);
    const areaName = areaWide
      ? pick(rand, ['The whole of Northshire', 'Anywhere online', `${place} and surrounding villages`])
      : null;
    const eligibility = ages[0] === 65 ? 'Older people' : ages[1] === 18 ? 'Young people' : null;
    const searchText = [org.name, ...categories.map((c) => c.name), description, eligibility, areaName]
      .filter(Boolean)
      .join(' ');
    services.push([
      id,
      icbId,
      org.id,
      name,
      description,
      status,
      ages[0],
      ages[1],
      eligibility,
      pick(rand, ['open', 'open', 'open', 'waiting_list', 'full']),
      assured,
      assured ? 'directory.team@northshire.example' : null,
      6,
      searchText,
    ]);
    for (const c of categories) attributes.push([randomUUID(), id, 'service', categoryTermId(c.code)]);
    if (areaName) serviceAreas.push([randomUUID(), id, areaName]);

    // Most services meet somewhere; some are online or phone only.
    const kind = rand();
    const physicalCount = kind < 0.8 ? (chance(rand, 0.1) ? 2 : 1) : 0;
    for (let l = 0; l < physicalCount; l++) {
      const locationId = randomUUID();
      const pc = pick(rand, postcodes);
      const confidential = chance(rand, 0.03);
      locations.push([
        locationId,
        org.id,
        'physical',
        `${place} ${pick(rand, VENUES)}`,
        pc.latitude + jitter(rand, 0.002),
        pc.longitude + jitter(rand, 0.003),
        confidential,
      ]);
      addresses.push([
        randomUUID(),
        locationId,
        `${1 + Math.floor(rand() * 200)} ${pick(rand, STREETS)}`,
        place,
        pc.postcode,
      ]);
      serviceAtLocations.push([randomUUID(), id, locationId]);
    }
    if (kind >= 0.8 && kind < 0.95) {
      const locationId = randomUUID();
      locations.push([locationId, org.id, 'virtual', 'Online', null, null, false]);
      serviceAtLocations.push([randomUUID(), id, locationId]);
    }
    schedules.push(...scheduleRows(rand, id));
  }

  await bulkInsert(
    pool,
    'directory_services',
    [
      ['id', 'uuid'],
      ['icb_id', 'uuid'],
      ['organization_id', 'uuid'],
      ['name', 'text'],
      ['description', 'text'],
      ['status', 'text'],
      ['minimum_age', 'int4'],
      ['maximum_age', 'int4'],
      ['eligibility_description', 'text'],
      ['referral_capacity', 'text'],
      ['assured_date', 'date'],
      ['assurer_email', 'text'],
      ['review_interval_months', 'int4'],
      ['search_text', 'text'],
    ],
    services,
  );
  await bulkInsert(
    pool,
    'directory_attributes',
    [
      ['id', 'uuid'],
      ['link_id', 'uuid'],
      ['link_type', 'text'],
      ['taxonomy_term_id', 'uuid'],
    ],
    attributes,
  );
  await bulkInsert(
    pool,
    'directory_locations',
    [
      ['id', 'uuid'],
      ['organization_id', 'uuid'],
      ['location_type', 'text'],
      ['name', 'text'],
      ['latitude', 'float8'],
      ['longitude', 'float8'],
      ['confidential', 'bool'],
    ],
    locations,
  );
  await bulkInsert(
    pool,
    'directory_addresses',
    [
      ['id', 'uuid'],
      ['location_id', 'uuid'],
      ['address_1', 'text'],
      ['city', 'text'],
      ['postal_code', 'text'],
    ],
    addresses,
  );
  await bulkInsert(
    pool,
    'directory_service_at_locations',
    [
      ['id', 'uuid'],
      ['service_id', 'uuid'],
      ['location_id', 'uuid'],
    ],
    serviceAtLocations,
  );
  await bulkInsert(
    pool,
    'directory_schedules',
    [
      ['id', 'uuid'],
      ['service_id', 'uuid'],
      ['freq', 'text'],
      ['byday', 'text'],
      ['opens_at', 'time'],
      ['closes_at', 'time'],
      ['notes', 'text'],
    ],
    schedules,
  );
  await bulkInsert(
    pool,
    'directory_service_areas',
    [
      ['id', 'uuid'],
      ['service_id', 'uuid'],
      ['name', 'text'],
    ],
    serviceAreas,
  );
  // The spelling dictionary the listings writer keeps (bulk rows bypass the writer).
  await pool.query(`INSERT INTO directory_search_words (word)
    SELECT DISTINCT w.lexeme FROM directory_services s, unnest(to_tsvector('simple', s.name || ' ' || s.search_text)) AS w
    WHERE length(w.lexeme) >= 3 AND w.lexeme !~ '[0-9]' ON CONFLICT DO NOTHING`);
  await pool.query('ANALYZE');
  return { icbId, postcodes, services: services.length, locations: locations.length, schedules: schedules.length };
}
