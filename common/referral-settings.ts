import { z } from 'zod';
import { zEmailAddress } from './schemas/fields.js';
import { zInt } from './schemas/numbers.js';
import { zText } from './schemas/text.js';

// How a service takes referrals through Waymark (issue 12): operational settings a care
// coordinator, or the organisation's own partner users, set directly (not public listing text,
// so not moderated). Shared by the settings routes and the edit page.

export const REPLY_WORKING_DAYS_MIN = 1;
export const REPLY_WORKING_DAYS_MAX = 30;
export const REPLY_WORKING_DAYS_MESSAGE = `must be a whole number of working days from ${REPLY_WORKING_DAYS_MIN} to ${REPLY_WORKING_DAYS_MAX}`;

const zYesNo = () => z.boolean('must be true or false');

export const ReferralSettingsInputSchema = z.object({
  takesReferrals: zYesNo(),
  takesSelfReferrals: zYesNo(),
  /** Where a secure link goes; empty or null: the listing's own email address. */
  referralEmail: z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? null : v), zEmailAddress().nullable()),
  /**
   * A mobile for secure links by text, when the organisation has no email for referrals (the
   * email wins when both are known). Stored compact ("07700900123"); left out or empty: none.
   */
  referralMobile: z.preprocess(
    (v) => (typeof v === 'string' && v.trim() === '' ? null : v),
    zText(40, { error: { message: 'must be a mobile number, like 07700 900 123' } })
      .transform((value, ctx) => {
        const compact = value.replace(/[\s\-().]/g, '').replace(/^\+44/, '0');
        if (!/^07[0-9]{9}$/.test(compact)) {
          ctx.addIssue({ code: 'custom', message: 'must be a UK mobile number (starting 07), like 07700 900 123' });
          return z.NEVER;
        }
        return compact;
      })
      .nullable()
      .optional(),
  ),
  replyWorkingDays: zInt(REPLY_WORKING_DAYS_MIN, REPLY_WORKING_DAYS_MAX, {
    type: REPLY_WORKING_DAYS_MESSAGE,
    range: REPLY_WORKING_DAYS_MESSAGE,
  }),
});
export type ReferralSettingsInput = z.input<typeof ReferralSettingsInputSchema>;

export const ReferralSettingsViewSchema = z.object({
  service: z.object({ id: z.string(), name: z.string(), organisationName: z.string() }),
  takesReferrals: z.boolean(),
  takesSelfReferrals: z.boolean(),
  /** The settings' own address (null: none set). */
  referralEmail: z.string().nullable(),
  /** Where referral links go when no address is set: the listing's, else its organisation's. */
  listingEmail: z.string().nullable(),
  /** Where referral links go by text when there is no email at all. */
  referralMobile: z.string().nullable(),
  replyWorkingDays: z.number(),
  /** False while the service has no settings of its own (the defaults apply). */
  saved: z.boolean(),
  updatedAt: z.string().nullable(),
  updatedBy: z.string().nullable(),
});
export type ReferralSettingsView = z.infer<typeof ReferralSettingsViewSchema>;
