import { z } from 'zod';

export const ZNotificationIdParam = z.object({ id: z.uuid('must be the id of a notification') });

export const ZNotificationListQuery = z.object({
  limit: z.coerce
    .number()
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .max(100, 'must be at most 100')
    .default(50),
});
