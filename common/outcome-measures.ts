// Outcome measures as published (../shared/reference/outcome-measures.md): item wording, answer
// scales, bands and notices, shared by the server (scoring) and the web (forms, results).
// The PAM questionnaire is proprietary: Waymark never reproduces or scores it; it records the score
// and level produced by the organisation's licensed PAM tool.

import { z } from 'zod';

export const MEASURES = ['ons4', 'swemwbs', 'ucla3', 'pam'] as const;
export type Measure = (typeof MEASURES)[number];

export const TIMEPOINTS = ['baseline', 'review', 'discharge'] as const;
export type Timepoint = (typeof TIMEPOINTS)[number];

export const TIMEPOINT_LABELS: Record<Timepoint, string> = {
  baseline: 'Baseline',
  review: 'Review',
  discharge: 'Discharge',
};

export const MEASURE_LABELS: Record<Measure, string> = {
  ons4: 'ONS4 personal wellbeing',
  swemwbs: 'Short Warwick-Edinburgh Mental Wellbeing Scale (SWEMWBS)',
  ucla3: 'UCLA 3-item loneliness scale',
  pam: 'Patient Activation Measure (PAM)',
};

export interface AnswerOption {
  value: number;
  label: string;
}

export interface MeasureItem {
  /** The key of the answer in `answers` (errors name it as `answers.<key>`). */
  key: string;
  /** The exact published wording. */
  text: string;
}

// ONS4: four questions, each 0–10, reported separately (never summed).
export const ONS4_ITEMS = [
  {
    key: 'lifeSatisfaction',
    text: 'Overall, how satisfied are you with your life nowadays?',
    short: 'Life satisfaction',
  },
  {
    key: 'worthwhile',
    text: 'Overall, to what extent do you feel that the things you do in your life are worthwhile?',
    short: 'Worthwhile',
  },
  { key: 'happy', text: 'Overall, how happy did you feel yesterday?', short: 'Happiness' },
  { key: 'anxious', text: 'Overall, how anxious did you feel yesterday?', short: 'Anxiety' },
] as const satisfies readonly (MeasureItem & { short: string })[];
export type Ons4Item = (typeof ONS4_ITEMS)[number]['key'];

export const ONS4_SCALE: AnswerOption[] = Array.from({ length: 11 }, (_, value) => ({
  value,
  label: value === 0 ? '0 – not at all' : value === 10 ? '10 – completely' : String(value),
}));

export const ONS4_BANDS = ['very_low', 'low', 'medium', 'high', 'very_high'] as const;
export type Ons4Band = (typeof ONS4_BANDS)[number];
export const ONS4_BAND_LABELS: Record<Ons4Band, string> = {
  very_low: 'Very low',
  low: 'Low',
  medium: 'Medium',
  high: 'High',
  very_high: 'Very high',
};

/** ONS thresholds, by upper bound of each band (inclusive). Anxiety: lower is better. */
export const ONS4_THRESHOLDS = {
  positive: [
    { band: 'low', max: 4 },
    { band: 'medium', max: 6 },
    { band: 'high', max: 8 },
    { band: 'very_high', max: 10 },
  ],
  anxious: [
    { band: 'very_low', max: 1 },
    { band: 'low', max: 3 },
    { band: 'medium', max: 5 },
    { band: 'high', max: 10 },
  ],
} as const satisfies Record<string, readonly { band: Ons4Band; max: number }[]>;

// SWEMWBS: seven statements about the last two weeks, each 1–5; all seven required.
export const SWEMWBS_ITEMS = [
  { key: 'swemwbs1', text: "I've been feeling optimistic about the future" },
  { key: 'swemwbs2', text: "I've been feeling useful" },
  { key: 'swemwbs3', text: "I've been feeling relaxed" },
  { key: 'swemwbs4', text: "I've been dealing with problems well" },
  { key: 'swemwbs5', text: "I've been thinking clearly" },
  { key: 'swemwbs6', text: "I've been feeling close to other people" },
  { key: 'swemwbs7', text: "I've been able to make up my own mind about things" },
] as const satisfies readonly MeasureItem[];

export const SWEMWBS_SCALE: AnswerOption[] = [
  { value: 1, label: 'None of the time' },
  { value: 2, label: 'Rarely' },
  { value: 3, label: 'Some of the time' },
  { value: 4, label: 'Often' },
  { value: 5, label: 'All of the time' },
];

export const SWEMWBS_INTRO = 'Below are some statements about feelings and thoughts. Think about the last 2 weeks.';

/** Must be shown wherever the scale is presented. */
export const SWEMWBS_COPYRIGHT = '© NHS Health Scotland, University of Warwick and University of Edinburgh, 2008';

/** The official raw (7–35) → metric score conversion table. */
export const SWEMWBS_METRIC: Readonly<Record<number, number>> = {
  7: 7.0,
  8: 9.51,
  9: 11.25,
  10: 12.4,
  11: 13.33,
  12: 14.08,
  13: 14.75,
  14: 15.32,
  15: 15.84,
  16: 16.36,
  17: 16.88,
  18: 17.43,
  19: 17.98,
  20: 18.59,
  21: 19.25,
  22: 19.98,
  23: 20.73,
  24: 21.54,
  25: 22.35,
  26: 23.21,
  27: 24.11,
  28: 25.03,
  29: 26.02,
  30: 27.03,
  31: 28.13,
  32: 29.31,
  33: 30.7,
  34: 32.55,
  35: 35.0,
};

