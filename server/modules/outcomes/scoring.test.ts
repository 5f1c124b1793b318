import { describe, expect, it } from 'vitest';
import { ONS4_ITEMS } from '../../../common/outcome-measures.js';
import { changeBetween, indicatorsOf, ons4Band, pamLevelForScore, scoreMeasure, uclaReading } from './scoring.js';

// The official table, typed in again from the reference (not imported), so a slip in
// common/outcome-measures.ts cannot pass unnoticed.
const OFFICIAL = [
  7.0, 9.51, 11.25, 12.4, 13.33, 14.08, 14.75, 15.32, 15.84, 16.36, 16.88, 17.43, 17.98, 18.59, 19.25, 19.98, 20.73,
  21.54, 22.35, 23.21, 24.11, 25.03, 26.02, 27.03, 28.13, 29.31, 30.7, 32.55, 35.0,
];

/** Seven answers 1–5 summing to `raw`. */
function swemwbsAnswers(raw: number): Record<string, number> {
  const answers: Record<string, number> = {};
  let left = raw - 7;
  for (let i = 1; i <= 7; i++) {
    const extra = Math.min(4, left);
    answers[`swemwbs${i}`] = 1 + extra;
    left -= extra;
  }
  return answers;
}

describe('SWEMWBS', () => {
  it.each(OFFICIAL.map((metric, i) => [i + 7, metric]))('raw %i converts to metric %d', (raw, metric) => {
    const result = scoreMeasure('swemwbs', swemwbsAnswers(raw));
    expect(result).toMatchObject({ ok: true, scores: { raw, metric } });
  });

  it('needs all seven items: a partial set is not converted, and each missing item is named', () => {
    const answers = swemwbsAnswers(20);
    delete answers.swemwbs3;
    delete answers.swemwbs7;
    expect(scoreMeasure('swemwbs', answers)).toEqual({
      ok: false,
      errors: [
        { field: 'answers.swemwbs3', message: 'must be answered (1 to 5)' },
        { field: 'answers.swemwbs7', message: 'must be answered (1 to 5)' },
      ],
    });
  });

  it.each([0, 6, 2.5, '3', -1])('refuses %j as an answer, naming the item', (bad) => {
    const result = scoreMeasure('swemwbs', { ...swemwbsAnswers(21), swemwbs3: bad });
    expect(result).toEqual({ ok: false, errors: [{ field: 'answers.swemwbs3', message: 'must be 1 to 5' }] });
  });

  it('refuses answers that are not items of the scale', () => {
    const result = scoreMeasure('swemwbs', { ...swemwbsAnswers(21), swemwbs8: 3 });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.map((e) => e.field)).toEqual(['answers.swemwbs8']);
  });
});

describe('ONS4', () => {
  // Every score of every item, from the ONS thresholds: each band's edges are both covered.
  const positive = ['low', 'low', 'low', 'low', 'low', 'medium', 'medium', 'high', 'high', 'very_high', 'very_high'];
  const anxious = ['very_low', 'very_low', 'low', 'low', 'medium', 'medium', 'high', 'high', 'high', 'high', 'high'];

  for (const item of ['lifeSatisfaction', 'worthwhile', 'happy'] as const) {
    it.each(positive.map((band, score) => [score, band]))(`${item} %i is %s`, (score, band) => {
      expect(ons4Band(item, score as number)).toBe(band);
    });
  }
  it.each(anxious.map((band, score) => [score, band]))('anxious %i is %s (lower is better)', (score, band) => {
    expect(ons4Band('anxious', score as number)).toBe(band);
  });

  it('keeps the four items separate, each with its band, and never sums them', () => {
    const result = scoreMeasure('ons4', { lifeSatisfaction: 4, worthwhile: 5, happy: 9, anxious: 1 });
    expect(result).toEqual({
      ok: true,
      answers: { lifeSatisfaction: 4, worthwhile: 5, happy: 9, anxious: 1 },
      scores: {
        lifeSatisfaction: { value: 4, band: 'low' },
        worthwhile: { value: 5, band: 'medium' },
        happy: { value: 9, band: 'very_high' },
        anxious: { value: 1, band: 'very_low' },
      },
    });
    if (result.ok) {
      expect(indicatorsOf('ons4', result.scores).map((i) => [i.label, i.value, i.band])).toEqual([
        ['Life satisfaction', 4, 'Low'],
        ['Worthwhile', 5, 'Medium'],
        ['Happiness', 9, 'Very high'],
        ['Anxiety', 1, 'Very low'],
      ]);
    }
  });

  it('names each out-of-range or missing item', () => {
    expect(scoreMeasure('ons4', { lifeSatisfaction: 11, worthwhile: -1, happy: 5 })).toEqual({
      ok: false,
      errors: [
        { field: 'answers.lifeSatisfaction', message: 'must be 0 to 10' },
        { field: 'answers.worthwhile', message: 'must be 0 to 10' },
        { field: 'answers.anxious', message: 'must be answered (0 to 10)' },
      ],
    });
  });

  it('uses the exact ONS wording', () => {
    expect(ONS4_ITEMS.map((i) => i.text)).toEqual([
      'Overall, how satisfied are you with your life nowadays?',
      'Overall, to what extent do you feel that the things you do in your life are worthwhile?',
      'Overall, how happy did you feel yesterday?',
      'Overall, how anxious did you feel yesterday?',
    ]);
  });
});

