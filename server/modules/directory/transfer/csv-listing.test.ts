import { describe, expect, it } from 'vitest';
import type { Listing } from '../../../../common/directory.js';
import { CSV_COLUMNS } from '../../../../common/directory-transfer.js';
import { AppError } from '../../../platform/errors.js';
import { categoryTermId } from '../listings/listings.service.js';
import {
  type CsvRow,
  checkRow,
  csvColumnOf,
  csvTemplate,
  listingFromRow,
  parseScheduleCell,
  readCsv,
} from './csv-listing.js';

const blank = (): CsvRow => Object.fromEntries(CSV_COLUMNS.map((c) => [c.name, ''])) as CsvRow;
const row = (cells: Partial<CsvRow>): CsvRow => ({ ...blank(), organization_name: 'Org', name: 'Service', ...cells });

describe('the schedule cell', () => {
  it('reads weekly and monthly sessions, several a day', () => {
    expect(parseScheduleCell('MO 10:00-12:00; mo,we 18:00–20:00; 1TU 9:30-11:00; -1FR 14:00-15:00')).toEqual({
      schedules: [
        { freq: 'WEEKLY', byday: 'MO', opens_at: '10:00', closes_at: '12:00' },
        { freq: 'WEEKLY', byday: 'MO,WE', opens_at: '18:00', closes_at: '20:00' },
        { freq: 'MONTHLY', byday: '1TU', opens_at: '09:30', closes_at: '11:00' },
        { freq: 'MONTHLY', byday: '-1FR', opens_at: '14:00', closes_at: '15:00' },
      ],
    });
    expect(parseScheduleCell('')).toEqual({ schedules: [] });
  });

  it('says what is wrong with a session it cannot read', () => {
    expect(parseScheduleCell('Mondays 10-12')).toEqual({ error: expect.stringContaining('Mondays 10-12') });
    expect(parseScheduleCell('MO 12:00-10:00')).toEqual({ error: expect.stringContaining('closes before it opens') });
    expect(parseScheduleCell('MO,1TU 10:00-11:00')).toEqual({ error: expect.stringContaining('mixes') });
    expect(parseScheduleCell('MO 25:00-26:00')).toEqual({ error: expect.stringContaining('clock') });
  });
});

describe('reading the file', () => {
  it('numbers rows by the line they start on, a quoted value may span lines', () => {
    const records = readCsv('name,organization_name,description\r\nA,Org,"two\nlines"\nB,Org,one line\n');
    expect(records.map((r) => [r.line, r.row.name, r.row.description])).toEqual([
      [2, 'A', 'two\nlines'],
      [4, 'B', 'one line'],
    ]);
  });

  it('refuses unknown and missing columns, naming them', () => {
    const error = (() => {
      try {
        readCsv('name,colour\nA,blue');
      } catch (e) {
        return e as AppError;
      }
      return null;
    })();
    expect(error).toBeInstanceOf(AppError);
    expect(error?.details.errors).toEqual([
      { field: 'colour', message: expect.any(String) },
      { field: 'organization_name', message: 'column is missing' },
    ]);
  });

  it('offers a template that reads back as one valid row', () => {
    const [record, ...rest] = readCsv(csvTemplate());
    expect(rest).toHaveLength(0);
    expect(checkRow(record?.row as CsvRow)).toEqual([]);
  });
});

describe('checking a row', () => {
  it('names the column of each problem', () => {
    const fields = (cells: Partial<CsvRow>) => checkRow(row(cells)).map((e) => e.field);
    expect(fields({})).toEqual([]);
    expect(fields({ name: '' })).toEqual(['name']);
    expect(fields({ postcode: 'NOPE', address_1: '1 Road', city: 'Town' })).toEqual(['postcode']);
    expect(fields({ categories: 'food;juggling' })).toEqual(['categories']);
    expect(fields({ minimum_age: '65', maximum_age: '18' })).toEqual(['maximum_age']);
    expect(fields({ minimum_age: 'eighteen' })).toEqual(['minimum_age']);
    expect(fields({ status: 'open' })).toEqual(['status']);
    expect(fields({ referral_capacity: 'maybe' })).toEqual(['referral_capacity']);
    expect(fields({ online: 'sometimes' })).toEqual(['online']);
    expect(fields({ id: '42' })).toEqual(['id']);
    expect(fields({ location_name: 'Hall' })).toEqual(['postcode']);
    expect(fields({ schedule: 'Mondays' })).toEqual(['schedule']);
  });

  it('maps listing-document paths back to columns', () => {
    expect(csvColumnOf('locations.0.address.postal_code')).toBe('postcode');
    expect(csvColumnOf('locations.0.address.city')).toBe('city');
    expect(csvColumnOf('locations.0.name')).toBe('location_name');
    expect(csvColumnOf('phones.0.number')).toBe('phone');
    expect(csvColumnOf('url')).toBe('url');
    expect(csvColumnOf('schedules.1.byday')).toBe('schedule');
  });
});

