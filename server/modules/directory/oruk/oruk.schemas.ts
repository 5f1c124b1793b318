import { z } from 'zod';
import { WEEKDAYS, type Weekday } from '../../../../common/directory.js';
import { DATE_RANGE_MESSAGE, isCalendarDate, isInstantInRange } from '../../../../common/schemas/dates.js';
import { zPostcode } from '../../../../common/schemas/fields.js';
import { zQueryInt } from '../../../../common/schemas/numbers.js';
import { zText } from '../../../../common/schemas/text.js';

// Query parameters of the Open Referral UK API (reference: the standard's openapi.json,
// components.parameters). Unknown parameters (full, minimal, format …) are ignored, as a
// consumer written for another ORUK feed may send them. A bad value is a 400 naming the
// parameter, never a silently ignored filter.

export const ORUK_MAX_PER_PAGE = 200;
export const ORUK_DEFAULT_PER_PAGE = 50;
/** Proximity is in metres (openapi.json: "within meters from the centroid"); 200 km is plenty. */
export const ORUK_MAX_PROXIMITY_METRES = 200_000;

const whole = (what: string, min: number, max: number) => zQueryInt(min, max, { type: `must be ${what}` });

const ZId = z.uuid('must be an id (a UUID)').optional();

const ZAge = z.coerce
  .number({ message: 'must be an age in years' })
  .min(0, 'must be between 0 and 130')
  .max(130, 'must be between 0 and 130')
  .optional();

const ZTime = zText(8)
  .regex(/^([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?$/, 'must be a time, like 09:30')
  .transform((v) => (v.length === 5 ? `${v}:00` : v))
  .optional();

const DAY_NAMES: Record<string, Weekday> = {
  monday: 'MO',
  tuesday: 'TU',
  wednesday: 'WE',
  thursday: 'TH',
  friday: 'FR',
  saturday: 'SA',
  sunday: 'SU',
};

/**
 * The standard says only "a day equal to the specified value"; its schedules use iCal day codes
 * (byday "MO,TU"), so the codes are the value. English day names are accepted too.
 */
const ZDay = zText(20)
  .transform((v, ctx) => {
    const t = v.trim();
    const code = (WEEKDAYS as readonly string[]).includes(t.toUpperCase())
      ? (t.toUpperCase() as Weekday)
      : DAY_NAMES[t.toLowerCase()];
    if (!code) {
      ctx.addIssue({ code: 'custom', message: 'must be a day: MO, TU, WE, TH, FR, SA or SU' });
      return z.NEVER;
    }
    return code;
  })
  .optional();

/**
 * RFC 3339 date-time (with an offset or Z), or a plain date meaning its start in UTC. The date
 * must exist (JavaScript would read 2025-02-30 as 2 March) and lie within the years PostgreSQL
 * and JavaScript both hold (no year 0, no year 10000).
 */
const ZModifiedAfter = zText(40)
  .transform((t, ctx) => {
    const ok =
      /^\d{4}-\d{2}-\d{2}$/.test(t) ||
      /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:?\d{2})$/i.test(t);
    const at =
      ok && isCalendarDate(t.slice(0, 10)) ? new Date(t.length === 10 ? `${t}T00:00:00Z` : t.replace(' ', 'T')) : null;
    if (!at || Number.isNaN(at.getTime())) {
      ctx.addIssue({ code: 'custom', message: 'must be a date-time, like 2026-03-12T09:30:00Z' });
      return z.NEVER;
    }
    if (!isInstantInRange(at.getTime())) {
      ctx.addIssue({ code: 'custom', message: DATE_RANGE_MESSAGE });
      return z.NEVER;
    }
    return at;
  })
  .optional();

const ZPaging = {
  page: whole('a page number', 1, 100_000).default(1),
  per_page: whole('a whole number', 1, ORUK_MAX_PER_PAGE).default(ORUK_DEFAULT_PER_PAGE),
};

export const ZOrukServicesQuery = z.object({
  search: zText(200).optional(),
  taxonomy_term_id: ZId,
  taxonomy_id: ZId,
  organization_id: ZId,
  minimum_age: ZAge,
  maximum_age: ZAge,
  day: ZDay,
  start_time: ZTime,
  end_time: ZTime,
  modified_after: ZModifiedAfter,
  ...ZPaging,
});
export type TOrukServicesQuery = z.infer<typeof ZOrukServicesQuery>;

export const ZOrukServiceAtLocationsQuery = ZOrukServicesQuery.extend({
  postcode: zPostcode().optional(),
  proximity: z.coerce
    .number({ message: 'must be a distance in metres' })
    .positive('must be a distance in metres, more than 0')
    .max(ORUK_MAX_PROXIMITY_METRES, `must be at most ${ORUK_MAX_PROXIMITY_METRES} metres`)
    .optional(),
});
export type TOrukServiceAtLocationsQuery = z.infer<typeof ZOrukServiceAtLocationsQuery>;

export const ZOrukPageQuery = z.object(ZPaging);
export type TOrukPageQuery = z.infer<typeof ZOrukPageQuery>;

export const ZOrukTaxonomyTermsQuery = z.object({
  top_only: z
    .enum(['true', 'false', '1', '0'], { message: 'must be true or false' })
    .transform((v) => v === 'true' || v === '1')
    .optional(),
  parent_id: ZId,
  taxonomy_id: ZId,
  ...ZPaging,
});
export type TOrukTaxonomyTermsQuery = z.infer<typeof ZOrukTaxonomyTermsQuery>;

/** Ids in paths: a malformed id is simply not found (404), as it can name nothing. */
export const ZOrukIdParam = z.object({ id: zText(100, { trim: false }) });
