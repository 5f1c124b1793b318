import { z } from 'zod';
import { zDate } from '../../../common/schemas/dates.js';
import { zEmailAddress, zPostcode } from '../../../common/schemas/fields.js';
import { zInt } from '../../../common/schemas/numbers.js';
import { zMultilineText, zText } from '../../../common/schemas/text.js';
import {
  BEFRIENDING_END_REASONS,
  VOLUNTEER_AVAILABILITY_MAX,
  VOLUNTEER_CHECK_KINDS,
  VOLUNTEER_END_REASONS,
  VOLUNTEER_MINUTES_MAX,
  VOLUNTEER_NAME_MAX,
  VOLUNTEER_NOTE_MAX,
  VOLUNTEER_ROLES,
} from '../../../common/volunteers.js';

const ZDay = zDate('must be a real date, like 2026-03-12');
const oneOf = <T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, { message: `must be one of: ${values.join(', ')}` });
const zVersion = zInt(1, 2_147_483_647, { type: 'must be the version you saw' });

export const ZVolunteerDetails = z.object({
  name: zText(VOLUNTEER_NAME_MAX).min(1, 'must not be empty'),
  email: zEmailAddress().nullable(),
  phone: zText(30)
    .regex(/^[0-9 +()-]*$/, 'must be a phone number: digits, spaces and + ( ) - only')
    .nullable(),
  postcode: zPostcode().nullable(),
  role: oneOf(VOLUNTEER_ROLES),
  availability: zMultilineText(VOLUNTEER_AVAILABILITY_MAX).nullable(),
});

export const ZVolunteerCreate = ZVolunteerDetails.extend({ startedOn: ZDay });
export type TVolunteerCreate = z.infer<typeof ZVolunteerCreate>;

export const ZVolunteerUpdate = ZVolunteerDetails.extend({ version: zVersion });
export type TVolunteerUpdate = z.infer<typeof ZVolunteerUpdate>;

export const ZCheckCreate = z
  .object({
    kind: oneOf(VOLUNTEER_CHECK_KINDS),
    detail: zText(VOLUNTEER_NOTE_MAX).nullable(),
    completedOn: ZDay,
    expiresOn: ZDay.nullable(),
  })
  .superRefine((v, ctx) => {
    if (v.expiresOn && v.expiresOn <= v.completedOn) {
      ctx.addIssue({ code: 'custom', path: ['expiresOn'], message: 'must be after the date it was done' });
    }
  });
export type TCheckCreate = z.infer<typeof ZCheckCreate>;

export const ZHoursCreate = z.object({
  workedOn: ZDay,
  minutes: zInt(1, VOLUNTEER_MINUTES_MAX),
  activity: zText(VOLUNTEER_NOTE_MAX).min(1, 'must not be empty'),
});
export type THoursCreate = z.infer<typeof ZHoursCreate>;

export const ZVolunteerEnd = z.object({
  endedOn: ZDay,
  reason: oneOf(VOLUNTEER_END_REASONS),
  version: zVersion,
});
export type TVolunteerEnd = z.infer<typeof ZVolunteerEnd>;

export const ZBefriendingStart = z.object({
  referralId: zText(40).pipe(z.uuid('must be the id of one of your team’s open cases')),
});
export const ZBefriendingEnd = z.object({ reason: oneOf(BEFRIENDING_END_REASONS) });

export const ZVolunteerIdParam = z.object({ id: z.uuid('must be a valid id') });
export const ZBefriendingParams = ZVolunteerIdParam.extend({ assignmentId: z.uuid('must be a valid id') });
