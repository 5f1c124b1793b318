import { z } from 'zod';
import { CLOSURE_REASONS, COMPLEXITIES, PRIORITIES, RECOMMENDABLE_ROLES } from '../../../common/referrals.js';

const CLOSURE_REASON_KEYS = Object.keys(CLOSURE_REASONS) as [
  keyof typeof CLOSURE_REASONS,
  ...(keyof typeof CLOSURE_REASONS)[],
];

export const ZReferralIdParam = z.object({ id: z.uuid('must be a valid referral id') });

export const ZVersion = z
  .number({ message: 'must be the version of the referral you read' })
  .int('must be a whole number')
  .min(1, 'must be the version of the referral you read');

const ZNote = (max: number) => z.string().trim().max(max, `must be at most ${max} characters`);

export const ZTriageDecision = z.object({
  version: ZVersion,
  priority: z.enum(PRIORITIES, { message: `must be one of: ${PRIORITIES.join(', ')}` }),
  complexity: z.enum(COMPLEXITIES, { message: `must be one of: ${COMPLEXITIES.join(', ')}` }),
  predictedPam: z
    .number({ message: 'must be a PAM level from 1 to 4' })
    .int('must be a whole number from 1 to 4')
    .min(1, 'must be a PAM level from 1 to 4')
    .max(4, 'must be a PAM level from 1 to 4'),
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

const ZDays = z
  .number({ message: 'must be a number of days' })
  .int('must be a whole number of days')
  .min(0, 'must be 0 or more days')
  .max(90, 'must be at most 90 days');

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
