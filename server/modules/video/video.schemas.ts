import { z } from 'zod';

export const ZVideoCaseParams = z.object({ id: z.uuid('must be a valid referral id') });

export const ZVideoLinkParams = z.object({
  id: z.uuid('must be a valid referral id'),
  plannedId: z.uuid('must be a valid planned contact id'),
});
