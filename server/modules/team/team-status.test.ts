import { describe, expect, it } from 'vitest';
import { addMonths, requirementStatus, supervisionStatus } from './team-status.js';

describe('addMonths', () => {
  it('keeps the day, or takes the last day of a shorter month', () => {
    expect(addMonths('2026-03-12', 36)).toBe('2029-03-12');
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2028-01-31', 1)).toBe('2028-02-29');
    expect(addMonths('2026-11-30', 3)).toBe('2027-02-28');
  });
});

describe('requirementStatus', () => {
  const renewable = { id: 'r1', validityMonths: 12 };
  const once = { id: 'r2', validityMonths: null };
  const today = '2026-12-06';

  it('is not done without a completion of that requirement', () => {
    expect(requirementStatus(renewable, [{ requirementId: 'other', completedOn: '2026-01-01' }], today)).toEqual({
      status: 'not_done',
      completedOn: null,
      expiresOn: null,
    });
  });

  it('never expires when the requirement has no validity period', () => {
    expect(requirementStatus(once, [{ requirementId: 'r2', completedOn: '2001-01-01' }], today).status).toBe('valid');
  });

  it('is valid, then due within 60 days of expiry, then expired on the expiry date', () => {
    const at = (completedOn: string) => requirementStatus(renewable, [{ requirementId: 'r1', completedOn }], today);
    expect(at('2026-02-05')).toMatchObject({ status: 'valid', expiresOn: '2027-02-05' });
    expect(at('2026-02-04')).toMatchObject({ status: 'due', expiresOn: '2027-02-04' });
    expect(at('2025-12-07')).toMatchObject({ status: 'due', expiresOn: '2026-12-07' });
    expect(at('2025-12-06')).toMatchObject({ status: 'expired', expiresOn: '2026-12-06' });
  });

  it('counts the latest completion, in whatever order they come', () => {
    const done = [
      { requirementId: 'r1', completedOn: '2026-06-01' },
      { requirementId: 'r1', completedOn: '2020-01-01' },
    ];
    expect(requirementStatus(renewable, done, today)).toMatchObject({ status: 'valid', completedOn: '2026-06-01' });
    expect(requirementStatus(renewable, [...done].reverse(), today)).toMatchObject({ completedOn: '2026-06-01' });
  });
});

describe('supervisionStatus', () => {
  const today = '2026-12-06';
  it('is due the interval after the last session, overdue only once that day has passed', () => {
    expect(supervisionStatus(31, '2026-11-05', null, today)).toMatchObject({ dueOn: '2026-12-06', overdue: false });
    expect(supervisionStatus(31, '2026-11-04', null, today)).toMatchObject({ dueOn: '2026-12-05', overdue: true });
  });
  it('counts from the start date for someone not yet supervised', () => {
    expect(supervisionStatus(31, null, '2026-11-20', today)).toMatchObject({ dueOn: '2026-12-21', overdue: false });
    expect(supervisionStatus(31, null, '2026-01-01', today).overdue).toBe(true);
  });
  it('is overdue with neither a session nor a start date, and never without a target', () => {
    expect(supervisionStatus(31, null, null, today)).toMatchObject({ overdue: true });
    expect(supervisionStatus(null, null, null, today)).toMatchObject({ overdue: false, dueOn: null });
  });
});
