// Pure scoring of the outcome measures, exactly as published (common/outcome-measures.ts holds the
// wording, scales and tables). No I/O: the service validates and scores before anything is stored.
import {
  DEFAULT_OUTCOME_CONVENTIONS,
  type Direction,
  type IndicatorChange,
  type IndicatorValue,
  MEASURE_ITEM_KEYS,
  type Measure,
  ONS4_BAND_LABELS,
  ONS4_ITEMS,
  ONS4_THRESHOLDS,
  type Ons4Band,
  type Ons4Item,
  type OutcomeConventions,
  PAM_LEVEL_LABELS,
  type PamLevel,
  SWEMWBS_ITEMS,
  SWEMWBS_METRIC,
  UCLA3_ITEMS,
} from '../../../common/outcome-measures.js';
import type { FieldError } from '../../platform/errors.js';

export type Ons4Scores = Record<Ons4Item, { value: number; band: Ons4Band }>;
export interface SwemwbsScores {
  raw: number;
  metric: number;
}
export interface Ucla3Scores {
  total: number;
}
export interface PamScores {
  score: number;
  level: PamLevel;
  /** The level always comes from the licensed tool; this only flags a disagreement with the cut-offs. */
  levelMatchesCutoffs: boolean;
}
export type MeasureScores = Ons4Scores | SwemwbsScores | Ucla3Scores | PamScores;

export type ScoreResult =
  | { ok: true; answers: Record<string, number>; scores: MeasureScores }
  | { ok: false; errors: FieldError[] };

export function ons4Band(item: Ons4Item, value: number): Ons4Band {
  const bands = item === 'anxious' ? ONS4_THRESHOLDS.anxious : ONS4_THRESHOLDS.positive;
  for (const b of bands) if (value <= b.max) return b.band;
  throw new RangeError(`ONS4 answer out of range: ${value}`);
}

export function swemwbsMetric(raw: number): number {
  const metric = SWEMWBS_METRIC[raw];
  if (metric === undefined) throw new RangeError(`SWEMWBS raw score out of range: ${raw}`);
  return metric;
}

/** The level the commonly published cut-offs (configuration) give for a PAM score. */
export function pamLevelForScore(score: number, conventions = DEFAULT_OUTCOME_CONVENTIONS): PamLevel {
  const from = conventions.pamLevelFrom;
  if (score >= from[4]) return 4;
  if (score >= from[3]) return 3;
  if (score >= from[2]) return 2;
  return 1;
}

export function uclaReading(total: number, conventions = DEFAULT_OUTCOME_CONVENTIONS): string {
  return total >= conventions.uclaLonelyFrom ? 'Lonely' : 'Not lonely';
}

const isInt = (v: unknown, min: number, max: number): v is number =>
  typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;

function integerItems(
  answers: Record<string, unknown>,
  keys: readonly string[],
  min: number,
  max: number,
): { values: Record<string, number>; errors: FieldError[] } {
  const values: Record<string, number> = {};
  const errors: FieldError[] = [];
  for (const key of keys) {
    const v = answers[key];
    if (v === undefined || v === null)
      errors.push({ field: `answers.${key}`, message: `must be answered (${min} to ${max})` });
    else if (!isInt(v, min, max)) errors.push({ field: `answers.${key}`, message: `must be ${min} to ${max}` });
    else values[key] = v;
  }
  return { values, errors };
}

/**
 * Validates and scores one administration. Every bad or missing item is named
 * (`answers.swemwbs3: must be 1 to 5`), as are answers that are not items of the measure.
 */
