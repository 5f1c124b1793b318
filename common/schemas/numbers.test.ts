import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { INT4_MAX, INT4_MIN, zInt, zInt8Id, zQueryInt, zVersion } from './numbers.js';

describe('integer schemas', () => {
  it('cannot be declared with bounds outside PostgreSQL’s integer', () => {
    expect(() => zInt(0, INT4_MAX + 1)).toThrow(/do not fit/);
    expect(() => zQueryInt(INT4_MIN - 1, 0)).toThrow(/do not fit/);
    expect(() => zInt(0, 1.5)).toThrow(/do not fit/);
  });

  it('a version is 1 (or the given minimum) up to 2147483647, and never past it', () => {
    const v = zVersion('must be the version you read');
    expect(v.safeParse(INT4_MAX).success).toBe(true);
    for (const bad of [0, 2 ** 31, 2 ** 63, -(2 ** 31) - 1, 1.5, '3']) {
      expect(v.safeParse(bad).error?.issues[0]?.message).toBe('must be the version you read');
    }
    expect(zVersion('x', 0).safeParse(0).success).toBe(true);
  });

  it('query-string integers are read from text, with the same bounds', () => {
    const page = zQueryInt(1, 10, { type: 'must be a page number' });
    expect(page.safeParse('3').data).toBe(3);
    for (const bad of ['11', '2147483648', '9999999999999999999', '1e400', 'abc']) {
      expect(page.safeParse(bad).success).toBe(false);
    }
  });

  it('every whole number in range is accepted, every one outside refused', () => {
    const s = zInt(-5, 5);
    fc.assert(
      fc.property(fc.integer(), (n) => {
        expect(s.safeParse(n).success).toBe(n >= -5 && n <= 5);
      }),
    );
  });

  it('a 64-bit id travels as digits, up to 9223372036854775807', () => {
    const id = zInt8Id('must be an audit event id');
    expect(id.safeParse('9223372036854775807').success).toBe(true);
    for (const bad of ['9223372036854775808', '9999999999999999999', '0', '-1', '01', '1.5', '']) {
      expect(id.safeParse(bad).success).toBe(false);
    }
  });
});
