import { describe, expect, it } from 'vitest';
import { REFERRAL_STATUSES, type ReferralStatus } from '../../../common/referrals.js';
import { allowedFrom, CASELOAD_STATUSES, canMove, OPEN_STATUSES } from './lifecycle.js';

const ALLOWED: [ReferralStatus, ReferralStatus][] = [
  ['received', 'triaged'],
  ['triaged', 'triaged'],
  ['received', 'declined'],
  ['received', 'redirected'],
  ['triaged', 'allocated'],
  ['triaged', 'declined'],
  ['triaged', 'redirected'],
  ['allocated', 'allocated'],
  ['allocated', 'first_contact'],
  ['allocated', 'declined'],
  ['allocated', 'not_contactable'],
  ['first_contact', 'active'],
  ['active', 'active'],
  ['first_contact', 'discharged'],
  ['active', 'discharged'],
];

describe('referral lifecycle', () => {
  it('allows exactly the listed moves', () => {
    const allowed = new Set(ALLOWED.map(([a, b]) => `${a}→${b}`));
    for (const from of REFERRAL_STATUSES) {
      for (const to of REFERRAL_STATUSES) {
        expect([`${from}→${to}`, canMove(from, to)]).toEqual([`${from}→${to}`, allowed.has(`${from}→${to}`)]);
      }
    }
  });

  it('never reopens a closed referral', () => {
    for (const closed of ['declined', 'redirected', 'not_contactable', 'discharged'] as const) {
      for (const to of REFERRAL_STATUSES) expect(canMove(closed, to)).toBe(false);
    }
  });
});

describe('status groups', () => {
  it('lists, for a target status, exactly the statuses that may move to it', () => {
    for (const to of REFERRAL_STATUSES) {
      expect([to, [...allowedFrom(to)].sort()]).toEqual([
        to,
        ALLOWED.filter(([, b]) => b === to)
          .map(([a]) => a)
          .sort(),
      ]);
    }
  });

  it('counts as open work every status before a closing one', () => {
    expect([...OPEN_STATUSES].sort()).toEqual(['active', 'allocated', 'first_contact', 'received', 'triaged']);
  });

  it("counts towards a worker's caseload only what is allocated to someone and not closed", () => {
    expect([...CASELOAD_STATUSES].sort()).toEqual(['active', 'allocated', 'first_contact']);
  });
});
