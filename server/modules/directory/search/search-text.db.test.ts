import { beforeAll, describe, expect, it } from 'vitest';
import { createTestListing } from '../listings/test-listings.js';
import { ctx, idsOf, publicGet, search, setUpSearchTests, tenancy } from './test-directory-search.js';

// Free text in directory search: misspelt words, ranking, and the same answer from /oruk.

beforeAll(setUpSearchTests);

describe('free text', () => {
  it('still finds a service when the query is misspelt', async () => {
    const walking = await createTestListing(ctx.db, tenancy.icbId, { name: 'Brambleton Walking Group' });
    const befriending = await createTestListing(ctx.db, tenancy.icbId, {
      name: 'Brambleton Befriending Service',
      description: 'A volunteer phones you every week for a chat.',
    });

    const exact = await search({ text: 'walking group' });
    expect(idsOf(exact)).toContain(walking.id);

    const misspelt = await search({ text: 'walkng grup' });
    expect(idsOf(misspelt)[0]).toBe(walking.id);
    expect(idsOf(misspelt)).not.toContain(befriending.id);

    expect(idsOf(await search({ text: 'befriendng' }))).toContain(befriending.id);
    expect(idsOf(await search({ text: 'completely unrelated xylophone' }))).toEqual([]);
  });

  it('corrects misspelt words against the directory’s own words, so the best match still comes first', async () => {
    const walk = await createTestListing(ctx.db, tenancy.icbId, {
      name: 'Quillby Walk and Talk',
      description: 'A friendly walking group by the river.',
    });
    const recovery = await createTestListing(ctx.db, tenancy.icbId, {
      name: 'Quillby Recovery Group',
      description: 'Peer support for people cutting down on drinking.',
      taxonomy_term_ids: [],
    });
    // "walkng" is in no name: only the correction ("walking", from the description) finds it.
    const page = await search({ text: 'quillby walkng grup' });
    expect(page.corrected_text).toBe('quillby walking group');
    expect(idsOf(page)).toEqual([walk.id]);
    expect(idsOf(page)).not.toContain(recovery.id);
    // Words full-text search ignores filter nothing, and the correction still says them.
    const withThe = await search({ text: 'the quillby walkng grup' });
    expect(idsOf(withThe)).toEqual([walk.id]);
    expect(withThe.corrected_text).toBe('the quillby walking group');
    // Correctly spelt queries are not "corrected", nor one whose words match as typed ("walks"
    // is no word of the directory's, but its stem matches "walking").
    expect((await search({ text: 'quillby walking' })).corrected_text).toBeUndefined();
    const walks = await search({ text: 'quillby walks' });
    expect(idsOf(walks)).toEqual([walk.id]);
    expect(walks.corrected_text).toBeUndefined();
  });

  it('ranks a name match above a description match', async () => {
    const named = await createTestListing(ctx.db, tenancy.icbId, {
      name: 'Fennick Pottery Workshop',
      description: 'Make things from clay.',
    });
    const described = await createTestListing(ctx.db, tenancy.icbId, {
      name: 'Fennick Craft Club',
      description: 'Knitting, sewing and sometimes a pottery session.',
    });
    const ids = idsOf(await search({ text: 'pottery' }));
    expect(ids.indexOf(named.id)).toBeGreaterThanOrEqual(0);
    expect(ids.indexOf(named.id)).toBeLessThan(ids.indexOf(described.id));
  });
});

describe('one search for the directory pages and /oruk', () => {
  it('matches the same services for the same words, misspelt or not', async () => {
    const pottery = await createTestListing(ctx.db, tenancy.icbId, {
      name: 'Garrow Pottery Workshop',
      description: 'Make things from clay.',
    });
    // "potter" is not "pottery": full text (stemmed) tells them apart. The old /oruk rule also
    // took any word trigram-similar to a word of the text, so it found this one too.
    await createTestListing(ctx.db, tenancy.icbId, {
      name: 'Garrow Wheel Club',
      description: 'Learn to throw on a potter’s wheel.',
    });
    const both = async (text: string) => {
      const pages = idsOf(await search({ text }));
      const res = await publicGet(`/oruk/services?search=${encodeURIComponent(text)}`);
      expect(res.statusCode).toBe(200);
      expect(res.json().contents.map((c: { id: string }) => c.id)).toEqual(pages);
      return pages;
    };
    expect(await both('garrow pottery')).toEqual([pottery.id]);
    expect(await both('garrow poterry')).toEqual([pottery.id]);
    expect(await both('garrow xylophone')).toEqual([]);
  });
});
