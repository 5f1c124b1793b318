import { describe, expect, it } from 'vitest';
import type { CaseloadItem } from '../../../common/front-door-types';
import { filterCaseload } from './caseload-filter';

const item = (over: Partial<CaseloadItem> & { id: string }): CaseloadItem => ({
  version: 1,
  person: { givenName: 'Ada', familyName: 'Lovelace', nhsNumber: '9998765439', dateOfBirth: '1950-01-01' },
  reasons: [],
  priority: 'routine',
  status: 'active',
  statusLabel: 'Support under way',
  safeguardingConcern: false,
  allocatedAt: null,
  firstContactDueAt: null,
  firstContactAt: null,
  firstContactDue: 'made',
  cover: null,
  planReview: { on: null, due: 'none' },
  latestScores: [],
  lastContactAt: null,
  nextContact: null,
  ...over,
});

const ada = item({ id: '3f9ac21b-0000-4000-8000-000000000001' });
const bo = item({
  id: 'aa11bb22-0000-4000-8000-000000000002',
  person: { givenName: 'Bo', familyName: 'Diddley', nhsNumber: null, dateOfBirth: '1960-01-01' },
  status: 'allocated',
  firstContactDue: 'overdue',
});
const cy = item({
  id: 'cc33dd44-0000-4000-8000-000000000003',
  person: { givenName: 'Cy', familyName: 'Twombly', nhsNumber: '9991234560', dateOfBirth: '1970-01-01' },
  cover: { kind: 'covering', worker: { id: 'w', name: 'Colleague' } },
  planReview: { on: '2026-01-01', due: 'overdue' },
});
const all = [ada, bo, cy];
const ids = (xs: CaseloadItem[]) => xs.map((x) => x.person.givenName);

describe('filterCaseload', () => {
  it('finds by words of the name in any order and case', () => {
    expect(ids(filterCaseload(all, 'lovelace ADA', 'all'))).toEqual(['Ada']);
  });
  it('finds by NHS number with spaces, and by the reference read out on the phone', () => {
    expect(ids(filterCaseload(all, '999 876 5439', 'all'))).toEqual(['Ada']);
    expect(ids(filterCaseload(all, 'wm-3f9a-c21b', 'all'))).toEqual(['Ada']);
  });
  it('shows what is asked: waiting, under way, covering, overdue of any kind', () => {
    expect(ids(filterCaseload(all, '', 'waiting'))).toEqual(['Bo']);
    expect(ids(filterCaseload(all, '', 'under_way'))).toEqual(['Ada', 'Cy']);
    expect(ids(filterCaseload(all, '', 'covering'))).toEqual(['Cy']);
    expect(ids(filterCaseload(all, '', 'overdue'))).toEqual(['Bo', 'Cy']);
    expect(ids(filterCaseload(all, '', 'all'))).toEqual(['Ada', 'Bo', 'Cy']);
  });
});
