import { describe, expect, it } from 'vitest';
import type { ReferralGroup } from './impact.repository.js';
import { figuresOf, firstOfMonthBefore, measureChangeRows, monthsBetween } from './impact-figures.js';

const group = (extra: Partial<ReferralGroup>): ReferralGroup => ({
  month: null,
  serviceId: null,
  byMonth: false,
  byService: false,
  own: false,
  referrals: 0,
  accepted: 0,
  answered: 0,
  medianReplyWorkingDays: null,
  signposts: 0,
  ...extra,
});

describe('the period', () => {
  it('lists every month, across a year end', () => {
    expect(monthsBetween('2025-11-15', '2026-02-01')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
    expect(monthsBetween('2026-03-01', '2026-03-31')).toEqual(['2026-03']);
  });

  it('starts the default year on the first of the month 11 months back', () => {
    expect(firstOfMonthBefore('2026-12-05', 11)).toBe('2026-01-01');
    expect(firstOfMonthBefore('2026-03-31', 11)).toBe('2025-04-01');
    expect(firstOfMonthBefore('2026-01-10', 0)).toBe('2026-01-01');
  });
});

describe('who sees which figures exactly', () => {
  const mixed = group({ referrals: 12, accepted: 6, answered: 7, medianReplyWorkingDays: 2.5, signposts: 3 });

  it('staff outside the records see counts rounded and a rate on 1–7 records as "*"', () => {
    expect(figuresOf({ kind: 'staff', ownPcnId: null }, mixed, undefined)).toEqual({
      referrals: 10,
      acceptedPercent: '*',
      medianReplyWorkingDays: '*',
      peopleAttended: 0,
      sessionsAttended: 0,
      signposts: '*',
      exact: false,
    });
  });

  it('a team sees its own PCN’s group exactly, and not one mixed with another PCN', () => {
    expect(figuresOf({ kind: 'staff', ownPcnId: 'p' }, { ...mixed, own: true }, undefined)).toMatchObject({
      referrals: 12,
      acceptedPercent: 86,
      medianReplyWorkingDays: 2.5,
      signposts: 3,
      exact: true,
    });
    expect(figuresOf({ kind: 'staff', ownPcnId: 'p' }, mixed, undefined).exact).toBe(false);
  });

  it('a partner sees its own referrals exactly but the teams’ signposts under the rule', () => {
    expect(figuresOf({ kind: 'partner' }, mixed, undefined)).toMatchObject({
      referrals: 12,
      signposts: '*',
      exact: true,
    });
  });

  it('counts outcome changes per indicator; exact only for the PCN’s own people', () => {
    const changes = [
      { pcnId: 'p', measure: 'swemwbs' as const, key: 'metric', label: '', direction: 'improved' as const },
      { pcnId: 'p', measure: 'swemwbs' as const, key: 'metric', label: '', direction: 'worsened' as const },
    ];
    const indicators = [{ measure: 'swemwbs' as const, key: 'metric', label: 'SWEMWBS' }];
    expect(measureChangeRows({ kind: 'staff', ownPcnId: 'p' }, changes, indicators)[0]).toMatchObject({
      people: 2,
      improved: 1,
      unchanged: 0,
      worsened: 1,
      exact: true,
    });
    expect(measureChangeRows({ kind: 'partner' }, changes, indicators)[0]).toMatchObject({
      people: '*',
      unchanged: 0,
      exact: false,
    });
  });
});
