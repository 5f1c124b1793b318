import { describe, expect, it } from 'vitest';
import { median } from './reply-stats.js';

describe('median', () => {
  it('is null for no values', () => {
    expect(median([])).toBeNull();
  });

  it('is the middle value of an odd count, whatever the order', () => {
    expect(median([7])).toBe(7);
    expect(median([5, 1, 3])).toBe(3);
    expect(median([2, 2, 9, 1, 2])).toBe(2);
  });

  it('is the mean of the two middle values of an even count (as percentile_cont(0.5))', () => {
    expect(median([1, 4])).toBe(2.5);
    expect(median([10, 1, 3, 4])).toBe(3.5);
  });

  it('leaves its input as it was', () => {
    const values = [3, 1, 2];
    median(values);
    expect(values).toEqual([3, 1, 2]);
  });
});
