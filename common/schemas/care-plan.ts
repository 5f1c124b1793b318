import { PROGRESS_MAX, PROGRESS_MIN } from '../care-plan.js';
import { zInt } from './numbers.js';

// A goal's progress score, as the API takes it and as the care plan form checks it before sending.

export const PROGRESS_SCORE_MESSAGE = `must be a score from ${PROGRESS_MIN} to ${PROGRESS_MAX}`;

export const zProgressScore = zInt(PROGRESS_MIN, PROGRESS_MAX, {
  type: PROGRESS_SCORE_MESSAGE,
  whole: 'must be a whole number',
  range: PROGRESS_SCORE_MESSAGE,
});
