import { z } from 'zod';
import { zVersion } from '../../../../common/schemas/numbers.js';
import { zMultilineText } from '../../../../common/schemas/text.js';
import { ZListingInput } from '../listings/listings.service.js';

export const ZServiceIdParam = z.object({ serviceId: z.uuid('must be a service id') });
export const ZChangeIdParam = z.object({ changeId: z.uuid('must be a change id') });
export const ZReportParams = ZServiceIdParam.extend({ reportId: z.uuid('must be a report id') });

const version = (what: string) => zVersion(`must be the version of the listing you ${what}`);

/** A reason a person writes down (retiring, dismissing a report, rejecting a change). */
export const ZReasonBody = z.object({
  reason: zMultilineText(1000, { error: { message: 'must say why' } }).min(1, 'must say why'),
});
export type TReasonBody = z.infer<typeof ZReasonBody>;

export const ZReviewEditBody = z.object({
  expected_version: version('opened'),
  listing: ZListingInput,
  /** Confidential places of the listing the reviewer makes public, explicitly (audited). */
  lift_confidentiality_of: z
    .array(z.uuid('must be the id of one of the listing’s places'), { message: 'must be a list of place ids' })
    .max(20, 'must have at most 20 places')
    .default([]),
});
export type TReviewEditBody = z.output<typeof ZReviewEditBody>;

export const ZProposeChangeBody = z.object({
  base_version: version('edited'),
  proposed: ZListingInput,
});
export type TProposeChangeBody = z.output<typeof ZProposeChangeBody>;
