import { z } from 'zod';
import { GENDER_DESCRIPTION_MAX, ZEqualityAnswers } from '../../../common/equality.js';
import { CONTACT_METHODS, PRIORITIES, REFERRAL_SOURCES, REFERRAL_STATUSES } from '../../../common/referrals.js';
import { isCalendarDate } from '../../../common/schemas/dates.js';
import { MAX_LENGTH, zNhsNumber, zPostcode } from '../../../common/schemas/fields.js';
import { zQueryInt } from '../../../common/schemas/numbers.js';
import { zText } from '../../../common/schemas/text.js';
import { londonDate } from '../../platform/working-days.js';

// Messages read after the field's label on the form ("Date of birth must not be in the future").

const DETAILS_MAX_LENGTH = MAX_LENGTH.referralDetails;
const MAX_AGE_YEARS = 120;

/** Today's date in England, as YYYY-MM-DD (a date of birth is a date there, not an instant). */
export function todayInEngland(now = new Date()): string {
  // One formatter for the process: making one costs more than the rest of a request's validation.
  return londonDate(now);
}

function yearsBefore(isoDate: string, years: number): string {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  // 29 February minus whole years lands on 28 February in a common year.
  const date = new Date(Date.UTC(y - years, m - 1, d));
  if (date.getUTCMonth() !== m - 1) date.setUTCDate(0);
  return date.toISOString().slice(0, 10);
}

export const required = (what = 'text') => ({
  error: (issue: { input?: unknown }) =>
    issue.input === undefined || issue.input === null ? 'is required' : `must be ${what}`,
});

/** Trimmed text; empty is "not given". */
export const optionalText = (max: number, multiline = false) =>
  zText(max, { multiline, error: required() })
    .nullish()
    .transform((v) => (v ? v : undefined));

export const requiredText = (max: number) => zText(max, { error: required() }).min(1, 'is required');

const yesOrNo = z.boolean(required('true or false'));

export const ZNhsNumber = zNhsNumber(required());

// One check with one message: a separate refinement after a failed date would need an aborting
// issue, and an aborting issue stops the cross-field rules from running (all errors at once).
// `notADate` is said in the words of the form that asks: the API's own, or a day, month and year
// form's (the residents' self-referral); a form that sends "" for nothing typed may say so.
export const zDateOfBirth = ({
  notADate = 'must be a real date in the form YYYY-MM-DD, like 1984-03-21',
  blank,
}: {
  notADate?: string;
  blank?: string;
} = {}) =>
  z.string(required('a date')).superRefine((date, ctx) => {
    const today = todayInEngland();
    if (date.trim() === '') {
      ctx.addIssue({ code: 'custom', message: blank ?? notADate });
    } else if (!isCalendarDate(date)) {
      ctx.addIssue({ code: 'custom', message: notADate });
    } else if (date > today) {
      ctx.addIssue({ code: 'custom', message: 'must not be in the future' });
    } else if (date < yearsBefore(today, MAX_AGE_YEARS)) {
      ctx.addIssue({ code: 'custom', message: `must be within the last ${MAX_AGE_YEARS} years: check the year` });
    }
  });

export const ZDateOfBirth = zDateOfBirth();

export const ZPostcode = zPostcode(required());

const UK_PHONE = /^(?:\+44|0044|0)([1-9][0-9]{8,9})$/;

/** A UK phone number, stored as 0 followed by 9 or 10 digits ("07700900123"). */
export const ZUkPhone = zText(40, { error: required() }).transform((value, ctx) => {
  const compact = value.replace(/[\s\-().]/g, '');
  const match = UK_PHONE.exec(compact);
  if (!match) {
    ctx.addIssue({ code: 'custom', message: 'must be a UK phone number, like 01632 960 001 or 07700 900 982' });
    return z.NEVER;
  }
  return `0${match[1]}`;
});

export const isMobile = (phone: string) => /^07[0-9]{9}$/.test(phone);

export const ZEmailAddress = zText(MAX_LENGTH.emailAddress, { error: required() })
  .toLowerCase()
  .pipe(
    z
      .email('must be in the correct format, like name@example.org')
      .max(MAX_LENGTH.emailAddress, `must be at most ${MAX_LENGTH.emailAddress} characters`),
  );

/** Empty strings from form fields count as "not given". */
export const blankAsMissing = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), schema.optional());

