import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { directoryServices } from '../directory.tables.js';
import { categoryTermId, loadListing } from '../listings/listings.service.js';
import { admin, ctx, HEADER, importCsv, metadataCount, setUpTransferTests, tenancy } from './test-transfer.js';

// Importing the directory CSV: rows, columns, matching and the template.
setUpTransferTests();

describe('CSV import', () => {
  it('reports each bad row with its line and column, imports nothing of it, and imports the good rows', async () => {
    const tag = randomUUID().slice(0, 6);
    const csv = [
      HEADER,
      `,Jesmond Art Club ${tag},1100001,Painting for Pleasure ${tag},"Watercolour, acrylics and good company",arts-culture,active,open,18,,0191 496 0101,art@example.org,https://example.org/art,Jesmond Library,St George's Terrace,Newcastle upon Tyne,ne1 4xx,no,no,,"WE 14:00-16:00; 1FR 18:00-20:00",Not on bank holidays`,
      `,Jesmond Art Club ${tag},,Bad Postcode ${tag},,arts-culture,active,open,,,,,,Hall,1 Road,Newcastle,XX99,no,no,,,`,
      `,Jesmond Art Club ${tag},,Unknown Category ${tag},,arts-culture;basket-weaving,active,open,,,,,,,,,,no,no,,,`,
      `,Jesmond Art Club ${tag},,Ages Upside Down ${tag},,,active,open,65,18,,,,,,,,no,no,,,`,
      `,Jesmond Art Club ${tag},,,A row without a name,,active,open,,,,,,,,,,no,no,,,`,
      `,Heaton Cyclists ${tag},,Bike Club ${tag},Saturday rides,sport-physical-activity,,waiting_list,,,,,,,,,,no,yes,Newcastle,SA 09:30-12:00,`,
    ].join('\n');
    const res = await importCsv(csv);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ created: 2, updated: 0, unchanged: 0 });
    expect(body.errors).toEqual([
      { line: 3, field: 'postcode', message: expect.stringContaining('UK postcode') },
      { line: 4, field: 'categories', message: expect.stringContaining('basket-weaving') },
      { line: 5, field: 'maximum_age', message: expect.any(String) },
      { line: 6, field: 'name', message: expect.any(String) },
    ]);

    const stored = await ctx.db.select().from(directoryServices).where(eq(directoryServices.icbId, tenancy.icbId));
    const names = stored.map((s) => s.name);
    expect(names).toEqual(expect.arrayContaining([`Painting for Pleasure ${tag}`, `Bike Club ${tag}`]));
    for (const bad of ['Bad Postcode', 'Unknown Category', 'Ages Upside Down'])
      expect(names).not.toContain(`${bad} ${tag}`);

    const painting = stored.find((s) => s.name === `Painting for Pleasure ${tag}`);
    const listing = await loadListing(ctx.db, painting?.id as string);
    expect(listing).toMatchObject({
      description: 'Watercolour, acrylics and good company',
      minimum_age: 18,
      phones: [{ number: '0191 496 0101' }],
      taxonomy_term_ids: [categoryTermId('arts-culture')],
      locations: [{ location_type: 'physical', name: 'Jesmond Library', address: { postal_code: 'NE1 4XX' } }],
    });
    expect(listing?.schedules.map((s) => [s.freq, s.byday, s.opens_at, s.closes_at, s.notes]).sort()).toEqual([
      ['MONTHLY', '1FR', '18:00', '20:00', 'Not on bank holidays'],
      ['WEEKLY', 'WE', '14:00', '16:00', 'Not on bank holidays'],
    ]);
    const bikes = await loadListing(ctx.db, stored.find((s) => s.name === `Bike Club ${tag}`)?.id as string);
    expect(bikes).toMatchObject({
      referral_capacity: 'waiting_list',
      locations: [{ location_type: 'virtual', name: 'Online' }],
      service_areas: [{ name: 'Newcastle' }],
    });
  });

  it('updates the listing named by the id column, idempotently, and matches organisations by charity number', async () => {
    const id = randomUUID();
    const tag = id.slice(0, 6);
    const row = (name: string, org: string) =>
      `${id},${org},2200002,${name},Tea and a chat,befriending-social-groups,active,open,,,,,,Church Hall,2 Vicarage Road,Gateshead,NE1 4XX,yes,no,,"TU 10:00-11:30",`;
    const first = await importCsv(`${HEADER}\n${row(`Tuesday Cuppa ${tag}`, `Gateshead Friends ${tag}`)}`);
    expect(first.json()).toMatchObject({ created: 1, updated: 0, unchanged: 0, errors: [] });
    const created = await loadListing(ctx.db, id);
    expect(created?.locations[0]).toMatchObject({ confidential: true, address: { address_1: '2 Vicarage Road' } });
    const history = await metadataCount(id);

    const again = await importCsv(`${HEADER}\n${row(`Tuesday Cuppa ${tag}`, `Gateshead Friends ${tag}`)}`);
    expect(again.json()).toMatchObject({ created: 0, updated: 0, unchanged: 1, errors: [] });
    expect(await metadataCount(id)).toBe(history);

    // Another spelling of the organisation, same charity number: the same organisation.
    const renamed = await importCsv(`${HEADER}\n${row(`Tuesday Cuppa Club ${tag}`, `Gateshead Friends CIO ${tag}`)}`);
    expect(renamed.json()).toMatchObject({ created: 0, updated: 1, unchanged: 0, errors: [] });
    const updated = await loadListing(ctx.db, id);
    expect(updated).toMatchObject({ name: `Tuesday Cuppa Club ${tag}`, organization_id: created?.organization_id });
    expect(updated?.locations[0]?.id).toBe(created?.locations[0]?.id);
    expect(updated?.schedules[0]?.id).toBe(created?.schedules[0]?.id);
  });

  it('the same sheet without ids, imported twice, changes nothing the second time (organisation + name + postcode)', async () => {
    const tag = randomUUID().slice(0, 6);
    const sheet = [
      HEADER,
      `,Walker Gardeners ${tag},,Seed Swap ${tag},Swap seeds and tips,,active,open,,,,,https://example.org/seeds,Walker Library,Welbeck Road,Newcastle upon Tyne,NE1 4XX,no,no,,"SA 10:00-12:00",`,
      `,Walker Gardeners ${tag},,Phone Tips ${tag},Gardening advice by phone,,active,open,,,0191 496 0102,,,,,,,no,no,,,`,
    ].join('\n');
    const first = await importCsv(sheet);
    expect(first.json()).toMatchObject({ created: 2, updated: 0, unchanged: 0, errors: [] });
    const second = await importCsv(sheet);
    expect(second.json()).toMatchObject({ created: 0, updated: 0, unchanged: 2, errors: [] });
    const named = await ctx.db.select().from(directoryServices).where(eq(directoryServices.icbId, tenancy.icbId));
    expect(named.filter((x) => x.name === `Seed Swap ${tag}`)).toHaveLength(1);
    expect(named.filter((x) => x.name === `Phone Tips ${tag}`)).toHaveLength(1);
  });

  it('gives all of a row’s errors at once, its own and the listing’s, and refuses an http:// web address', async () => {
    const tag = randomUUID().slice(0, 6);
    // A bad category (the row's own check) and a bad email (the listing's check) in one row.
    const row = `,Byker Club ${tag},,Chess ${tag},Chess for all,basket-weaving,active,open,,,,not-an-email,http://example.org/chess,,,,,no,no,,,`;
    const res = await importCsv(`${HEADER}\n${row}`);
    expect(res.json().created).toBe(0);
    expect(res.json().errors).toEqual(
      expect.arrayContaining([
        { line: 2, field: 'categories', message: expect.stringContaining('basket-weaving') },
        { line: 2, field: 'url', message: 'must be a web address starting https://' },
        { line: 2, field: 'email', message: expect.stringContaining('correct format') },
      ]),
    );
  });

  it('refuses a file with an unknown column (400 naming it) and stores nothing', async () => {
    const before = (await ctx.db.select().from(directoryServices)).length;
    const res = await importCsv(`name,organization_name,favourite_colour\nA,B,blue`);
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([expect.objectContaining({ field: 'favourite_colour' })]);
    expect((await ctx.db.select().from(directoryServices)).length).toBe(before);
  });

  it('takes text/csv on the CSV import only, up to 5 MB', async () => {
    const elsewhereCsv = await ctx.app.inject({
      method: 'POST',
      url: '/api/directory/import/oruk',
      headers: { ...admin.headers, 'content-type': 'text/csv' },
      payload: `${HEADER}\n`,
    });
    expect(elsewhereCsv.statusCode).toBe(415);
    const huge = await importCsv(`${HEADER}\n${'x'.repeat(5 * 1024 * 1024)}`);
    expect(huge.statusCode).toBe(413);
  });

  it('offers a template whose header is the documented column list', async () => {
    const res = await ctx.app.inject({
      method: 'GET',
      url: '/api/directory/import/csv-template',
      headers: { cookie: admin.cookie },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.body.split('\r\n')[0]).toBe(HEADER);
    // The template's example row imports cleanly.
    const imported = await importCsv(res.body);
    expect(imported.json()).toMatchObject({ created: 1, errors: [] });
  });
});

describe('the OpenAPI document', () => {
  it('shows each download with its media type, and the JSON answers with their properties', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(res.statusCode).toBe(200);
    type Operation = { responses: Record<string, { content: Record<string, { schema: Record<string, unknown> }> }> };
    const paths = res.json().paths as Record<string, Record<string, Operation>>;
    const ok = (path: string, method = 'get') => paths[path]?.[method]?.responses['200']?.content ?? {};
    expect(ok('/api/directory/import/csv-template')).toEqual({
      'text/csv': { schema: expect.objectContaining({ type: 'string' }) },
    });
    expect(ok('/api/directory/export/oruk')['application/json']?.schema).toMatchObject({ type: 'string' });
    expect(Object.keys(ok('/api/directory/import/csv', 'post')['application/json']?.schema.properties ?? {})).toEqual(
      expect.arrayContaining(['created', 'updated', 'unchanged', 'possible_duplicates', 'errors']),
    );
  });
});
