import { z } from 'zod';
import {
  DEFAULT_REVIEW_INTERVAL_MONTHS,
  type ListingInput,
  LOCATION_TYPES,
  REFERRAL_CAPACITIES,
  SERVICE_STATUSES,
  WEEKDAYS,
} from '../../../../common/directory.js';
import { zDate } from '../../../../common/schemas/dates.js';
import { MAX_LENGTH, zPostcode } from '../../../../common/schemas/fields.js';
import { zInt } from '../../../../common/schemas/numbers.js';
import { CONTROL_CHARACTERS_MESSAGE, SINGLE_LINE_TEXT, zText } from '../../../../common/schemas/text.js';

// The listing document as people send it (edit form, partner proposal, import). Error paths
// name the field as the document does: "locations.0.address.postal_code".

// Descriptions and notes may run over several lines; names, addresses and the like may not.
const text = (max: number, multiline = false) => zText(max, { multiline, error: { message: 'must be text' } });

const optionalText = (max: number, multiline = false) =>
  text(max, multiline)
    .nullish()
    .transform((v) => (v ? v : null));

const requiredText = (max: number, what: string) => text(max).min(1, `must not be empty: give ${what}`);

const ZId = z.uuid('must be an id (a UUID)').optional();

const ZAge = zInt(0, 130, {
  type: 'must be a whole number of years',
  min: 'must be 0 or more',
  max: 'must be 130 or less',
})
  .nullish()
  .transform((v) => v ?? null);

const ZDate = zDate('must be a date, like 2026-03-12').nullish();