const ZPerson = z.object(
  {
    nhsNumber: blankAsMissing(ZNhsNumber),
    /** The person has no NHS number, or nobody knows it (then likely matches are checked). */
    noNhsNumber: z.boolean(required('true or false')).optional(),
    givenName: requiredText(MAX_LENGTH.personName),
    familyName: requiredText(MAX_LENGTH.personName),
    dateOfBirth: ZDateOfBirth,
    postcode: blankAsMissing(ZPostcode),
    phone: blankAsMissing(ZUkPhone),
    email: blankAsMissing(ZEmailAddress),
    preferredContact: z.enum(CONTACT_METHODS, { message: `must be one of: ${CONTACT_METHODS.join(', ')}` }),
    language: optionalText(60).transform((v) => v ?? 'English'),
    interpreterNeeded: yesOrNo.default(false),
    accessibilityNeeds: optionalText(MAX_LENGTH.accessibilityNeeds, true),
    /** The GP practice the person is registered with (team members; a referrer's is their own). */
    registeredPracticeId: blankAsMissing(z.uuid('must be the id of a GP practice')),
    // Optional equality answers (sex, gender identity, ethnicity): the shared shape, field by field,
    // so an error names e.g. person.ethnicity; its cross-field rule runs in ZReferralCreate below.
    ...ZEqualityAnswers.shape,
    genderIdentityDescription: zText(GENDER_DESCRIPTION_MAX, {
      error: required(),
      tooLong: `must be ${GENDER_DESCRIPTION_MAX} characters or fewer`,
    }).nullish(),
  },
  required('the details of the person referred'),
);

const ZReferrer = z.object({
  name: optionalText(120),
  organisation: optionalText(200),
  contact: optionalText(200),
});

type Path = readonly PropertyKey[];
const overlaps = (a: Path, b: Path) => a.slice(0, b.length).every((part, i) => String(part) === String(b[i]));

/**
 * Runs a cross-field rule even when other fields failed, as long as the fields it reads are
 * valid: one answer lists every problem, not just the first layer of them.
 */
export const whenValid =
  (...paths: Path[]) =>
  (payload: { issues: { path?: Path }[] }) =>
    !payload.issues.some((issue) => paths.some((p) => overlaps(issue.path ?? [], p) || overlaps(p, issue.path ?? [])));

