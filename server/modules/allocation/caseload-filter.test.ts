import { describe, expect, it } from 'vitest';
import { caseloadSearch, type ShowFacts, showsCase } from './caseload-filter.js';

const ada = {
  id: '3f9ac21b-0000-4000-8000-000000000001',
  givenName: 'Ada',
  familyName: 'Lovelace',
  nhsNumber: '9998765439',
};
const bo = { id: 'aa11bb22-0000-4000-8000-000000000002', givenName: 'Bo', familyName: 'Diddley', nhsNumber: null };
const found = (text: string) => [ada, bo].filter((c) => caseloadSearch(text)?.(c)).map((c) => c.givenName);

describe('caseloadSearch', () => {
  it('finds by words of the name in any order and case', () => {
    expect(found('lovelace ADA')).toEqual(['Ada']);
    expect(found('ada diddley')).toEqual([]);
  });
  it('finds by NHS number with spaces, and by the reference read out on the phone', () => {
    expect(found('999 876 5439')).toEqual(['Ada']);
    expect(found('wm-3f9a-c21b')).toEqual(['Ada']);
  });
  it('is no search at all when there is nothing but spaces', () => {
    expect(caseloadSearch('   ')).toBeNull();
    expect(caseloadSearch(undefined)).toBeNull();
  });
});

describe('showsCase', () => {
  const plain: ShowFacts = { status: 'active', coverKind: null, firstContactDue: 'made' };
  const waiting: ShowFacts = { status: 'allocated', coverKind: null, firstContactDue: 'overdue' };
  const cover: ShowFacts = { ...plain, coverKind: 'covering', planReviewDue: 'overdue' };
  const booked: ShowFacts = { ...plain, nextContactOverdue: true, planReviewDue: 'due' };
  const all = { plain, waiting, cover, booked };
  const shown = (show: Parameters<typeof showsCase>[0]) =>
    Object.entries(all)
      .filter(([, c]) => showsCase(show, c))
      .map(([k]) => k);

  it('shows what is asked: waiting, under way, covering, overdue of any kind', () => {
    expect(shown('waiting')).toEqual(['waiting']);
    expect(shown('under_way')).toEqual(['plain', 'cover', 'booked']);
    expect(shown('covering')).toEqual(['cover']);
    expect(shown('overdue')).toEqual(['waiting', 'cover', 'booked']);
    expect(shown('all')).toEqual(['plain', 'waiting', 'cover', 'booked']);
  });
});
