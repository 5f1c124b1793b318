import { z } from 'zod';
import { DIRECTORY_SORTS, WEEKDAYS } from '../../../../common/directory.js';
import { zPostcode } from '../../../../common/schemas/fields.js';
import { zQueryInt } from '../../../../common/schemas/numbers.js';
import { zMultilineText, zText } from '../../../../common/schemas/text.js';

// Query-string parameters of the directory search (public and staff pages). Everything arrives
// as text; an empty parameter (a search form's blank field) means "not given".

export const MAX_WITHIN_MILES = 200;
export const MAX_PER_PAGE = 100;

const blankAsUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

const wholeNumber = (message: string, min: number, max: number) =>
  z.preprocess(
    blankAsUndefined,
    zQueryInt(min, max, { type: message, min: `must be ${min} or more`, max: `must be ${max} or less` }).optional(),
  );

export const ZDirectorySearchQuery = z.object({
  text: z.preprocess(blankAsUndefined, zText(200, { error: { message: 'must be text' } }).optional()),
  category: z.preprocess(blankAsUndefined, z.uuid('must be a category id').optional()),
  age: wholeNumber('must be a whole number of years', 0, 130),
  day: z.preprocess(
    (v) => (typeof v === 'string' ? blankAsUndefined(v.toUpperCase()) : v),
    z.enum(WEEKDAYS, { message: `must be one of: ${WEEKDAYS.join(', ')}` }).optional(),
  ),
  postcode: z.preprocess(blankAsUndefined, zPostcode().optional()),
  within_miles: z.preprocess(
    blankAsUndefined,
    z.coerce
      .number({ message: 'must be a number of miles' })
      .positive('must be more than 0')
      .max(MAX_WITHIN_MILES, `must be ${MAX_WITHIN_MILES} or less`)
      .optional(),
  ),
  sort: z.preprocess(
    blankAsUndefined,
    z.enum(DIRECTORY_SORTS, { message: `must be one of: ${DIRECTORY_SORTS.join(', ')}` }).optional(),
  ),
  include_closed: z.preprocess(
    blankAsUndefined,
    z
      .enum(['true', 'false', '1', '0'], { message: 'must be true or false' })
      .transform((v) => v === 'true' || v === '1')
      .optional(),
  ),
  page: wholeNumber('must be a whole number', 1, 10_000),
  per_page: wholeNumber('must be a whole number', 1, MAX_PER_PAGE),
});
export type TDirectorySearchQuery = z.infer<typeof ZDirectorySearchQuery>;

export const ZServiceIdParam = z.object({ id: z.uuid('must be a service id') });

/** A member of the public's "this is out of date" report. */
export const ZDirectoryReport = z.object({
  message: zMultilineText(2000, { error: { message: 'must be text: say what is out of date' } }).min(
    1,
    'must not be empty: say what is out of date',
  ),
  reporter_email: z.preprocess(
    blankAsUndefined,
    z
      .email('must be in the correct format, like name@example.org')
      .max(320, 'must be at most 320 characters')
      .optional(),
  ),
});
export type TDirectoryReport = z.infer<typeof ZDirectoryReport>;