const ZTime = zText(8, { error: { message: 'must be a time, like 09:30' } })
  .regex(/^([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?$/, 'must be a time, like 09:30')
  .nullish()
  .transform((v) => (v ? v.slice(0, 5) : null));

const ZEmail = z
  .email('must be in the correct format, like name@example.org')
  .max(MAX_LENGTH.emailAddress, `must be at most ${MAX_LENGTH.emailAddress} characters`)
  .regex(SINGLE_LINE_TEXT, CONTROL_CHARACTERS_MESSAGE)
  .nullish()
  .or(z.literal('').transform(() => null))
  .transform((v) => v ?? null);

const ZUrl = z
  .url({ protocol: /^https?$/, message: 'must be a web address starting https://' })
  .max(500, 'must be at most 500 characters')
  .regex(SINGLE_LINE_TEXT, CONTROL_CHARACTERS_MESSAGE)
  .nullish()
  .or(z.literal('').transform(() => null))
  .transform((v) => v ?? null);

const DAY = `(${WEEKDAYS.join('|')})`;
const WEEKLY_BYDAY = new RegExp(`^${DAY}(,${DAY})*$`);
const MONTHLY_BYDAY = new RegExp(`^(-1|[1-4])${DAY}(,(-1|[1-4])${DAY})*$`);
const BYMONTHDAY = /^([1-9]|[12][0-9]|3[01])(,([1-9]|[12][0-9]|3[01]))*$/;

export const ZListingSchedule = z
  .object({
    id: ZId,
    freq: z.enum(['WEEKLY', 'MONTHLY'], { message: 'must be WEEKLY or MONTHLY' }),
    interval: zInt(1, 12, { min: 'must be 1 or more', max: 'must be 12 or less' }).nullish(),
    byday: text(100).toUpperCase().nullish(),
    bymonthday: text(100).nullish(),
    opens_at: ZTime,
    closes_at: ZTime,
    valid_from: ZDate,
    valid_to: ZDate,
    description: optionalText(500, true),
    notes: optionalText(500, true),
    attending_type: optionalText(200),
    location_id: z.uuid('must be the id of one of the listing’s locations').nullish(),
  })
  .superRefine((s, ctx) => {
    if (s.freq === 'WEEKLY' && !(s.byday && WEEKLY_BYDAY.test(s.byday))) {
      ctx.addIssue({ code: 'custom', path: ['byday'], message: 'must list days like MO,WE for a weekly session' });
    }
    if (s.freq === 'MONTHLY') {
      const byday = s.byday ? MONTHLY_BYDAY.test(s.byday) : false;
      const bymonthday = s.bymonthday ? BYMONTHDAY.test(s.bymonthday) : false;
      if (s.byday && !byday) {
        ctx.addIssue({
          code: 'custom',
          path: ['byday'],
          message: 'must be like 1TU (first Tuesday) or -1FR (last Friday)',
        });
      } else if (s.bymonthday && !bymonthday) {
        ctx.addIssue({ code: 'custom', path: ['bymonthday'], message: 'must be days of the month like 1,15' });
      } else if (!byday && !bymonthday) {
        ctx.addIssue({
          code: 'custom',
          path: ['byday'],
          message: 'must say which day of the month, like 1TU (first Tuesday)',
        });
      }
    }
    if (s.opens_at && s.closes_at && s.closes_at <= s.opens_at) {
      ctx.addIssue({ code: 'custom', path: ['closes_at'], message: 'must be after the opening time' });
    }
    if (s.valid_from && s.valid_to && s.valid_to < s.valid_from) {
      ctx.addIssue({ code: 'custom', path: ['valid_to'], message: 'must not be before valid_from' });
    }
  });

const ZAddress = z.object({
  address_1: requiredText(200, 'the first line of the address'),
  address_2: optionalText(200),
  city: requiredText(100, 'the town or city'),
  region: optionalText(100),
  postal_code: zPostcode(),
});

export const ZListingLocation = z
  .object({
    id: ZId,
    location_type: z.enum(LOCATION_TYPES, { message: `must be one of: ${LOCATION_TYPES.join(', ')}` }),
    name: requiredText(200, 'a name for the place'),
    description: optionalText(1000, true),
    latitude: z.number().min(-90).max(90).nullish(),
    longitude: z.number().min(-180).max(180).nullish(),
    confidential: z.boolean({ message: 'must be true or false' }).optional().default(false),
    address: ZAddress.nullish(),
    accessibility: z.array(text(500).min(1, 'must not be empty')).max(20).default([]),
  })
  .superRefine((l, ctx) => {
    if (l.location_type === 'physical' && !l.address) {
      ctx.addIssue({ code: 'custom', path: ['address'], message: 'must be given for a physical location' });
    }
  });

export const ZListingInput = z
  .object({
    id: ZId,
    organization_id: z.uuid('must be the id of an organisation in the directory'),
    name: requiredText(300, 'the name of the service'),
    description: text(4000, true).default(''),
    url: ZUrl,
    email: ZEmail,
    status: z.enum(SERVICE_STATUSES, { message: `must be one of: ${SERVICE_STATUSES.join(', ')}` }),
    fees: optionalText(500),
    accreditations: optionalText(500),
    minimum_age: ZAge,
    maximum_age: ZAge,
    eligibility_description: optionalText(1000, true),
    alert: optionalText(500, true),
    referral_capacity: z.enum(REFERRAL_CAPACITIES, { message: `must be one of: ${REFERRAL_CAPACITIES.join(', ')}` }),
    review_interval_months: zInt(1, 36, {
      type: 'must be a number of months',
      whole: 'must be a whole number of months',
      min: 'must be at least 1 month',
      max: 'must be at most 36 months',
    }).default(DEFAULT_REVIEW_INTERVAL_MONTHS),
    taxonomy_term_ids: z.array(z.uuid('must be a category id')).max(20).default([]),
    phones: z
      .array(
        z.object({
          id: ZId,
          number: zText(40, { error: { message: 'must be a phone number' } }).regex(
            /^\+?[0-9 ()-]{6,20}$/,
            'must be a phone number, like 0191 496 0000',
          ),
          description: optionalText(200),
        }),
      )
      .max(10)
      .default([]),
    contacts: z
      .array(z.object({ id: ZId, name: optionalText(200), title: optionalText(200), email: ZEmail }))
      .max(10)
      .default([]),
    languages: z
      .array(z.object({ id: ZId, name: requiredText(100, 'the language'), code: optionalText(10) }))
      .max(30)
      .default([]),
    cost_options: z
      .array(
        z.object({
          id: ZId,
          option: optionalText(200),
          amount: z
            .number({ message: 'must be an amount in pounds' })
            .min(0, 'must be 0 or more')
            .max(100000)
            .nullish(),
          amount_description: optionalText(200),
        }),
      )
      .max(10)
      .default([]),
    service_areas: z
      .array(z.object({ id: ZId, name: requiredText(200, 'the area'), description: optionalText(500, true) }))
      .max(10)
      .default([]),
    locations: z.array(ZListingLocation).max(20).default([]),
    schedules: z.array(ZListingSchedule).max(50).default([]),
  })
  .superRefine((s, ctx) => {
    if (s.minimum_age !== null && s.maximum_age !== null && s.minimum_age > s.maximum_age) {
      ctx.addIssue({ code: 'custom', path: ['maximum_age'], message: 'must not be below the minimum age' });
    }
    const locationIds = new Set(s.locations.flatMap((l) => (l.id ? [l.id] : [])));
    s.schedules.forEach((sch, i) => {
      if (sch.location_id && !locationIds.has(sch.location_id)) {
        ctx.addIssue({
          code: 'custom',
          path: ['schedules', i, 'location_id'],
          message: 'must be the id of one of the listing’s locations',
        });
      }
    });
  });

export type TListingInput = z.output<typeof ZListingInput>;

// Compile-time check: what the schema produces is a ListingInput.
const _conforms: (v: TListingInput) => ListingInput = (v) => v;
void _conforms;
