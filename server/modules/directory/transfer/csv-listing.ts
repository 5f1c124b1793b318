import { parse } from 'csv-parse/sync';
import {
  type CategoryCode,
  type Listing,
  type ListingInput,
  type ListingLocation,
  type ListingSchedule,
  REFERRAL_CAPACITIES,
  type ReferralCapacity,
  SERVICE_STATUSES,
  type ServiceStatus,
  SOCIAL_PRESCRIBING_CATEGORIES,
  WEEKDAYS,
} from '../../../../common/directory.js';
import { CSV_COLUMNS, type CsvColumn } from '../../../../common/directory-transfer.js';
import { normalisePostcode } from '../../../../common/postcode.js';
import { POSTCODE_MESSAGE } from '../../../../common/schemas/fields.js';
import { type FieldError, validationError } from '../../../platform/errors.js';
import { categoryTermId, toListingInput } from '../listings/listings.service.js';

// The flat CSV of the import: one service per row (CSV_COLUMNS). Pure functions, so the rules
// are tested without a database. A row describes a listing's main fields, its first phone, one
// place (plus "online") and one service area; a listing's further phones, places and areas, and
// its contacts, languages and costs, are kept when a row with an id updates it.

export type CsvRow = Record<CsvColumn, string>;

export interface CsvRecord {
  /** The file line the row starts on (the header is line 1). */
  line: number;
  row: CsvRow;
}

const KNOWN = new Set<string>(CSV_COLUMNS.map((c) => c.name));
const REQUIRED_COLUMNS: CsvColumn[] = ['organization_name', 'name'];

/** The rows of a CSV text; a malformed file or header is a 400 naming `csv` or the column. */
export function readCsv(text: string): CsvRecord[] {
  let records: { record: Record<string, string>; info: { lines: number; raw?: string } }[];
  let header: string[] = [];
  try {
    records = parse(text, {
      bom: true,
      columns: (names: string[]) => {
        header = names.map((n) => n.trim().toLowerCase());
        return header;
      },
      info: true,
      raw: true,
      record_delimiter: ['\r\n', '\n', '\r'],
      skip_empty_lines: true,
      trim: true,
    });
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    throw validationError([
      { field: 'csv', message: `could not be read${line ? ` (line ${line})` : ''}: ${(error as Error).message}` },
    ]);
  }
  const errors: FieldError[] = [];
  for (const name of header) {
    if (!KNOWN.has(name)) errors.push({ field: name || 'header', message: `is not a column of the directory CSV` });
  }
  for (const name of REQUIRED_COLUMNS) {
    if (header.length > 0 && !header.includes(name)) errors.push({ field: name, message: 'column is missing' });
  }
  if (header.length === 0) errors.push({ field: 'csv', message: 'is empty: the first line must name the columns' });
  if (errors.length) throw validationError(errors);
  return records.map(({ record, info }) => {
    const row = Object.fromEntries(CSV_COLUMNS.map((c) => [c.name, (record[c.name] ?? '').trim()])) as CsvRow;
    // `lines` counts to the end of the record; a quoted value may span lines.
    const spanned = (info.raw?.replace(/\r?\n$/, '').match(/\n/g) ?? []).length;
    return { line: info.lines - spanned, row };
  });
}

// ---- Schedules: "MO 10:00-12:00; MO,WE 18:00-20:00; 1TU 18:00-20:00" ----

const DAY = `(?:${WEEKDAYS.join('|')})`;
const SESSION = new RegExp(
  `^((?:-1|[1-4])?${DAY}(?:\\s*,\\s*(?:-1|[1-4])?${DAY})*)\\s+([0-2]?[0-9]:[0-5][0-9])\\s*[-–]\\s*([0-2]?[0-9]:[0-5][0-9])$`,
);

const pad = (t: string) => (t.length === 4 ? `0${t}` : t);

/** The sessions of a schedule cell, or the reason it cannot be read. */
export function parseScheduleCell(cell: string): { schedules: ListingSchedule[] } | { error: string } {
  const schedules: ListingSchedule[] = [];
  for (const part of cell
    .split(';')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const match = SESSION.exec(part.toUpperCase());
    if (!match) {
      return { error: `"${part}" is not a session like "MO 10:00-12:00" or "1TU 18:00-20:00"` };
    }
    const days = (match[1] as string).split(',').map((d) => d.trim());
    const monthly = days.map((d) => /^(-1|[1-4])/.test(d));
    if (monthly.some((m) => m !== monthly[0])) {
      return { error: `"${part}" mixes weekly days and days of the month` };
    }
    const opens = pad(match[2] as string);
    const closes = pad(match[3] as string);
    if (opens >= '24:00' || closes >= '24:00') return { error: `"${part}" has a time that is not on the clock` };
    if (closes <= opens) return { error: `"${part}" closes before it opens` };
    schedules.push({
      freq: monthly[0] ? 'MONTHLY' : 'WEEKLY',
      byday: days.join(','),
      opens_at: opens,
      closes_at: closes,
    });
  }
  return { schedules };
}

