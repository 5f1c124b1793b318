import { describe, expect, it } from 'vitest';
import { ZOrukServiceAtLocationsQuery, ZOrukServicesQuery } from './oruk.schemas.js';
import { pageOf } from './oruk.service.js';

// The Page envelope and the query parameters of the /oruk lists.

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
