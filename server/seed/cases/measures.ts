import { type Measure, SWEMWBS_ITEMS, UCLA3_ITEMS } from '../../../common/outcome-measures.js';
import { type MeasureScores, pamLevelForScore, scoreMeasure } from '../../modules/outcomes/scoring.js';
import type { Random } from './random.js';

// Answers to the outcome measures for a demo case: a starting point for the person, then the
// same person a little (or a lot) better later on. The scores are never written here: every
// administration goes through scoring.ts, exactly as a recording through the API does.

export interface MeasureProfile {
  ons4: { lifeSatisfaction: number; worthwhile: number; happy: number; anxious: number };
  swemwbs: number[];
  ucla3: number[];
  pam: number;
}

const clamp = (v: number, min: number, max: number) => Math.min(max, Math.max(min, v));

/** How the person answers at the start (low wellbeing, lonely, low activation for coaching cases). */
export function baselineProfile(random: Random, predictedPam: number): MeasureProfile {
  const pamRange: Record<number, [number, number]> = { 1: [36, 46.9], 2: [47.1, 55.1], 3: [55.2, 67], 4: [67.1, 78] };
  const [low, high] = pamRange[predictedPam] ?? [55.2, 67];
  return {
    ons4: {
      lifeSatisfaction: random.int(2, 5),
      worthwhile: random.int(3, 6),
      happy: random.int(2, 5),
      anxious: random.int(5, 8),
    },
    swemwbs: SWEMWBS_ITEMS.map(() => random.int(2, 3)),
    ucla3: UCLA3_ITEMS.map(() => random.int(2, 3)),
    pam: Math.round(random.between(low, high) * 10) / 10,
  };
}

/**
 * The answers at `progress` (0 at baseline, 1 for someone whose goals were met; negative for
 * someone who got worse), with a little noise so no two people move in lockstep.
 */
export function answersAt(
  measure: Measure,
  base: MeasureProfile,
  progress: number,
  random: Random,
): Record<string, number> {
  const noise = () => (progress === 0 ? 0 : random.int(-1, 1) * 0.5);
  switch (measure) {
    case 'ons4':
      return {
        lifeSatisfaction: clamp(Math.round(base.ons4.lifeSatisfaction + 3 * progress + noise()), 0, 10),
        worthwhile: clamp(Math.round(base.ons4.worthwhile + 2.5 * progress + noise()), 0, 10),
        happy: clamp(Math.round(base.ons4.happy + 3 * progress + noise()), 0, 10),
        anxious: clamp(Math.round(base.ons4.anxious - 3 * progress + noise()), 0, 10),
      };
    case 'swemwbs':
      return Object.fromEntries(
        SWEMWBS_ITEMS.map((item, i) => [
          item.key,
          clamp(Math.round((base.swemwbs[i] ?? 3) + 1.3 * progress + noise()), 1, 5),
        ]),
      );
    case 'ucla3':
      return Object.fromEntries(
        UCLA3_ITEMS.map((item, i) => [
          item.key,
          clamp(Math.round((base.ucla3[i] ?? 2) - 1.4 * progress + noise()), 1, 3),
        ]),
      );
    case 'pam': {
      // The licensed tool gives the score and the level; the demo stands in for it with the cut-offs.
      const score = clamp(Math.round((base.pam + 11 * progress + noise()) * 10) / 10, 0, 100);
      return { score, level: pamLevelForScore(score) };
    }
  }
}

/** Scores exactly as the API would; a demo answer the scoring refuses is a bug in the demo. */
export function scoredAnswers(
  measure: Measure,
  answers: Record<string, number>,
): { answers: Record<string, number>; scores: MeasureScores } {
  const result = scoreMeasure(measure, answers);
  if (!result.ok) throw new Error(`demo ${measure} answers refused: ${JSON.stringify(result.errors)}`);
  return { answers: result.answers, scores: result.scores };
}
