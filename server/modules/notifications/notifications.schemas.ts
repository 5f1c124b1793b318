import { z } from 'zod';
import { zQueryInt } from '../../../common/schemas/numbers.js';

export const ZNotificationIdParam = z.object({ id: z.uuid('must be the id of a notification') });

export const ZNotificationListQuery = z.object({
  limit: zQueryInt(1, 100, { min: 'must be at least 1', max: 'must be at most 100' }).default(50),
});
