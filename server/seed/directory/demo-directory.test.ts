import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SOCIAL_PRESCRIBING_CATEGORIES } from '../../../common/directory.js';
import { normalisePostcode } from '../../../common/postcode.js';
import { categoryTermId, parseListing } from '../../modules/directory/listings/listings.service.js';
import { listingFromOruk, parseOrukDocument } from '../../modules/directory/oruk/service-document-read.js';
import { readDemoServiceFiles } from './demo-directory.js';
import { demoId } from './demo-ids.js';
import { DEMO_ORGANISATIONS, demoOrganisationId, type OrganisationKey } from './demo-organisations.js';
import { livePostcodes, ONSPD_SAMPLE_PATH, readOnspdSample } from './onspd-sample.js';

const rows = readOnspdSample();
const live = livePostcodes(rows);

describe('the synthetic ONSPD sample', () => {
  it('has the ONSPD header Waymark reads', () => {
    const header = readFileSync(ONSPD_SAMPLE_PATH, 'utf8').split('\n')[0];
    expect(header).toBe('pcd,pcd2,pcds,dointr,doterm,lat,long,lsoa21');
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

describe('the demo directory documents (services/*.json)', () => {
  const files = readDemoServiceFiles();
  const documents = files.flatMap((f) => f.services);
  const listings = documents.map((raw) => {
    const parsed = parseOrukDocument(raw);
    if (!('doc' in parsed)) throw new Error(`${raw.name}: ${JSON.stringify(parsed.errors)}`);
    const mapped = listingFromOruk(parsed.doc, parsed.doc.organization_id as string, null);
    if (!('input' in mapped)) throw new Error(`${raw.name}: ${JSON.stringify(mapped.errors)}`);
    return mapped.input;
  });
  const codeOf = new Map(SOCIAL_PRESCRIBING_CATEGORIES.map((c) => [categoryTermId(c.code), c.code]));

  it('are about 150 services with distinct names and ids, each of a demo organisation', () => {
    expect(listings.length).toBeGreaterThanOrEqual(140);
    expect(listings.length).toBeLessThanOrEqual(170);
    expect(new Set(listings.map((l) => l.name)).size).toBe(listings.length);
    expect(new Set(listings.map((l) => l.id)).size).toBe(listings.length);
    const organisations = new Set(Object.keys(DEMO_ORGANISATIONS).map((k) => demoOrganisationId(k as OrganisationKey)));
    for (const l of listings) expect(organisations.has(l.organization_id), l.name).toBe(true);
  });

  it('each reads as an ORUK document and passes the listing schema the writer enforces', () => {
    for (const l of listings) expect(() => parseListing(l), l.name).not.toThrow();
  });

  it('use every category, 1 to 3 per service', () => {
    const used = new Set(listings.flatMap((l) => l.taxonomy_term_ids.map((id) => codeOf.get(id))));
    expect([...used].sort()).toEqual(SOCIAL_PRESCRIBING_CATEGORIES.map((c) => c.code).sort());
    for (const l of listings) {
      expect(l.taxonomy_term_ids.length).toBeGreaterThanOrEqual(1);
      expect(l.taxonomy_term_ids.length).toBeLessThanOrEqual(3);
    }
  });

  it('place every physical location at a live sample postcode, with its coordinates', () => {
    for (const l of listings) {
      for (const loc of l.locations.filter((x) => x.location_type === 'physical')) {
        const centroid = live.get(loc.address?.postal_code ?? '');
        expect(centroid, `${l.name}: ${loc.address?.postal_code}`).toBeDefined();
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

  it('mix schedules, access, status and Waymark’s own fields the way a real directory does', () => {
    const schedules = listings.flatMap((l) => l.schedules);
    expect(schedules.some((s) => s.freq === 'MONTHLY' && s.byday === '1TU')).toBe(true);
    expect(schedules.some((s) => s.notes === 'Closed on bank holidays')).toBe(true);
    expect(listings.some((l) => new Set(l.schedules.map((s) => s.byday)).size < l.schedules.length)).toBe(true);
    const confidential = listings.filter((l) => l.locations.some((x) => x.confidential));
    expect(confidential.length).toBeGreaterThanOrEqual(2);
    for (const l of confidential) for (const x of l.locations) if (x.confidential) expect(x.address).toBeTruthy();
    expect(
      listings.filter((l) => l.locations.length === 0 || l.locations.every((x) => x.location_type === 'virtual'))
        .length,
    ).toBeGreaterThanOrEqual(5);
    expect(listings.filter((l) => l.status === 'temporarily closed').length).toBeGreaterThanOrEqual(2);
    expect(listings.filter((l) => l.status === 'inactive').length).toBeGreaterThanOrEqual(1);
    expect(listings.filter((l) => l.referral_capacity === 'waiting_list').length).toBeGreaterThanOrEqual(5);
    expect(listings.filter((l) => l.referral_capacity === 'full').length).toBeGreaterThanOrEqual(2);
    expect(listings.every((l) => l.review_interval_months === 6)).toBe(true);
    const languages = new Set(listings.flatMap((l) => l.languages.map((x) => x.code)));
    for (const code of ['en', 'pl', 'ur', 'ar', 'bfi']) expect(languages).toContain(code);
  });

  it('say when each listing was last verified, leaving 15 to 25 due for review', () => {
    for (const f of files) {
      expect(Object.keys(f.demo_verified_days_ago).sort()).toEqual(f.services.map((s) => s.name).sort());
    }
    const days = files.flatMap((f) => Object.values(f.demo_verified_days_ago));
    const due = days.filter((d) => d === null || d > 184);
    expect(due.length).toBeGreaterThanOrEqual(15);
    expect(due.length).toBeLessThanOrEqual(25);
  });

  it('derive the same ids every time', () => {
    expect(demoId('service:x')).toBe(demoId('service:x'));
    expect(demoId('service:x')).not.toBe(demoId('service:y'));
    expect(demoId('service:x')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(readDemoServiceFiles()).toEqual(files);
  });
});
