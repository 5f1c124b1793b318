import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SOCIAL_PRESCRIBING_CATEGORIES } from '../../../common/directory.js';
import { normalisePostcode } from '../../../common/postcode.js';
import { parseListing } from '../../modules/directory/listings/listings.service.js';
import { ALL_DEMO_SERVICES, buildDemoListing, demoAssuredDaysAgo } from './demo-builders.js';
import { demoId } from './demo-ids.js';
import { DEMO_VENUES } from './demo-venues.js';
import { livePostcodes, ONSPD_SAMPLE_PATH, readOnspdSample } from './onspd-sample.js';

const rows = readOnspdSample();
const live = livePostcodes(rows);

describe('the synthetic ONSPD sample', () => {
  it('has the ONSPD header Waymark reads', () => {
    const header = readFileSync(ONSPD_SAMPLE_PATH, 'utf8').split('\n')[0];
    expect(header).toBe('pcd,pcd2,pcds,dointr,doterm,lat,long');
  });

  it('has about 250 distinct postcodes, each already in normalised form', () => {
    expect(rows.length).toBeGreaterThanOrEqual(240);
    expect(rows.length).toBeLessThanOrEqual(270);
    expect(new Set(rows.map((r) => r.pcds)).size).toBe(rows.length);
    for (const r of rows) expect(normalisePostcode(r.pcds)).toBe(r.pcds);
  });

  it('pads pcd to 7 and pcd2 to 8 characters as ONSPD does', () => {
    for (const r of rows) {
      const [outward, inward] = r.pcds.split(' ') as [string, string];
      expect(r.pcd).toHaveLength(7);
      expect(r.pcd2).toHaveLength(8);
      expect(r.pcd).toBe(outward.padEnd(4, ' ').slice(0, 4) + inward);
      expect(r.pcd2).toBe(outward.padEnd(5, ' ') + inward);
      expect(normalisePostcode(r.pcd)).toBe(r.pcds);
      expect(normalisePostcode(r.pcd2)).toBe(r.pcds);
    }
    expect(rows.find((r) => r.pcds === 'DL11 6QR')?.pcd).toBe('DL116QR');
    expect(rows.find((r) => r.pcds === 'NE1 4XX')?.pcd2).toBe('NE1  4XX');
  });

  it('has WGS84 coordinates in the north of England with 6 decimals, and YYYYMM dates', () => {
    for (const r of rows) {
      expect(r.lat).toMatch(/^\d{2}\.\d{6}$/);
      expect(r.long).toMatch(/^-\d\.\d{6}$/);
      expect(Number(r.lat)).toBeGreaterThan(54);
      expect(Number(r.lat)).toBeLessThan(55.1);
      expect(Number(r.long)).toBeGreaterThan(-2.1);
      expect(Number(r.long)).toBeLessThan(-0.9);
      expect(r.dointr).toMatch(/^(19[89]\d|20[0-2]\d)(0[1-9]|1[0-2])$/);
      expect(r.doterm).toMatch(/^$|^20\d{2}(0[1-9]|1[0-2])$/);
    }
  });

  it('marks a few postcodes terminated and leaves them out of the live set', () => {
    const terminated = rows.filter((r) => r.doterm !== '');
    expect(terminated.length).toBeGreaterThanOrEqual(2);
    expect(terminated.length).toBeLessThanOrEqual(3);
    for (const r of terminated) expect(live.has(r.pcds)).toBe(false);
    expect(live.size).toBe(rows.length - terminated.length);
  });

  it('covers every postcode the demo referrals use', () => {
    // The people in server/seed/demo-referrals.ts.
    const referralPostcodes = ['NE1 4XX', 'NE2 1AB', 'NE3 2CD', 'NE4 5EF', 'NE6 3GH', 'NE1 7JK'];
    referralPostcodes.push('DL8 1LM', 'DL8 2NP', 'DL11 6QR', 'TS5 4ST', 'TS7 8UV', 'TS6 1WX');
    for (const p of referralPostcodes) expect(live.has(p), p).toBe(true);
  });
});