// ---- A row → a listing document ----

const CATEGORY_CODES = new Set<string>(SOCIAL_PRESCRIBING_CATEGORIES.map((c) => c.code));
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function yesNo(value: string, field: CsvColumn, errors: FieldError[]): boolean {
  const v = value.toLowerCase();
  if (['', 'no', 'n', 'false', '0'].includes(v)) return false;
  if (['yes', 'y', 'true', '1'].includes(v)) return true;
  errors.push({ field, message: 'must be yes or no' });
  return false;
}

function age(value: string, field: CsvColumn, errors: FieldError[]): number | null {
  if (!value) return null;
  if (!/^[0-9]{1,3}$/.test(value) || Number(value) > 130) {
    errors.push({ field, message: 'must be a whole number of years from 0 to 130' });
    return null;
  }
  return Number(value);
}

/** What a row says before the organisation is resolved: checked cell by cell. */
export function checkRow(row: CsvRow): FieldError[] {
  const errors: FieldError[] = [];
  if (row.id && !UUID.test(row.id)) errors.push({ field: 'id', message: 'must be a service id (a UUID) or empty' });
  if (!row.organization_name) errors.push({ field: 'organization_name', message: 'must not be empty' });
  if (!row.name) errors.push({ field: 'name', message: 'must not be empty: give the name of the service' });
  if (row.status && !SERVICE_STATUSES.includes(row.status.toLowerCase() as ServiceStatus)) {
    errors.push({ field: 'status', message: `must be one of: ${SERVICE_STATUSES.join(', ')}` });
  }
  if (row.referral_capacity && !REFERRAL_CAPACITIES.includes(row.referral_capacity.toLowerCase() as ReferralCapacity)) {
    errors.push({ field: 'referral_capacity', message: `must be one of: ${REFERRAL_CAPACITIES.join(', ')}` });
  }
  for (const code of splitList(row.categories)) {
    if (!CATEGORY_CODES.has(code)) errors.push({ field: 'categories', message: `"${code}" is not a category code` });
  }
  const min = age(row.minimum_age, 'minimum_age', errors);
  const max = age(row.maximum_age, 'maximum_age', errors);
  if (min !== null && max !== null && min > max) {
    errors.push({ field: 'maximum_age', message: 'must not be below the minimum age' });
  }
  if (row.url && !/^https:\/\/\S+$/i.test(row.url)) {
    errors.push({ field: 'url', message: 'must be a web address starting https://' });
  }
  if (row.postcode && !normalisePostcode(row.postcode)) {
    errors.push({ field: 'postcode', message: POSTCODE_MESSAGE });
  }
  const place = row.location_name || row.address_1 || row.city;
  if (place && !row.postcode) errors.push({ field: 'postcode', message: 'must be given for a place' });
  if (row.postcode && !row.address_1) errors.push({ field: 'address_1', message: 'must be given with a postcode' });
  if (row.postcode && !row.city) errors.push({ field: 'city', message: 'must be given with a postcode' });
  yesNo(row.confidential, 'confidential', errors);
  yesNo(row.online, 'online', errors);
  if (row.confidential && yesNo(row.confidential, 'confidential', []) && !row.postcode) {
    errors.push({ field: 'confidential', message: 'applies to a place: give its address and postcode' });
  }
  const schedule = parseScheduleCell(row.schedule);
  if ('error' in schedule) errors.push({ field: 'schedule', message: schedule.error });
  if (row.notes && !row.schedule)
    errors.push({ field: 'notes', message: 'are notes on the schedule: give the schedule too' });
  return errors;
}

function splitList(cell: string): string[] {
  return cell
    .split(';')
    .map((c) => c.trim().toLowerCase())
    .filter(Boolean);
}

const sameSession = (a: ListingSchedule, b: ListingSchedule) =>
  a.freq === b.freq &&
  (a.byday ?? '') === (b.byday ?? '') &&
  (a.bymonthday ?? '') === (b.bymonthday ?? '') &&
  (a.opens_at ?? '') === (b.opens_at ?? '') &&
  (a.closes_at ?? '') === (b.closes_at ?? '');

/**
 * The listing a checked row describes. With `existing` (a row with an id), the row's cells
 * replace what they describe and children keep their ids when unchanged, so re-importing the
 * same row changes nothing.
 */