describe('UCLA-3', () => {
  it.each([
    [[1, 1, 1], 3],
    [[2, 2, 1], 5],
    [[2, 2, 2], 6],
    [[3, 3, 3], 9],
  ])('%j totals %i', (items, total) => {
    const [ucla1, ucla2, ucla3] = items as number[];
    expect(scoreMeasure('ucla3', { ucla1, ucla2, ucla3 })).toMatchObject({ ok: true, scores: { total } });
  });

  it.each([0, 4, 1.5, null])('refuses %j, naming the item', (bad) => {
    const result = scoreMeasure('ucla3', { ucla1: 2, ucla2: bad, ucla3: 2 });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.errors).toEqual([
        { field: 'answers.ucla2', message: bad === null ? 'must be answered (1 to 3)' : 'must be 1 to 3' },
      ]);
    }
  });

  it('reads 6–9 as lonely by the default convention, which is configurable', () => {
    expect(uclaReading(5)).toBe('Not lonely');
    expect(uclaReading(6)).toBe('Lonely');
    expect(uclaReading(6, { uclaLonelyFrom: 7, pamLevelFrom: { 2: 47.1, 3: 55.2, 4: 67.1 } })).toBe('Not lonely');
  });
});

describe('PAM (entered from the licensed tool)', () => {
  it('records the score and the level the tool gave', () => {
    expect(scoreMeasure('pam', { score: 58.3, level: 3 })).toEqual({
      ok: true,
      answers: { score: 58.3, level: 3 },
      scores: { score: 58.3, level: 3, levelMatchesCutoffs: true },
    });
  });

  it('keeps the tool level when it disagrees with the published cut-offs, and flags it', () => {
    expect(scoreMeasure('pam', { score: 47.0, level: 2 })).toMatchObject({
      ok: true,
      scores: { level: 2, levelMatchesCutoffs: false },
    });
  });

  it.each([
    [0, 1],
    [47.0, 1],
    [47.1, 2],
    [55.1, 2],
    [55.2, 3],
    [67.0, 3],
    [67.1, 4],
    [100, 4],
  ])('published cut-offs: %d is level %i', (score, level) => {
    expect(pamLevelForScore(score)).toBe(level);
  });

  it.each([-0.1, 100.1, 50.25, Number.NaN, '50'])('refuses score %j', (score) => {
    expect(scoreMeasure('pam', { score, level: 2 })).toEqual({
      ok: false,
      errors: [{ field: 'answers.score', message: 'must be 0 to 100, with at most one decimal place' }],
    });
  });

  it.each([0, 5, 2.5])('refuses level %j', (level) => {
    expect(scoreMeasure('pam', { score: 50, level })).toEqual({
      ok: false,
      errors: [{ field: 'answers.level', message: 'must be 1 to 4' }],
    });
  });

  it('names both when nothing is entered, and refuses questionnaire answers', () => {
    const result = scoreMeasure('pam', { q1: 3 });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.map((e) => e.field)).toEqual(['answers.score', 'answers.level', 'answers.q1']);
  });
});

describe('change from baseline', () => {
  it('says whether each indicator improved, with anxiety and loneliness lower-is-better', () => {
    const base = scoreMeasure('ons4', { lifeSatisfaction: 3, worthwhile: 5, happy: 4, anxious: 8 });
    const later = scoreMeasure('ons4', { lifeSatisfaction: 6, worthwhile: 5, happy: 3, anxious: 4 });
    if (!base.ok || !later.ok) throw new Error('expected valid answers');
    const changes = changeBetween('ons4', indicatorsOf('ons4', base.scores), indicatorsOf('ons4', later.scores));
    expect(changes.map((c) => [c.key, c.change, c.direction])).toEqual([
      ['lifeSatisfaction', 3, 'improved'],
      ['worthwhile', 0, 'unchanged'],
      ['happy', -1, 'worsened'],
      ['anxious', -4, 'improved'],
    ]);
  });

  it('SWEMWBS change is on the metric score', () => {
    const base = scoreMeasure('swemwbs', swemwbsAnswers(14));
    const later = scoreMeasure('swemwbs', swemwbsAnswers(21));
    if (!base.ok || !later.ok) throw new Error('expected valid answers');
    const [c] = changeBetween('swemwbs', indicatorsOf('swemwbs', base.scores), indicatorsOf('swemwbs', later.scores));
    expect(c).toMatchObject({ baseline: 15.32, latest: 19.25, change: 3.93, direction: 'improved' });
  });
});
