import { describe, expect, it } from 'vitest';
import { ukMidnight } from './audit.service.js';

describe('ukMidnight', () => {
  it('is UTC midnight in winter (GMT)', () => {
    expect(ukMidnight('2026-01-15').toISOString()).toBe('2026-01-15T00:00:00.000Z');
    expect(ukMidnight('2026-12-31', 1).toISOString()).toBe('2027-01-01T00:00:00.000Z');
  });

  it('is 23:00 UTC the day before in summer (BST)', () => {
    expect(ukMidnight('2026-07-01').toISOString()).toBe('2026-06-30T23:00:00.000Z');
    expect(ukMidnight('2026-07-01', 1).toISOString()).toBe('2026-07-01T23:00:00.000Z');
  });

  it('follows the clocks changing (29 March and 25 October 2026)', () => {
    expect(ukMidnight('2026-03-29').toISOString()).toBe('2026-03-29T00:00:00.000Z');
    expect(ukMidnight('2026-03-30').toISOString()).toBe('2026-03-29T23:00:00.000Z');
    expect(ukMidnight('2026-10-25').toISOString()).toBe('2026-10-24T23:00:00.000Z');
    expect(ukMidnight('2026-10-26').toISOString()).toBe('2026-10-26T00:00:00.000Z');
  });
});
