import { z } from 'zod';
import { MEASURES, TIMEPOINTS } from '../../../common/outcome-measures.js';
import { zDate } from '../../../common/schemas/dates.js';
import { zText } from '../../../common/schemas/text.js';

export { ZReferralIdParam } from '../../../common/schemas/ids.js';

// The answers are checked item by item by scoring.ts, so that every bad or missing item is named
// at once (`answers.swemwbs3: must be 1 to 5`); here only their outer shape.
export const ZRecordOutcomeMeasure = z.object({
  measure: z.enum(MEASURES, { message: `must be one of: ${MEASURES.join(', ')}` }),
  timepoint: z.enum(TIMEPOINTS, { message: `must be one of: ${TIMEPOINTS.join(', ')}` }),
  /** The day the person answered; today (UK) when not given. */
  administeredOn: zDate('must be a date, like 2026-03-12').nullish(),
  answers: z
    .record(zText(40, { trim: false }), z.unknown(), { message: 'must be an object of item answers' })
    .refine((a) => Object.keys(a).length <= 20, 'has too many items'),
});
export type TRecordOutcomeMeasure = z.infer<typeof ZRecordOutcomeMeasure>;
