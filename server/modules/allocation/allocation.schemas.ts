import { z } from 'zod';
import { zDateTime } from '../../../common/schemas/dates.js';
import { zVersion } from '../../../common/schemas/numbers.js';
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

export const ZFirstContact = z.object({
  version: ZVersion,
  outcome: z.enum(FIRST_CONTACT_OUTCOMES, { message: `must be one of: ${FIRST_CONTACT_OUTCOMES.join(', ')}` }),
  at: zDateTime('must be a date and time, like 2026-03-12T10:30:00Z').nullish(),
  note: zMultilineText(4000).nullish(),
});
export type TFirstContact = z.infer<typeof ZFirstContact>;

export const ZMemberIdParam = z.object({ id: z.uuid('must be the id of a member of your team') });

export const ZCover = z.object({
  coverWorkerId: z.uuid('must be the id of a member of your team'),
});
export type TCover = z.infer<typeof ZCover>;
