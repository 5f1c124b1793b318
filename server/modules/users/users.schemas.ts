import { z } from 'zod';
import {
  LIST_PAGE_SIZE,
  LIST_PAGE_SIZE_MAX,
  SORT_DIRECTIONS,
  USER_SORTS,
  USER_STATUSES,
} from '../../../common/admin-lists.js';
import { PASSWORD_MAX_LENGTH } from '../../../common/password-rules.js';
import { ROLES } from '../../../common/roles.js';
import { zInt, zQueryInt, zVersion } from '../../../common/schemas/numbers.js';
import { zText } from '../../../common/schemas/text.js';
import { ZBand, ZFte } from '../../../common/team.js';

// The shape only (text, not absurdly long); the rules of a good password (length counted in
// characters, not common, not the user's email) are checked by newPasswordProblem, which names them.
export const ZPassword = zText(PASSWORD_MAX_LENGTH * 4, { trim: false, multiline: true }).min(1, 'is required');

export const ZEmail = zText(320).toLowerCase().pipe(z.email('must be in the correct format, like name@example.org'));

const ZCapacity = zInt(0, 500, { min: 'must be 0 or more', max: 'must be at most 500' });
const ZName = zText(120).min(2, 'must be at least 2 characters');

export const ZUserCreate = z.object({
  name: ZName,
  email: ZEmail,
  role: z.enum(ROLES, { message: `must be one of: ${ROLES.join(', ')}` }),
  organisationId: z.uuid('must be the id of an organisation'),
  password: ZPassword,
  band: ZBand.nullish(),
  fte: ZFte.nullish(),
  caseloadCapacity: ZCapacity.nullish(),
});

export const ZUserUpdate = z.object({
  version: zVersion('must be the version you read'),
  name: ZName.optional(),
  role: z.enum(ROLES, { message: `must be one of: ${ROLES.join(', ')}` }).optional(),
  active: z.boolean().optional(),
  band: ZBand.nullish(),
  fte: ZFte.nullish(),
  caseloadCapacity: ZCapacity.nullish(),
});

export type TUserCreate = z.infer<typeof ZUserCreate>;
export type TUserUpdate = z.infer<typeof ZUserUpdate>;

const ZListText = zText(100, { tooLong: 'must be at most 100 characters' });

/** The admin's list of users: every filter optional; paging bounded. */
export const ZUserListQuery = z.object({
  q: ZListText.optional(),
  role: z.enum(ROLES, { message: `must be one of: ${ROLES.join(', ')}` }).optional(),
  organisationId: z.uuid('must be the id of an organisation').optional(),
  status: z.enum(USER_STATUSES, { message: `must be one of: ${USER_STATUSES.join(', ')}` }).default('all'),
  sort: z.enum(USER_SORTS, { message: `must be one of: ${USER_SORTS.join(', ')}` }).default('name'),
  dir: z.enum(SORT_DIRECTIONS, { message: 'must be asc or desc' }).default('asc'),
  page: zQueryInt(1, 100_000, { type: 'must be a page number', min: 'must be 1 or more' }).default(1),
  pageSize: zQueryInt(1, LIST_PAGE_SIZE_MAX, {
    type: 'must be a number',
    whole: 'must be a whole number',
    min: 'must be 1 or more',
    max: `must be at most ${LIST_PAGE_SIZE_MAX}`,
  }).default(LIST_PAGE_SIZE),
});
export type TUserListQuery = z.infer<typeof ZUserListQuery>;