export const ZReferralCreate = z
  .object(
    {
      person: ZPerson,
      source: z.enum(REFERRAL_SOURCES, { message: `must be one of: ${REFERRAL_SOURCES.join(', ')}` }),
      /** The referring practice, when a team member records a referral a practice made. */
      practiceId: blankAsMissing(z.uuid('must be the id of a GP practice')),
      /** Who referred, when it is not the signed-in user (another professional, or the person). */
      referrer: ZReferrer.optional(),
      reasons: z
        .array(zText(64, { error: required('a reason code') }).min(1, 'must be a reason code'), {
          error: 'must be a list of reason codes',
        })
        .min(1, 'must include at least one reason')
        .max(20, 'must be at most 20 reasons')
        .transform((codes) => [...new Set(codes)]),
      details: zText(DETAILS_MAX_LENGTH, {
        multiline: true,
        trim: false,
        error: required(),
        tooLong: `must be at most ${DETAILS_MAX_LENGTH.toLocaleString('en-GB')} characters`,
      })
        .nullish()
        .transform((v) => (v?.trim() ? v : undefined)),
      urgencyRequested: z.enum(PRIORITIES, { message: `must be one of: ${PRIORITIES.join(', ')}` }),
      consentToReferral: z.literal(true, {
        error: 'must be true: the person must agree to be referred before you refer them',
      }),
      consentToShare: yesOrNo,
      safeguardingConcern: yesOrNo.default(false),
      /** A likely match the user confirmed is this person. */
      personId: blankAsMissing(z.uuid('must be the id of a person')),
      /** The user looked at the likely matches and none of them is this person. */
      confirmedNewPerson: z.boolean(required('true or false')).optional(),
      /** The user was told the person has a recent open referral and this is a second one. */
      confirmedSecondReferral: z.boolean(required('true or false')).optional(),
    },
    required('a referral'),
  )
  .superRefine(
    (r, ctx) => {
      const hasNumber = r.person.nhsNumber !== undefined;
      if (!hasNumber && r.source !== 'self' && !r.person.noNhsNumber) {
        ctx.addIssue({
          code: 'custom',
          path: ['person', 'nhsNumber'],
          message: 'is required (say if the person has no NHS number or it is not known)',
        });
      }
      if (hasNumber && r.person.noNhsNumber) {
        ctx.addIssue({
          code: 'custom',
          path: ['person', 'noNhsNumber'],
          message: 'cannot be chosen when an NHS number is given',
        });
      }
    },
    { when: whenValid(['source'], ['person', 'nhsNumber'], ['person', 'noNhsNumber']) },
  )
  .superRefine(
    (r, ctx) => {
      const { preferredContact, phone, email } = r.person;
      if ((preferredContact === 'phone' || preferredContact === 'text') && !phone) {
        ctx.addIssue({
          code: 'custom',
          path: ['person', 'phone'],
          message: `is required when the preferred contact is ${preferredContact === 'phone' ? 'a phone call' : 'a text message'}`,
        });
      } else if (preferredContact === 'text' && phone && !isMobile(phone)) {
        ctx.addIssue({
          code: 'custom',
          path: ['person', 'phone'],
          message: 'must be a mobile number (starting 07) to send text messages',
        });
      }
      if (preferredContact === 'email' && !email) {
        ctx.addIssue({
          code: 'custom',
          path: ['person', 'email'],
          message: 'is required when the preferred contact is email',
        });
      }
    },
    { when: whenValid(['person', 'preferredContact'], ['person', 'phone'], ['person', 'email']) },
  )
  .superRefine(
    (r, ctx) => {
      if (r.source === 'professional') {
        for (const key of ['name', 'organisation', 'contact'] as const) {
          if (!r.referrer?.[key]) {
            ctx.addIssue({
              code: 'custom',
              path: ['referrer', key],
              message: 'is required for a referral from another professional',
            });
          }
        }
      }
      if (r.practiceId && r.source !== 'practice') {
        ctx.addIssue({
          code: 'custom',
          path: ['practiceId'],
          message: 'is only for referrals from a GP practice',
        });
      }
    },
    { when: whenValid(['source'], ['referrer'], ['practiceId']) },
  )
  .superRefine(
    (r, ctx) => {
      if (r.personId && r.confirmedNewPerson) {
        ctx.addIssue({
          code: 'custom',
          path: ['confirmedNewPerson'],
          message: 'cannot be chosen together with a matching person: choose one',
        });
      }
      if (r.personId && r.person.nhsNumber) {
        ctx.addIssue({
          code: 'custom',
          path: ['personId'],
          message: 'must be left out when an NHS number is given: the NHS number identifies the person',
        });
      }
    },
    { when: whenValid(['personId'], ['confirmedNewPerson'], ['person', 'nhsNumber']) },
  )
  .superRefine(
    (r, ctx) => {
      const answers = ZEqualityAnswers.safeParse(r.person);
      // Only the cross-field rule: each field's own problem is already reported by its field.
      for (const issue of answers.success ? [] : answers.error.issues.filter((i) => i.code === 'custom')) {
        ctx.addIssue({ code: 'custom', path: ['person', ...issue.path], message: issue.message });
      }
    },
    { when: whenValid(['person', 'genderIdentity'], ['person', 'genderIdentityDescription']) },
  );

export type TReferralCreate = z.infer<typeof ZReferralCreate>;

export const ZPersonMatchQuery = z.object({
  givenName: requiredText(MAX_LENGTH.personName),
  familyName: requiredText(MAX_LENGTH.personName),
  dateOfBirth: ZDateOfBirth,
  postcode: blankAsMissing(ZPostcode),
});
export type TPersonMatchQuery = z.infer<typeof ZPersonMatchQuery>;

export const ZIdempotencyKey = z
  .string({ message: 'must be printable ASCII without spaces (send a UUID)' })
  .min(8, 'must be at least 8 characters (send a UUID)')
  .max(200, 'must be at most 200 characters')
  .regex(/^[\x21-\x7e]+$/, 'must be printable ASCII without spaces (send a UUID)');

export { ZReferralIdParam } from '../../../common/schemas/ids.js';

export const PRACTICE_LIST_STATUSES = ['open', 'closed', ...REFERRAL_STATUSES] as const;

export const ZPracticeReferralsQuery = z.object({
  page: zQueryInt(1, 10_000, { min: 'must be 1 or more', max: 'must be 10000 or less' }).default(1),
  /** Words of the name, an NHS number (spaces allowed) or a reference like WM-3F9A-C21B. */
  q: zText(100).optional(),
  status: z
    .enum(PRACTICE_LIST_STATUSES, { message: `must be one of: ${PRACTICE_LIST_STATUSES.join(', ')}` })
    .optional(),
});
export type TPracticeReferralsQuery = z.infer<typeof ZPracticeReferralsQuery>;
