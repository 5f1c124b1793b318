import { z } from 'zod';

import { LEAVE_REASONS, type LeaveReason } from '../../../common/front-door-types.js';
import { zDate } from '../../../common/schemas/dates.js';

export { LEAVE_REASONS, type LeaveReason };

export const LEAVE_REASON_LABELS: Record<LeaveReason, string> = {
  annual_leave: 'Annual leave',
  sickness: 'Sickness',
  training: 'Training',
  other: 'Other',
};

/** A calendar date, YYYY-MM-DD, that exists (no 31 February), between 1900 and 2199. */
export const ZCalendarDate = zDate('must be a real date, like 2026-03-12');

export const ZLeaveCreate = z
  .object({
    userId: z.uuid('must be the id of a member of your team'),
    startsOn: ZCalendarDate,
    endsOn: ZCalendarDate,
    reason: z.enum(LEAVE_REASONS, { message: `must be one of: ${LEAVE_REASONS.join(', ')}` }),
  })
  .superRefine((v, ctx) => {
    if (v.endsOn < v.startsOn) {
      ctx.addIssue({ code: 'custom', path: ['endsOn'], message: 'must be the same as or after the start date' });
    }
  });

export type TLeaveCreate = z.infer<typeof ZLeaveCreate>;

export const ZIdParam = z.object({ id: z.uuid('must be a valid id') });
