import { describe, expect, it } from 'vitest';
import type { DirectorySearchResult } from '../../../common/directory';
import {
  formatAges,
  formatCount,
  formatDate,
  formatDistance,
  safeHref,
  shortDescription,
  telHref,
  todayInLondon,
  whereText,
} from './directory-format';

describe('directory wording', () => {
  it('says how far away a service is', () => {
    expect(formatDistance(0.84)).toBe('0.8 miles away');
    expect(formatDistance(1)).toBe('1 mile away');
    expect(formatDistance(0.04)).toBe('Less than 0.1 miles away');
    expect(formatDistance(12.4)).toBe('12 miles away');
  });

  it('writes calendar dates the NHS way, whatever the time zone', () => {
    expect(formatDate('2026-05-01')).toBe('1 May 2026');
    expect(formatDate('not a date')).toBe('not a date');
  });

  it('takes today in England, not UTC', () => {
    // 23:30 UTC on 30 June is 00:30 on 1 July in London (summer time).
    expect(todayInLondon(new Date('2026-06-30T23:30:00Z'))).toBe('2026-07-01');
  });

  it('describes age ranges', () => {
    expect(formatAges(null, null)).toBe('All ages');
    expect(formatAges(18, null)).toBe('18 and over');
    expect(formatAges(null, 25)).toBe('Up to 25');
    expect(formatAges(16, 25)).toBe('16 to 25');
  });

  it('counts results', () => {
    expect(formatCount(0)).toBe('No services found');
    expect(formatCount(1)).toBe('1 service found');
    expect(formatCount(1200)).toBe('1,200 services found');
  });

  it('shortens a long description at a word', () => {
    const text = `${'word '.repeat(60)}end`;
    const short = shortDescription(text, 50);
    expect(short.length).toBeLessThanOrEqual(51);
    expect(short.endsWith('word…')).toBe(true);
    expect(shortDescription('Short and sweet.')).toBe('Short and sweet.');
  });

  it('follows only web links, and dials only digits', () => {
    expect(safeHref('www.example.org')).toBe('https://www.example.org/');
    expect(safeHref('javascript:alert(1)')).toBeNull();
    expect(telHref('0113 496 0000')).toBe('tel:01134960000');
  });
});

describe('where a result is', () => {
  const result = (over: Partial<DirectorySearchResult>): DirectorySearchResult => ({
    id: 's1',
    name: 'Walk and talk',
    organization_name: 'Green Steps',
    description: 'A gentle walk.',
    status: 'active',
    referral_capacity: 'open',
    categories: [],
    where: { name: 'Park', city: 'Leeds', postal_code: 'LS1 4AP' },
    area_wide: false,
    confidential_location: false,
    distance_miles: null,
    opening: [],
    assured_date: null,
    review_due: true,
    last_modified: '2026-01-01T00:00:00Z',
    ...over,
  });

  it('puts the distance first when a postcode was given', () => {
    expect(whereText(result({ distance_miles: 0.84 }))).toBe('0.8 miles away – Leeds, LS1 4AP');
  });

  it('names the town without a distance', () => {
    expect(whereText(result({}))).toBe('Leeds, LS1 4AP');
  });

  it('says when a service is online or across the area', () => {
    expect(whereText(result({ where: null, area_wide: true }))).toBe('Online or by phone');
    expect(whereText(result({ where: null, area_wide: true, confidential_location: true }))).toBe(
      'Confidential location: address given on referral',
    );
    expect(whereText(result({ area_wide: true }))).toBe('Available across the area – Leeds, LS1 4AP');
    expect(whereText(result({ where: null }))).toBeNull();
  });
});