export function listingFromRow(row: CsvRow, organizationId: string, existing: Listing | null): ListingInput {
  const base = existing ? toListingInput(existing) : null;
  const locations = base?.locations ?? [];
  const place = locations.find((l) => l.location_type !== 'virtual');
  const online = locations.find((l) => l.location_type === 'virtual');
  const others = locations.filter((l) => l !== place && l !== online);

  const newLocations: ListingLocation[] = [];
  const postcode = row.postcode ? normalisePostcode(row.postcode) : null;
  if (postcode) {
    const samePlace = place?.address?.postal_code === postcode;
    newLocations.push({
      id: place?.id,
      location_type: 'physical',
      name: row.location_name || row.address_1,
      description: place?.description ?? null,
      latitude: samePlace ? (place?.latitude ?? null) : null,
      longitude: samePlace ? (place?.longitude ?? null) : null,
      confidential: yesNo(row.confidential, 'confidential', []),
      address: {
        address_1: row.address_1,
        address_2: samePlace ? (place?.address?.address_2 ?? null) : null,
        city: row.city,
        region: samePlace ? (place?.address?.region ?? null) : null,
        postal_code: postcode,
      },
      accessibility: place?.accessibility ?? [],
    });
  }
  if (yesNo(row.online, 'online', [])) {
    newLocations.push(online ?? { location_type: 'virtual', name: 'Online', confidential: false, accessibility: [] });
  }
  newLocations.push(...others);

  const parsed = parseScheduleCell(row.schedule);
  const sessions = 'schedules' in parsed ? parsed.schedules : [];
  const oldSchedules = [...(base?.schedules ?? [])];
  const schedules = sessions.map((s) => {
    const i = oldSchedules.findIndex((o) => sameSession(o, s));
    const match = i >= 0 ? oldSchedules.splice(i, 1)[0] : undefined;
    return match
      ? { ...match, notes: row.notes || null }
      : { ...s, notes: row.notes || null, location_id: postcode ? (newLocations[0]?.id ?? null) : null };
  });

  const [firstPhone, ...otherPhones] = base?.phones ?? [];
  const [firstArea, ...otherAreas] = base?.service_areas ?? [];
  const status = (row.status.toLowerCase() || base?.status || 'active') as ServiceStatus;
  const capacity = (row.referral_capacity.toLowerCase() || base?.referral_capacity || 'open') as ReferralCapacity;

  return {
    ...(base ?? { contacts: [], languages: [], cost_options: [] }),
    id: row.id || undefined,
    organization_id: organizationId,
    name: row.name,
    description: row.description,
    url: row.url || null,
    email: row.email || null,
    status,
    referral_capacity: capacity,
    minimum_age: row.minimum_age ? Number(row.minimum_age) : null,
    maximum_age: row.maximum_age ? Number(row.maximum_age) : null,
    taxonomy_term_ids: splitList(row.categories).map((c) => categoryTermId(c as CategoryCode)),
    phones: [
      ...(row.phone ? [{ id: firstPhone?.id, number: row.phone, description: firstPhone?.description ?? null }] : []),
      ...otherPhones,
    ],
    service_areas: [
      ...(row.area
        ? [
            {
              id: firstArea?.id,
              name: row.area,
              description: firstArea?.name === row.area ? firstArea.description : null,
            },
          ]
        : []),
      ...otherAreas,
    ],
    locations: newLocations,
    schedules,
  };
}

/** Where a listing-document error path is in the CSV ("locations.0.address.postal_code" → "postcode"). */
export function csvColumnOf(listingPath: string): string {
  const [head, , sub, leaf] = listingPath.split('.');
  switch (head) {
    case 'phones':
      return 'phone';
    case 'service_areas':
      return 'area';
    case 'schedules':
      return 'schedule';
    case 'taxonomy_term_ids':
      return 'categories';
    case 'organization_id':
      return 'organization_name';
    case 'locations':
      if (sub === 'address') return leaf === 'postal_code' ? 'postcode' : (leaf ?? 'address_1');
      return sub === 'name' ? 'location_name' : 'postcode';
    default:
      return KNOWN.has(head ?? '') ? (head as string) : listingPath;
  }
}

/** The template offered for download: the header and one example row. */
export function csvTemplate(): string {
  const example: Record<CsvColumn, string> = {
    id: '',
    organization_name: 'Riverside Community Trust',
    charity_number: '1234567',
    name: 'Riverside Walk and Talk',
    description: 'A gentle hour-long walk by the river, with a cup of tea afterwards. Everyone welcome.',
    categories: 'sport-physical-activity;nature-green-space',
    status: 'active',
    referral_capacity: 'open',
    minimum_age: '18',
    maximum_age: '',
    phone: '0191 496 0000',
    email: 'walks@example.org',
    url: 'https://example.org/walks',
    location_name: 'Quayside Community Centre',
    address_1: '1 Quay Road',
    city: 'Newcastle upon Tyne',
    postcode: 'NE1 4XX',
    confidential: 'no',
    online: 'no',
    area: '',
    schedule: 'TU 10:00-11:00; 1SA 10:00-12:00',
    notes: 'Not on bank holidays',
  };
  const quote = (v: string) => (/[",\n;]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  return `${CSV_COLUMNS.map((c) => c.name).join(',')}\r\n${CSV_COLUMNS.map((c) => quote(example[c.name])).join(',')}\r\n`;
}
