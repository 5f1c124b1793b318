import { z } from 'zod';
import { zDateTime } from '../../../common/schemas/dates.js';
import { zInt } from '../../../common/schemas/numbers.js';
import { zMultilineText, zText } from '../../../common/schemas/text.js';
import {
  GROUP_CAPACITY_MAX,
  GROUP_DESCRIPTION_MAX,
  GROUP_NAME_MAX,
  GROUP_TEXT_MAX,
  OTHERS_MAX,
  REGISTER_MAX,
  SESSION_DURATION_MAX,
} from '../../../common/team-groups.js';

const zId = (message: string) => zText(40).pipe(z.uuid(message));
const zVersion = zInt(1, 2_147_483_647, { type: 'must be the version you saw' });

export const ZGroupDetails = z.object({
  name: zText(GROUP_NAME_MAX).min(1, 'must not be empty'),
  description: zMultilineText(GROUP_DESCRIPTION_MAX),
  schedule: zText(GROUP_TEXT_MAX).min(1, 'must say when the group meets, like "Wednesdays, 10am to 11am"'),
  venue: zText(GROUP_TEXT_MAX).min(1, 'must say where the group meets'),
  capacity: zInt(1, GROUP_CAPACITY_MAX),
  /** The Directory of Services listing the public finds the group by; null: not listed. */
  directoryServiceId: zId('must be the id of a listing in your directory').nullable(),
  staffIds: z.array(zId('must be the id of a member of your team')).max(20, 'must name at most 20 people'),
  volunteerIds: z.array(zId('must be the id of one of your volunteers')).max(20, 'must name at most 20 volunteers'),
});
export type TGroupDetails = z.infer<typeof ZGroupDetails>;

export const ZGroupUpdate = ZGroupDetails.extend({ version: zVersion, closed: z.boolean() });
export type TGroupUpdate = z.infer<typeof ZGroupUpdate>;

export const ZSessionCreate = z.object({
  startsAt: zDateTime(),
  durationMinutes: zInt(1, SESSION_DURATION_MAX),
});
export type TSessionCreate = z.infer<typeof ZSessionCreate>;

export const ZRegisterSave = z.object({
  referralIds: z
    .array(zId('must be the id of one of your team’s open cases'))
    .max(REGISTER_MAX, `must name at most ${REGISTER_MAX} people`),
  othersCount: zInt(0, OTHERS_MAX),
  version: zVersion,
});
export type TRegisterSave = z.infer<typeof ZRegisterSave>;

export const ZGroupIdParam = z.object({ id: z.uuid('must be a valid id') });
export const ZSessionParams = ZGroupIdParam.extend({ sessionId: z.uuid('must be a valid id') });
export const ZOpenCaseQuery = z.object({
  q: zText(100).min(2, 'must be at least 2 characters: part of a name or an NHS number'),
});
