import { describe, expect, it } from 'vitest';
import { ZFte } from './team.js';

describe('ZFte', () => {
  it('accepts every figure the numeric(3,2) column holds, from 0.01 to 1, as JSON sends it', () => {
    for (let k = 1; k <= 100; k++) {
      const sent = JSON.parse((k / 100).toFixed(2)) as number;
      expect(ZFte.safeParse(sent).success, `${sent}`).toBe(true);
    }
  });

  it('refuses what the column would round, or its check would refuse', () => {
    for (const v of [0, -0.5, 1.01, 0.001, 0.855, Number.MIN_VALUE, 2.5e-323, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(ZFte.safeParse(v).success, `${v}`).toBe(false);
    }
    expect(ZFte.safeParse(0.001).error?.issues[0]?.message).toBe('must have at most two decimal places, like 0.85');
  });
});
