import { z } from 'zod';
import { CLOSURE_REASONS, COMPLEXITIES, PRIORITIES, RECOMMENDABLE_ROLES } from '../../../common/referrals.js';
import { zInt, zVersion } from '../../../common/schemas/numbers.js';
import { zMultilineText } from '../../../common/schemas/text.js';

const CLOSURE_REASON_KEYS = Object.keys(CLOSURE_REASONS) as [
  keyof typeof CLOSURE_REASONS,
  ...(keyof typeof CLOSURE_REASONS)[],
];

export { ZReferralIdParam } from '../../../common/schemas/ids.js';

export const ZVersion = zVersion('must be the version of the referral you read');

const ZNote = (max: number) => zMultilineText(max);

export const ZTriageDecision = z.object({
  version: ZVersion,
  priority: z.enum(PRIORITIES, { message: `must be one of: ${PRIORITIES.join(', ')}` }),
  complexity: z.enum(COMPLEXITIES, { message: `must be one of: ${COMPLEXITIES.join(', ')}` }),
  predictedPam: zInt(1, 4, {
    type: 'must be a PAM level from 1 to 4',
    whole: 'must be a whole number from 1 to 4',
    range: 'must be a PAM level from 1 to 4',
  }),
  /** Left out (or null): the allocation rules decide the role. */
  recommendedRole: z
    .enum(RECOMMENDABLE_ROLES, { message: `must be one of: ${RECOMMENDABLE_ROLES.join(', ')}` })
    .nullish(),
  signpostingOnly: z.boolean({ message: 'must be true or false' }).default(false),
  notes: ZNote(4000).nullish(),
});
export type TTriageDecision = z.infer<typeof ZTriageDecision>;

export const ZClosure = z.object({
  version: ZVersion,
  reason: z.enum(CLOSURE_REASON_KEYS, { message: `must be one of: ${CLOSURE_REASON_KEYS.join(', ')}` }),
  note: ZNote(4000).nullish(),
});
export type TClosure = z.infer<typeof ZClosure>;

const ZDays = zInt(0, 90, {
  type: 'must be a number of days',
  whole: 'must be a whole number of days',
  min: 'must be 0 or more days',
  max: 'must be at most 90 days',
});

export const ZTriageSettings = z
  .object({ urgentDays: ZDays, soonDays: ZDays, routineDays: ZDays })
  .superRefine((v, ctx) => {
    if (v.soonDays < v.urgentDays) {
      ctx.addIssue({
        code: 'custom',
        path: ['soonDays'],
        message: `must be at least the urgent target (${v.urgentDays} days)`,
      });
    }
    if (v.routineDays < v.soonDays) {
      ctx.addIssue({
        code: 'custom',
        path: ['routineDays'],
        message: `must be at least the soon target (${v.soonDays} days)`,
      });
    }
  });
export type TTriageSettings = z.infer<typeof ZTriageSettings>;

export const ZQueueQuery = z.object({
  status: z.enum(['received', 'triaged'], { message: 'must be received or triaged' }).optional(),
  priority: z.enum(PRIORITIES, { message: `must be one of: ${PRIORITIES.join(', ')}` }).optional(),
  reason: z
    .string()
    .regex(/^[a-z0-9_]{1,64}$/, 'must be a referral reason code')
    .optional(),
  practiceId: z.uuid('must be the id of a practice').optional(),
  safeguarding: z.enum(['yes', 'no'], { message: 'must be yes or no' }).optional(),
});
export type TQueueQuery = z.infer<typeof ZQueueQuery>;
