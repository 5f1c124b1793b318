import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../config.js';
import { addDays, type CaseFacts, dueTasks, dueTasksFor } from './due-tasks.js';

const TODAY = '2026-03-10';
const base: CaseFacts = {
  referralId: 'r1',
  pcnId: 'p1',
  status: 'allocated',
  allocatedWorkerId: 'tom',
  coverWorkerId: null,
  firstContactDueOn: null,
  firstContactOn: null,
  lastAttendedContactOn: null,
  planReviewOn: null,
};
const kinds = (c: Partial<CaseFacts>, days = 28) => dueTasksFor({ ...base, ...c }, TODAY, days).map((t) => t.kind);

describe('addDays', () => {
  it('crosses month and clock-change boundaries by calendar day', () => {
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addDays('2026-03-28', 1)).toBe('2026-03-29');
    expect(addDays('2026-03-29', 1)).toBe('2026-03-30');
    expect(addDays('2026-12-31', 28)).toBe('2027-01-28');
  });
});

describe('first contact overdue', () => {
  it('is due when the target day was yesterday', () => {
    expect(dueTasksFor({ ...base, firstContactDueOn: '2026-03-09' }, TODAY, 28)).toEqual([
      { userId: 'tom', referralId: 'r1', pcnId: 'p1', kind: 'first_contact_overdue', dueOn: '2026-03-09' },
    ]);
  });
  it('is not due on the target day itself, nor before it', () => {
    expect(kinds({ firstContactDueOn: TODAY })).toEqual([]);
    expect(kinds({ firstContactDueOn: '2026-03-11' })).toEqual([]);
  });
  it('is not due once the first contact is made, or without a target', () => {
    expect(kinds({ status: 'first_contact', firstContactDueOn: '2026-03-01', firstContactOn: TODAY })).toEqual([]);
    expect(kinds({ firstContactDueOn: null })).toEqual([]);
  });
});

describe('plan review due', () => {
  it('is due on the review date and after it, not before', () => {
    expect(kinds({ status: 'active', firstContactOn: TODAY, planReviewOn: TODAY })).toEqual(['plan_review_due']);
    expect(kinds({ status: 'active', firstContactOn: TODAY, planReviewOn: '2026-02-01' })).toEqual(['plan_review_due']);
    expect(kinds({ status: 'active', firstContactOn: TODAY, planReviewOn: '2026-03-11' })).toEqual([]);
  });
  it('carries the review date as its due date', () => {
    const [task] = dueTasksFor({ ...base, status: 'active', planReviewOn: '2026-03-01' }, TODAY, 28);
    expect(task?.dueOn).toBe('2026-03-01');
  });
});

describe('no recent contact', () => {
  const active = { status: 'active', firstContactOn: '2025-12-01' };
  it('is due 28 days after the last attended contact, not 27', () => {
    expect(kinds({ ...active, lastAttendedContactOn: '2026-02-10' })).toEqual(['no_recent_contact']);
    expect(kinds({ ...active, lastAttendedContactOn: '2026-02-11' })).toEqual([]);
    const [task] = dueTasksFor({ ...base, ...active, lastAttendedContactOn: '2026-02-01' }, TODAY, 28);
    expect(task?.dueOn).toBe('2026-03-01');
  });
  it('follows the configured number of days', () => {
    expect(kinds({ ...active, lastAttendedContactOn: '2026-03-03' }, 7)).toEqual(['no_recent_contact']);
    expect(kinds({ ...active, lastAttendedContactOn: '2026-03-04' }, 7)).toEqual([]);
  });
  it('counts from the first contact when no later contact was attended', () => {
    expect(kinds({ status: 'first_contact', firstContactOn: '2026-02-10' })).toEqual(['no_recent_contact']);
    expect(kinds({ status: 'first_contact', firstContactOn: '2026-02-11' })).toEqual([]);
  });
  it('is not due before the first contact (that is the overdue reminder)', () => {
    expect(kinds({ status: 'allocated', lastAttendedContactOn: null })).toEqual([]);
  });
});

describe('who and which cases', () => {
  const overdueEverything: Partial<CaseFacts> = {
    firstContactDueOn: '2026-01-01',
    firstContactOn: '2026-01-05',
    lastAttendedContactOn: '2026-01-05',
    planReviewOn: '2026-01-10',
  };
  it.each(['discharged', 'declined', 'redirected', 'not_contactable', 'received', 'triaged'])(
    'creates nothing for a %s referral',
    (status) => {
      expect(kinds({ ...overdueEverything, status })).toEqual([]);
    },
  );
  it('gives a covered case’s tasks to the covering worker', () => {
    const tasks = dueTasksFor({ ...base, ...overdueEverything, status: 'active', coverWorkerId: 'hannah' }, TODAY, 28);
    expect(tasks.map((t) => [t.kind, t.userId])).toEqual([
      ['plan_review_due', 'hannah'],
      ['no_recent_contact', 'hannah'],
    ]);
  });
  it('creates nothing for a case with no worker', () => {
    expect(kinds({ ...overdueEverything, status: 'active', allocatedWorkerId: null })).toEqual([]);
  });
  it('collects the tasks of every case', () => {
    const cases = [
      { ...base, firstContactDueOn: '2026-03-01' },
      { ...base, referralId: 'r2', firstContactDueOn: TODAY },
      { ...base, referralId: 'r3', status: 'active', planReviewOn: TODAY },
    ];
    expect(dueTasks(cases, TODAY, 28).map((t) => t.referralId)).toEqual(['r1', 'r3']);
  });
});

describe('REMINDER_NO_CONTACT_DAYS', () => {
  it('defaults to 28 and accepts 1–365 only', () => {
    expect(loadConfig({}).REMINDER_NO_CONTACT_DAYS).toBe(28);
    expect(loadConfig({ REMINDER_NO_CONTACT_DAYS: '14' }).REMINDER_NO_CONTACT_DAYS).toBe(14);
    for (const bad of ['0', '366', '2.5', 'soon']) {
      expect(() => loadConfig({ REMINDER_NO_CONTACT_DAYS: bad })).toThrow(ConfigError);
    }
  });
});