// UCLA 3-item loneliness scale: each 1–3, total 3–9 (higher = lonelier).
export const UCLA3_ITEMS = [
  { key: 'ucla1', text: 'How often do you feel that you lack companionship?' },
  { key: 'ucla2', text: 'How often do you feel left out?' },
  { key: 'ucla3', text: 'How often do you feel isolated from others?' },
] as const satisfies readonly MeasureItem[];

export const UCLA3_SCALE: AnswerOption[] = [
  { value: 1, label: 'Hardly ever' },
  { value: 2, label: 'Some of the time' },
  { value: 3, label: 'Often' },
];

// PAM: entered from the licensed tool. Never the questions.
export const PAM_LEVELS = [1, 2, 3, 4] as const;
export type PamLevel = (typeof PAM_LEVELS)[number];
export const PAM_LEVEL_LABELS: Record<PamLevel, string> = {
  1: 'Level 1: disengaged and overwhelmed',
  2: 'Level 2: becoming aware, but still struggling',
  3: 'Level 3: taking action',
  4: 'Level 4: maintaining behaviours and pushing further',
};
export const PAM_NOTE =
  "The PAM questions are not shown here: ask them with your organisation's licensed PAM tool (Insignia Health), then enter the score and level that the tool gives.";

/**
 * Conventions the reference marks "unverified": configuration an administrator can correct, never
 * hard-coded truths. Scoring takes them as a parameter; these are the defaults.
 */
export const ZOutcomeConventions = z.object({
  /** UCLA-3 totals at or above this read as "lonely" (a common convention: 6). */
  uclaLonelyFrom: z.number(),
  /** Lowest PAM score of levels 2, 3 and 4 in the commonly published cut-offs. */
  pamLevelFrom: z.object({ 2: z.number(), 3: z.number(), 4: z.number() }),
});
export type OutcomeConventions = z.infer<typeof ZOutcomeConventions>;

export const DEFAULT_OUTCOME_CONVENTIONS: OutcomeConventions = {
  uclaLonelyFrom: 6,
  pamLevelFrom: { 2: 47.1, 3: 55.2, 4: 67.1 },
};

/** Items (answer keys) of each measure, in order. */
export const MEASURE_ITEM_KEYS: Record<Measure, readonly string[]> = {
  ons4: ONS4_ITEMS.map((i) => i.key),
  swemwbs: SWEMWBS_ITEMS.map((i) => i.key),
  ucla3: UCLA3_ITEMS.map((i) => i.key),
  pam: ['score', 'level'],
};

// ---- API shapes -----------------------------------------------------------------------------

export const ZDirection = z.enum(['improved', 'worsened', 'unchanged']);
export type Direction = z.infer<typeof ZDirection>;

/** One number tracked over time (an ONS4 item, the SWEMWBS metric score, the UCLA-3 total, the PAM score). */
export const ZIndicatorValue = z.object({
  key: z.string(),
  label: z.string(),
  value: z.number(),
  /** ONS band label, UCLA reading, PAM level label; null when the measure has none. */
  band: z.string().nullable(),
});
export type IndicatorValue = z.infer<typeof ZIndicatorValue>;

/**
 * One administration of a measure, as scored. The item answers stay on the server: the pages show
 * the scores, and each answer is a statement about the person's wellbeing that nobody reads back.
 */
export const ZOutcomeRecording = z.object({
  id: z.string(),
  measure: z.enum(MEASURES),
  timepoint: z.enum(TIMEPOINTS),
  administeredOn: z.string(),
  recordedAt: z.string(),
  recordedBy: z.string().nullable(),
  indicators: z.array(ZIndicatorValue),
  /** PAM only: whether the level the tool gave matches the configured published cut-offs. */
  pamLevelMatchesCutoffs: z.boolean().optional(),
});
export type OutcomeRecording = z.infer<typeof ZOutcomeRecording>;

export const ZIndicatorChange = z.object({
  key: z.string(),
  label: z.string(),
  baseline: z.number(),
  latest: z.number(),
  /** latest − baseline (rounded to 2 decimals). */
  change: z.number(),
  higherIsBetter: z.boolean(),
  direction: ZDirection,
});
export type IndicatorChange = z.infer<typeof ZIndicatorChange>;

export const ZMeasureSummary = z.object({
  measure: z.enum(MEASURES),
  label: z.string(),
  recordings: z.array(ZOutcomeRecording),
  /** Baseline to latest, when there is a baseline and a later recording; null otherwise. */
  change: z.object({ baselineId: z.string(), latestId: z.string(), indicators: z.array(ZIndicatorChange) }).nullable(),
});
export type MeasureSummary = z.infer<typeof ZMeasureSummary>;

export const ZOutcomeMeasuresView = z.object({
  referralId: z.string(),
  measures: z.array(ZMeasureSummary),
  conventions: ZOutcomeConventions,
});
export type OutcomeMeasuresView = z.infer<typeof ZOutcomeMeasuresView>;
