import { z } from 'zod';
import { CONTACT_DURATION_MAX, CONTACT_MODES } from '../../../common/cases.js';
import { zDateTime } from '../../../common/schemas/dates.js';
import { zInt, zVersion } from '../../../common/schemas/numbers.js';
import { zMultilineText } from '../../../common/schemas/text.js';

export { ZReferralIdParam } from '../triage/triage.schemas.js';

const ZVersion = zVersion('must be the version of the referral you read');

export const ZAllocate = z.object({
  version: ZVersion,
  workerId: z.uuid('must be the id of a member of your team'),
  /** Needed when the lead chooses someone other than Waymark's suggestion. */
  overrideReason: zMultilineText(1000).nullish(),
});
export type TAllocate = z.infer<typeof ZAllocate>;

export const ZAllocateAll = z.object({
  dryRun: z.boolean({ message: 'must be true or false' }).default(false),
  /** The plan the lead previewed: refused (409) if the queue or the team has changed since. */
  planId: z
    .string()
    .regex(/^[a-f0-9]{64}$/, 'must be the plan id from the preview')
    .nullish(),
});
export type TAllocateAll = z.infer<typeof ZAllocateAll>;

export const FIRST_CONTACT_OUTCOMES = ['accepted', 'declined', 'not_contactable'] as const;

/**
 * When the person was reached (accepted or declined), the first contact is a contact like any
 * other — how and for how long — so the case, the caseload and the GP message all count it.
 */
export const ZFirstContact = z
  .object({
    version: ZVersion,
    outcome: z.enum(FIRST_CONTACT_OUTCOMES, { message: `must be one of: ${FIRST_CONTACT_OUTCOMES.join(', ')}` }),
    at: zDateTime('must be a date and time, like 2026-03-12T10:30:00Z').nullish(),
    mode: z.enum(CONTACT_MODES, { message: `must be one of: ${CONTACT_MODES.join(', ')}` }).nullish(),
    durationMinutes: zInt(1, CONTACT_DURATION_MAX, {
      type: 'must be a number of minutes',
      whole: 'must be a whole number of minutes',
      min: 'must be at least 1 minute',
      max: `must be at most ${CONTACT_DURATION_MAX} minutes (8 hours)`,
    }).nullish(),
    note: zMultilineText(4000).nullish(),
  })
  .superRefine((v, ctx) => {
    if (v.outcome === 'not_contactable') return;
    if (!v.mode) ctx.addIssue({ code: 'custom', path: ['mode'], message: 'is required: say how you reached them' });
    if (!v.durationMinutes) {
      ctx.addIssue({ code: 'custom', path: ['durationMinutes'], message: 'is required: say how long the contact was' });
    }
  });
export type TFirstContact = z.infer<typeof ZFirstContact>;

export const ZMemberIdParam = z.object({ id: z.uuid('must be the id of a member of your team') });

export const ZCover = z.object({
  coverWorkerId: z.uuid('must be the id of a member of your team'),
});
export type TCover = z.infer<typeof ZCover>;