export function scoreMeasure(
  measure: Measure,
  answers: Record<string, unknown>,
  conventions: OutcomeConventions = DEFAULT_OUTCOME_CONVENTIONS,
): ScoreResult {
  const keys = MEASURE_ITEM_KEYS[measure];
  const unknown: FieldError[] = Object.keys(answers)
    .filter((k) => !keys.includes(k))
    .map((k) => ({ field: `answers.${k}`, message: `is not an item of this measure (${keys.join(', ')})` }));

  switch (measure) {
    case 'ons4': {
      const { values, errors } = integerItems(answers, keys, 0, 10);
      if (errors.length || unknown.length) return { ok: false, errors: [...errors, ...unknown] };
      const scores = Object.fromEntries(
        ONS4_ITEMS.map((i) => [
          i.key,
          { value: values[i.key] as number, band: ons4Band(i.key, values[i.key] as number) },
        ]),
      ) as Ons4Scores;
      return { ok: true, answers: values, scores };
    }
    case 'swemwbs': {
      // All seven items are required: the table converts only a complete set.
      const { values, errors } = integerItems(answers, keys, 1, 5);
      if (errors.length || unknown.length) return { ok: false, errors: [...errors, ...unknown] };
      const raw = SWEMWBS_ITEMS.reduce((sum, i) => sum + (values[i.key] as number), 0);
      return { ok: true, answers: values, scores: { raw, metric: swemwbsMetric(raw) } };
    }
    case 'ucla3': {
      const { values, errors } = integerItems(answers, keys, 1, 3);
      if (errors.length || unknown.length) return { ok: false, errors: [...errors, ...unknown] };
      const total = UCLA3_ITEMS.reduce((sum, i) => sum + (values[i.key] as number), 0);
      return { ok: true, answers: values, scores: { total } };
    }
    case 'pam': {
      const errors: FieldError[] = [];
      const score = answers.score;
      const level = answers.level;
      if (score === undefined || score === null) {
        errors.push({ field: 'answers.score', message: 'must be entered (0 to 100) from the licensed PAM tool' });
      } else if (
        typeof score !== 'number' ||
        !Number.isFinite(score) ||
        score < 0 ||
        score > 100 ||
        Math.abs(Math.round(score * 10) - score * 10) > 1e-9
      ) {
        errors.push({ field: 'answers.score', message: 'must be 0 to 100, with at most one decimal place' });
      }
      if (level === undefined || level === null) {
        errors.push({ field: 'answers.level', message: 'must be entered (1 to 4) from the licensed PAM tool' });
      } else if (!isInt(level, 1, 4)) {
        errors.push({ field: 'answers.level', message: 'must be 1 to 4' });
      }
      if (errors.length || unknown.length) return { ok: false, errors: [...errors, ...unknown] };
      const s = Math.round((score as number) * 10) / 10;
      const l = level as PamLevel;
      return {
        ok: true,
        answers: { score: s, level: l },
        scores: { score: s, level: l, levelMatchesCutoffs: pamLevelForScore(s, conventions) === l },
      };
    }
  }
}

interface IndicatorDef {
  key: string;
  label: string;
  higherIsBetter: boolean;
}

/** The numbers followed over time for each measure. */
export function indicatorDefs(measure: Measure): IndicatorDef[] {
  switch (measure) {
    case 'ons4':
      return ONS4_ITEMS.map((i) => ({ key: i.key, label: i.short, higherIsBetter: i.key !== 'anxious' }));
    case 'swemwbs':
      return [{ key: 'metric', label: 'SWEMWBS metric score (7–35)', higherIsBetter: true }];
    case 'ucla3':
      return [{ key: 'total', label: 'UCLA-3 total (3–9, higher is lonelier)', higherIsBetter: false }];
    case 'pam':
      return [{ key: 'score', label: 'PAM score (0–100)', higherIsBetter: true }];
  }
}

/** The stored scores as indicators with their bands (bands from configuration where unverified). */
export function indicatorsOf(
  measure: Measure,
  scores: MeasureScores,
  conventions: OutcomeConventions = DEFAULT_OUTCOME_CONVENTIONS,
): IndicatorValue[] {
  switch (measure) {
    case 'ons4': {
      const s = scores as Ons4Scores;
      return indicatorDefs('ons4').map((d) => {
        const item = s[d.key as Ons4Item];
        return { key: d.key, label: d.label, value: item.value, band: ONS4_BAND_LABELS[item.band] };
      });
    }
    case 'swemwbs': {
      const s = scores as SwemwbsScores;
      return [{ key: 'metric', label: 'SWEMWBS metric score (7–35)', value: s.metric, band: `Raw score ${s.raw}` }];
    }
    case 'ucla3': {
      const s = scores as Ucla3Scores;
      return [
        {
          key: 'total',
          label: 'UCLA-3 total (3–9, higher is lonelier)',
          value: s.total,
          band: uclaReading(s.total, conventions),
        },
      ];
    }
    case 'pam': {
      const s = scores as PamScores;
      return [{ key: 'score', label: 'PAM score (0–100)', value: s.score, band: PAM_LEVEL_LABELS[s.level] }];
    }
  }
}

export function directionOf(change: number, higherIsBetter: boolean): Direction {
  if (change === 0) return 'unchanged';
  return change > 0 === higherIsBetter ? 'improved' : 'worsened';
}

/** Change from baseline to latest for each indicator of a measure. */
export function changeBetween(
  measure: Measure,
  baseline: IndicatorValue[],
  latest: IndicatorValue[],
): IndicatorChange[] {
  return indicatorDefs(measure).flatMap((d) => {
    const b = baseline.find((i) => i.key === d.key);
    const l = latest.find((i) => i.key === d.key);
    if (!b || !l) return [];
    const change = Math.round((l.value - b.value) * 100) / 100;
    return [
      {
        key: d.key,
        label: d.label,
        baseline: b.value,
        latest: l.value,
        change,
        higherIsBetter: d.higherIsBetter,
        direction: directionOf(change, d.higherIsBetter),
      },
    ];
  });
}
