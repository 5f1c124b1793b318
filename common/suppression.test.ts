import { describe, expect, it } from 'vitest';
import {
  countFigure,
  figureText,
  isSmallNumber,
  statisticFigure,
  suppressCount,
  suppressStatistic,
} from './suppression.js';

describe('NHS Digital small-number rule', () => {
  it('shows 0 as 0', () => {
    expect(suppressCount(0)).toBe(0);
  });

  it('shows every count of 1 to 7 as "*"', () => {
    for (const n of [1, 2, 3, 4, 5, 6, 7]) expect(suppressCount(n), String(n)).toBe('*');
    expect(isSmallNumber(1)).toBe(true);
    expect(isSmallNumber(7)).toBe(true);
    expect(isSmallNumber(0)).toBe(false);
    expect(isSmallNumber(8)).toBe(false);
  });

  it('rounds 8 and over to the nearest 5, half-way up', () => {
    expect(suppressCount(8)).toBe(10);
    expect(suppressCount(9)).toBe(10);
    expect(suppressCount(10)).toBe(10);
    expect(suppressCount(12)).toBe(10);
    expect(suppressCount(13)).toBe(15);
    expect(suppressCount(17)).toBe(15);
    expect(suppressCount(18)).toBe(20);
    expect(suppressCount(1002)).toBe(1000);
    expect(suppressCount(1003)).toBe(1005);
  });

  it('a median or rate on 1 to 7 records is "*", on none is null, on 8 or more is itself', () => {
    expect(suppressStatistic(3.5, 0)).toBeNull();
    expect(suppressStatistic(null, 12)).toBeNull();
    expect(suppressStatistic(3.5, 1)).toBe('*');
    expect(suppressStatistic(80, 7)).toBe('*');
    expect(suppressStatistic(80, 8)).toBe(80);
  });

  it('the viewer’s own records are shown exactly', () => {
    expect(countFigure(3, true)).toBe(3);
    expect(countFigure(3, false)).toBe('*');
    expect(countFigure(12, true)).toBe(12);
    expect(countFigure(12, false)).toBe(10);
    expect(statisticFigure(50, 2, true)).toBe(50);
    expect(statisticFigure(50, 2, false)).toBe('*');
    expect(statisticFigure(50, 0, true)).toBeNull();
  });

  it('reads as text', () => {
    expect(figureText('*', '%')).toBe('*');
    expect(figureText(null)).toBe('–');
    expect(figureText(40, '%')).toBe('40%');
  });
});
