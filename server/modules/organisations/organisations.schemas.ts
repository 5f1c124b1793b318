import { z } from 'zod';
import {
  LIST_PAGE_SIZE,
  LIST_PAGE_SIZE_MAX,
  ORGANISATION_SORTS,
  ORGANISATION_STATUSES,
  ORGANISATION_TYPES,
  SORT_DIRECTIONS,
} from '../../../common/admin-lists.js';
import { zPostcode } from '../../../common/schemas/fields.js';
import { zQueryInt } from '../../../common/schemas/numbers.js';
import { zText } from '../../../common/schemas/text.js';

// ODS-shaped codes (reference/nhs-data.md). Demo data invents codes in these shapes.
export const ZPcnCode = zText(20)
  .toUpperCase()
  .regex(/^U[0-9]{5}$/, 'must be a PCN ODS code: U followed by 5 digits, like U12345');
export const ZPracticeCode = zText(20)
  .toUpperCase()
  .regex(/^[A-Z][0-9]{5}$/, 'must be a GP practice ODS code: a letter then 5 digits, like B86001');
export const ZIcbCode = zText(20)
  .toUpperCase()
  .regex(/^[A-Z0-9]{3}$/, 'must be an ICB ODS code of 3 letters or digits, like QWO');
const ZName = zText(200).min(2, 'must be at least 2 characters');

export const ZPcnCreate = z.object({ icbId: z.uuid('must be an ICB id'), code: ZPcnCode, name: ZName });
export const ZPracticeCreate = z.object({ pcnId: z.uuid('must be a PCN id'), code: ZPracticeCode, name: ZName });
export const ZVcsCreate = z.object({
  icbId: z.uuid('must be an ICB id'),
  name: ZName,
  charityNumber: zText(20)
    .regex(/^[0-9]{6,8}(-[0-9]{1,2})?$/, 'must be a charity number of 6 to 8 digits, like 1123456')
    .nullish(),
});
export const ZIdParam = z.object({ id: z.uuid('must be a valid id') });

/** The tree feeds pickers, so retired organisations are left out unless asked for (to find their records). */
export const ZOrganisationTreeQuery = z.object({
  include: z.enum(['retired'], { message: 'must be retired, or left out' }).optional(),
});

export type TPcnCreate = z.infer<typeof ZPcnCreate>;
export type TPracticeCreate = z.infer<typeof ZPracticeCreate>;
export type TVcsCreate = z.infer<typeof ZVcsCreate>;

export const ZOrganisationListQuery = z.object({
  q: zText(100, { tooLong: 'must be at most 100 characters' }).optional(),
  type: z.enum(ORGANISATION_TYPES, { message: `must be one of: ${ORGANISATION_TYPES.join(', ')}` }).optional(),
  status: z
    .enum(ORGANISATION_STATUSES, { message: `must be one of: ${ORGANISATION_STATUSES.join(', ')}` })
    .default('active'),
  sort: z.enum(ORGANISATION_SORTS, { message: `must be one of: ${ORGANISATION_SORTS.join(', ')}` }).default('name'),
  dir: z.enum(SORT_DIRECTIONS, { message: 'must be asc or desc' }).default('asc'),
  page: zQueryInt(1, 100_000, { type: 'must be a page number', min: 'must be 1 or more' }).default(1),
  pageSize: zQueryInt(1, LIST_PAGE_SIZE_MAX, {
    type: 'must be a number',
    min: 'must be 1 or more',
    max: `must be at most ${LIST_PAGE_SIZE_MAX}`,
  }).default(LIST_PAGE_SIZE),
});
export type TOrganisationListQuery = z.infer<typeof ZOrganisationListQuery>;

/** The largest practice list the figures accept (the database checks the same range). */
export const LIST_SIZE_MAX = 200_000;

/** What an administrator may change; the code's shape depends on the kind (checked by the use-case). */
export const ZOrganisationUpdate = z.object({
  name: ZName.optional(),
  code: zText(20).toUpperCase().nullable().optional(),
  email: zText(320)
    .toLowerCase()
    .pipe(z.email('must be in the correct format, like name@example.org'))
    .nullable()
    .optional(),
  listSize: z
    .number({ message: 'must be a whole number of registered patients' })
    .int('must be a whole number of registered patients')
    .min(0, 'must be 0 or more')
    .max(LIST_SIZE_MAX, `must be at most ${LIST_SIZE_MAX.toLocaleString('en-GB')}`)
    .nullable()
    .optional(),
  /** A practice's postcode: a self-referrer who does not know their surgery is sent to the nearest. */
  postcode: zPostcode().nullable().optional(),
  /** A PCN team's phone and email for residents (status page, confirmation messages). */
  publicPhone: zText(40)
    .trim()
    .refine((v) => /^(\+44|0)[0-9]{9,10}$/.test(v.replace(/[\s\-().]/g, '')), {
      message: 'must be a UK phone number, like 0191 498 0001',
    })
    .nullable()
    .optional(),
  publicEmail: zText(320)
    .toLowerCase()
    .pipe(z.email('must be in the correct format, like team@example.org'))
    .nullable()
    .optional(),
  // A practice's referrals, cases and staff belong to its PCN's team, so moving it would move them
  // too: refused with the reason rather than silently ignored.
  pcnId: z
    .undefined({
      message:
        "cannot be changed: a practice's referrals, cases and staff belong to its PCN's team, and Waymark does not move them between PCNs",
    })
    .optional(),
});
export type TOrganisationUpdate = z.infer<typeof ZOrganisationUpdate>;

export const ZRetirement = z.object({
  reason: zText(500, { error: { message: 'must say why' } }).min(1, 'must say why'),
});
