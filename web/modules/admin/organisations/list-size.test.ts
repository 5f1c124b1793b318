import { describe, expect, it } from 'vitest';
import { readListSize } from './list-size';

describe('a practice’s list size as typed', () => {
  it('reads a whole number, with or without thousands separators; blank is not recorded', () => {
    expect(readListSize('6,500')).toEqual({ value: 6500 });
    expect(readListSize(' 12 000 ')).toEqual({ value: 12000 });
    expect(readListSize('0')).toEqual({ value: 0 });
    expect(readListSize('')).toEqual({ value: null });
  });

  it('says what is wrong with anything else', () => {
    for (const typed of ['6.5k', '-3', '1.5', 'lots']) {
      expect(readListSize(typed)).toEqual({
        error: 'Registered patients (list size) must be a whole number, like 6500',
      });
    }
  });
});
