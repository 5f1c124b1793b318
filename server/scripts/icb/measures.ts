import type { Measure } from '../../../common/outcome-measures.js';
import { answersAt, baselineProfile, scoredAnswers } from '../../seed/cases/measures.js';
import { isoDay } from './calendar.js';
import type { Journey } from './journey.js';
import type { IcbRandom } from './random.js';
import type { TableWriter } from './table-writer.js';
import { OUTCOME_MEASURES } from './tables.js';

// Outcome measures for a case: a baseline at first contact for most, a review for longer cases,
// and a discharge measure for many discharged ones. Answers move with how the case ended (goals
// met: clearly better; disengaged: about the same) and are scored by the app's own scoring, so
// every stored score is the one the API would have stored.

const WELLBEING: Measure[] = ['ons4', 'swemwbs', 'ucla3'];

/** How far towards "goals met" the person has moved by the end, by discharge reason. */
function progressBy(random: IcbRandom, reason: string): number {
  if (reason === 'goals_met') return random.between(0.2, 1.1);
  if (reason === 'disengaged' || reason === 'declined_further_support') return random.between(-0.4, 0.4);
  return random.between(-0.3, 0.8);
}

export function writeOutcomeMeasures(
  writer: TableWriter,
  random: IcbRandom,
  c: {
    icbId: string;
    journey: Journey;
    worker: string;
    first: number;
    end: number;
    discharged: boolean;
    reason: string;
  },
): void {
  if (!random.chance(0.72)) return;
  const j = c.journey;
  const coached = j.worker?.role === 'health_coach';
  const measures = coached ? [...WELLBEING, 'pam' as const] : WELLBEING;
  const profile = baselineProfile(random, random.int(1, 4));
  const progress = progressBy(random, c.reason);
  const review = c.end - c.first > 50 * 86_400_000 && random.chance(0.45) ? c.first + (c.end - c.first) / 2 : null;
  const atDischarge = c.discharged && random.chance(0.7);
  for (const measure of measures) {
    const add = (timepoint: string, at: number, p: number) => {
      const { answers, scores } = scoredAnswers(measure, answersAt(measure, profile, p, random));
      writer.add(OUTCOME_MEASURES, [
        j.person.id,
        j.id,
        c.icbId,
        j.pcn.id,
        measure,
        timepoint,
        JSON.stringify(answers),
        JSON.stringify(scores),
        c.worker,
        new Date(at),
        isoDay(at),
      ]);
    };
    add('baseline', c.first, 0);
    if (review !== null) add('review', review, progress / 2);
    if (atDischarge) add('discharge', c.end, progress);
  }
}