describe('a row as a listing', () => {
  it('describes a new listing', () => {
    const input = listingFromRow(
      row({
        categories: 'food; carers',
        postcode: 'ne1 4xx',
        address_1: '1 Road',
        city: 'Town',
        confidential: 'yes',
        online: 'yes',
        phone: '0191 496 0000',
        area: 'Northshire',
        schedule: 'TU 10:00-11:00',
        notes: 'Not on bank holidays',
      }),
      'org-id',
      null,
    );
    expect(input).toMatchObject({
      organization_id: 'org-id',
      status: 'active',
      referral_capacity: 'open',
      taxonomy_term_ids: [categoryTermId('food'), categoryTermId('carers')],
      phones: [{ number: '0191 496 0000' }],
      service_areas: [{ name: 'Northshire' }],
      locations: [
        { location_type: 'physical', name: '1 Road', confidential: true, address: { postal_code: 'NE1 4XX' } },
        { location_type: 'virtual', name: 'Online' },
      ],
      schedules: [{ freq: 'WEEKLY', byday: 'TU', notes: 'Not on bank holidays' }],
    });
  });

  it('keeps ids and what the CSV cannot describe when it updates a listing', () => {
    const existing = {
      id: 's1',
      organization_id: 'org-id',
      name: 'Old',
      description: '',
      status: 'temporarily closed',
      referral_capacity: 'full',
      review_interval_months: 12,
      taxonomy_term_ids: [],
      phones: [
        { id: 'p1', number: '0191 000 0000', description: 'Office' },
        { id: 'p2', number: '0191 111 1111', description: 'Out of hours' },
      ],
      contacts: [{ id: 'c1', name: 'Sam' }],
      languages: [],
      cost_options: [],
      service_areas: [],
      locations: [
        {
          id: 'l1',
          location_type: 'physical',
          name: 'Hall',
          latitude: 54.9,
          longitude: -1.6,
          confidential: false,
          address: { address_1: '1 Road', city: 'Town', postal_code: 'NE1 4XX' },
          accessibility: ['Hearing loop'],
        },
      ],
      schedules: [{ id: 'h1', freq: 'WEEKLY', byday: 'TU', opens_at: '10:00', closes_at: '11:00', location_id: 'l1' }],
    } as unknown as Listing;
    const input = listingFromRow(
      row({
        id: 's1',
        name: 'New',
        phone: '0191 222 2222',
        postcode: 'NE1 4XX',
        address_1: '1 Road',
        city: 'Town',
        schedule: 'TU 10:00-11:00; TH 10:00-11:00',
      }),
      'org-id',
      existing,
    );
    expect(input).toMatchObject({
      id: 's1',
      name: 'New',
      status: 'temporarily closed',
      referral_capacity: 'full',
      review_interval_months: 12,
      contacts: [{ id: 'c1' }],
      phones: [
        { id: 'p1', number: '0191 222 2222', description: 'Office' },
        { id: 'p2', number: '0191 111 1111' },
      ],
      locations: [{ id: 'l1', latitude: 54.9, accessibility: ['Hearing loop'] }],
    });
    expect(input.schedules).toEqual([
      expect.objectContaining({ id: 'h1', byday: 'TU', location_id: 'l1' }),
      expect.objectContaining({ byday: 'TH', location_id: 'l1' }),
    ]);
  });
});