describe('the demo directory documents', () => {
  const listings = ALL_DEMO_SERVICES.map((spec) => buildDemoListing(spec, live));

  it('are about 150 services with distinct names and ids', () => {
    expect(listings.length).toBeGreaterThanOrEqual(140);
    expect(listings.length).toBeLessThanOrEqual(170);
    expect(new Set(listings.map((l) => l.name)).size).toBe(listings.length);
    expect(new Set(listings.map((l) => l.id)).size).toBe(listings.length);
  });

  it('each passes the listing schema the writer enforces', () => {
    for (const l of listings) expect(() => parseListing(l), l.name).not.toThrow();
  });

  it('use every category, 1 to 3 per service', () => {
    const used = new Set(ALL_DEMO_SERVICES.flatMap((s) => s.categories));
    expect([...used].sort()).toEqual(SOCIAL_PRESCRIBING_CATEGORIES.map((c) => c.code).sort());
    for (const s of ALL_DEMO_SERVICES) {
      expect(s.categories.length).toBeGreaterThanOrEqual(1);
      expect(s.categories.length).toBeLessThanOrEqual(3);
    }
  });

  it('place every venue at a live sample postcode, with its coordinates', () => {
    for (const v of Object.values(DEMO_VENUES)) expect(live.has(v.postal_code), v.postal_code).toBe(true);
    for (const l of listings) {
      for (const loc of l.locations.filter((x) => x.location_type === 'physical')) {
        const centroid = live.get(loc.address?.postal_code ?? '');
        expect(loc.latitude).toBe(centroid?.latitude);
        expect(loc.longitude).toBe(centroid?.longitude);
      }
    }
  });

  it('use only fictional contact details (Ofcom drama numbers, example.org)', () => {
    for (const l of listings) {
      for (const p of l.phones) expect(p.number).toMatch(/^(0191 496 0\d{3}|01632 960\d{3})$/);
      expect(l.email).toMatch(/@example\.org$/);
      expect(l.url).toMatch(/^https:\/\/example\.org\//);
    }
  });

  it('mix schedules, access and status the way a real directory does', () => {
    const schedules = listings.flatMap((l) => l.schedules);
    expect(schedules.some((s) => s.freq === 'MONTHLY' && s.byday === '1TU')).toBe(true);
    expect(schedules.some((s) => s.notes === 'Closed on bank holidays')).toBe(true);
    expect(listings.some((l) => new Set(l.schedules.map((s) => s.byday)).size < l.schedules.length)).toBe(true);
    expect(listings.filter((l) => l.locations.some((x) => x.confidential)).length).toBeGreaterThanOrEqual(2);
    expect(
      listings.filter((l) => l.locations.length === 0 || l.locations.every((x) => x.location_type === 'virtual'))
        .length,
    ).toBeGreaterThanOrEqual(5);
    expect(listings.filter((l) => l.status === 'temporarily closed').length).toBeGreaterThanOrEqual(2);
    expect(listings.filter((l) => l.status === 'inactive').length).toBeGreaterThanOrEqual(1);
    expect(listings.filter((l) => l.referral_capacity === 'waiting_list').length).toBeGreaterThanOrEqual(5);
    expect(listings.filter((l) => l.referral_capacity === 'full').length).toBeGreaterThanOrEqual(2);
    const languages = new Set(listings.flatMap((l) => l.languages.map((x) => x.code)));
    for (const code of ['en', 'pl', 'ur', 'ar', 'bfi']) expect(languages).toContain(code);
  });

  it('leave 15 to 25 services due for review (verified over 6 months ago or never)', () => {
    const due = ALL_DEMO_SERVICES.filter((s, i) => {
      const days = demoAssuredDaysAgo(s, i);
      return days === null || days > 184;
    });
    expect(due.length).toBeGreaterThanOrEqual(15);
    expect(due.length).toBeLessThanOrEqual(25);
  });

  it('derive the same ids every time', () => {
    expect(demoId('service:x')).toBe(demoId('service:x'));
    expect(demoId('service:x')).not.toBe(demoId('service:y'));
    expect(demoId('service:x')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const again = ALL_DEMO_SERVICES.map((spec) => buildDemoListing(spec, live));
    expect(again).toEqual(listings);
  });
});
