import { z } from 'zod';
import { RECEIPT_STATUSES } from '../../../common/resident-messages.js';
import { zDateTime } from '../../../common/schemas/dates.js';
import { MAX_LENGTH } from '../../../common/schemas/fields.js';
import { zQueryInt } from '../../../common/schemas/numbers.js';
import { zText } from '../../../common/schemas/text.js';

export const ZNotificationIdParam = z.object({ id: z.uuid('must be the id of a notification') });

export const ZNotificationListQuery = z.object({
  limit: zQueryInt(1, 100, { min: 'must be at least 1', max: 'must be at most 100' }).default(50),
});

/**
 * A GOV.UK Notify delivery receipt, as Notify POSTs it to the callback URL. Only `id` and
 * `status` are used; the rest is checked for shape so a malformed call is answered 400.
 */
export const ZNotifyReceipt = z.object({
  id: z.uuid('must be the id of a Notify notification'),
  reference: zText(1000, { error: 'must be a string or null' }).nullable(),
  // A phone number or an email address never has a date's shape (yyyy-mm-dd…).
  to: zText(MAX_LENGTH.emailAddress, { error: 'must be the phone number or email address' }).refine(
    (v) => !/^[+-]?\d{4,6}-\d{2}-\d{2}/.test(v),
    { message: 'must be the phone number or email address' },
  ),
  status: z.enum(RECEIPT_STATUSES, { message: `must be one of ${RECEIPT_STATUSES.join(', ')}` }),
  created_at: zDateTime(),
  completed_at: zDateTime().nullable(),
  sent_at: zDateTime().nullable(),
  notification_type: z.enum(['sms', 'email'], { message: 'must be sms or email' }),
});
export type TNotifyReceipt = z.infer<typeof ZNotifyReceipt>;
