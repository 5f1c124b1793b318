import { describe, expect, it } from 'vitest';
import { PROGRESS_SCORE_MESSAGE, zProgressScore } from './care-plan.js';

describe('zProgressScore', () => {
  it('takes the whole numbers 0 to 10', () => {
    expect(zProgressScore.safeParse(0).success).toBe(true);
    expect(zProgressScore.safeParse(10).success).toBe(true);
  });

  it('names the range for a score outside it, and a fraction for what it is', () => {
    expect(zProgressScore.safeParse(11).error?.issues[0]?.message).toBe(PROGRESS_SCORE_MESSAGE);
    expect(zProgressScore.safeParse(-1).error?.issues[0]?.message).toBe('must be a score from 0 to 10');
    expect(zProgressScore.safeParse(2.5).error?.issues[0]?.message).toBe('must be a whole number');
    expect(zProgressScore.safeParse(Number.NaN).success).toBe(false);
  });
});
