import { z } from 'zod';
import { CONTACT_METHODS } from '../../../common/referrals.js';
import { MAX_LENGTH } from '../../../common/schemas/fields.js';
import { zText } from '../../../common/schemas/text.js';
import { FOR_WHOM } from '../../../common/self-referral.js';
import {
  blankAsMissing,
  isMobile,
  optionalText,
  required,
  requiredText,
  whenValid,
  ZEmailAddress,
  ZPostcode,
  ZUkPhone,
  zDateOfBirth,
} from './referrals.schemas.js';

// A resident's self-referral (issue 14), in the words of the public journey: the messages are
// read after the question's label on the page ("Your date of birth must not be in the future").
// The field names are flat, one per question, so each page's errors map to its fields.

const SELF_DETAILS_MAX = 1000;
const CONTACT_TIMES_MAX = 200;

const yes = (message: string) => z.literal(true, { error: message });
/** The journey asks for a day, month and year in three boxes: its messages say so. */
const ZPublicDateOfBirth = zDateOfBirth({ notADate: 'must be a real date, like 15 3 1984', blank: 'is required' });

/** Who is referring, and the person's name, date of birth, postcode, contact and needs: both journeys ask these. */
const personQuestions = {
  forWhom: z.enum(FOR_WHOM, { message: 'must be chosen: say who you are referring' }),
  onBehalfName: optionalText(MAX_LENGTH.personName),
  onBehalfRelationship: optionalText(100),
  onBehalfPhone: blankAsMissing(ZUkPhone),
  onBehalfEmail: blankAsMissing(ZEmailAddress),
  personAgreed: z.boolean(required('yes or no')).optional(),
  givenName: requiredText(MAX_LENGTH.personName),
  familyName: requiredText(MAX_LENGTH.personName),
  dateOfBirth: ZPublicDateOfBirth,
  preferredContact: z.enum(CONTACT_METHODS, { message: 'must be chosen: say how we should contact you' }),
  phone: blankAsMissing(ZUkPhone),
  email: blankAsMissing(ZEmailAddress),
  contactTimes: optionalText(CONTACT_TIMES_MAX, true),
  postcode: ZPostcode,
  details: optionalText(SELF_DETAILS_MAX, true),
  language: optionalText(60).transform((v) => v ?? 'English'),
  interpreterNeeded: z.boolean(required('yes or no')).default(false),
  accessibilityNeeds: optionalText(MAX_LENGTH.accessibilityNeeds, true),
};

type PersonAnswers = z.infer<z.ZodObject<typeof personQuestions>>;

/** Someone else referring: who they are, how to reach them, and that the person agreed. */
function checkOnBehalf(r: PersonAnswers, ctx: z.RefinementCtx): void {
  if (r.forWhom !== 'someone_else') return;
  if (!r.onBehalfName) ctx.addIssue({ code: 'custom', path: ['onBehalfName'], message: 'is required' });
  if (!r.onBehalfRelationship) ctx.addIssue({ code: 'custom', path: ['onBehalfRelationship'], message: 'is required' });
  if (!r.onBehalfPhone && !r.onBehalfEmail) {
    ctx.addIssue({
      code: 'custom',
      path: ['onBehalfPhone'],
      message: 'is required if you do not give an email address: the team needs a way to reach you',
    });
  }
  if (r.personAgreed !== true) {
    ctx.addIssue({
      code: 'custom',
      path: ['personAgreed'],
      message: 'must be yes: you can only refer someone who has agreed to it',
    });
  }
}
const onBehalfPaths = whenValid(
  ['forWhom'],
  ['onBehalfName'],
  ['onBehalfRelationship'],
  ['onBehalfPhone'],
  ['onBehalfEmail'],
);

/** The way of contact chosen needs its number or address. */
function checkContact(r: PersonAnswers, ctx: z.RefinementCtx): void {
  if ((r.preferredContact === 'phone' || r.preferredContact === 'text') && !r.phone) {
    ctx.addIssue({
      code: 'custom',
      path: ['phone'],
      message: `is required to ${r.preferredContact === 'phone' ? 'call you' : 'send you text messages'}`,
    });
  } else if (r.preferredContact === 'text' && r.phone && !isMobile(r.phone)) {
    ctx.addIssue({
      code: 'custom',
      path: ['phone'],
      message: 'must be a mobile number (starting 07) to send text messages',
    });
  }
  if (r.preferredContact === 'email' && !r.email) {
    ctx.addIssue({ code: 'custom', path: ['email'], message: 'is required to email you' });
  }
}
const contactPaths = whenValid(['preferredContact'], ['phone'], ['email']);

export const ZSelfReferral = z
  .object(
    {
      ...personQuestions,
      practiceId: blankAsMissing(z.uuid('must be chosen from the list')),
      practiceUnknown: z.boolean(required('yes or no')).optional(),
      reasons: z
        .array(zText(64, { error: required('a choice from the list') }).min(1, 'must be a choice from the list'), {
          error: 'must be chosen: pick at least one',
        })
        .min(1, 'must be chosen: pick at least one')
        .max(20, 'must be at most 20 choices')
        .transform((codes) => [...new Set(codes)]),
      consentToReferral: yes('must be agreed to send the referral'),
      consentToShare: z.boolean(required('yes or no')),
    },
    required('the answers'),
  )
  .superRefine(checkOnBehalf, { when: onBehalfPaths })
  .superRefine(checkContact, { when: contactPaths })
  .superRefine(
    (r, ctx) => {
      if (!r.practiceId && r.practiceUnknown !== true) {
        ctx.addIssue({
          code: 'custom',
          path: ['practiceId'],
          message: 'must be chosen: pick your GP surgery, or say you do not know it',
        });
      }
      if (r.practiceId && r.practiceUnknown === true) {
        ctx.addIssue({
          code: 'custom',
          path: ['practiceUnknown'],
          message: 'cannot be chosen as well as a GP surgery',
        });
      }
    },
    { when: whenValid(['practiceId'], ['practiceUnknown']) },
  );

/**
 * Straight to a community group (issue 14, point 3): the same questions about the person, without
 * the GP surgery and the reasons; `details` is what they would like the group to know, and the
 * consent is to share these answers with the organisation that runs it.
 */
export const ZServiceSelfReferral = z
  .object(
    {
      ...personQuestions,
      consentToShare: yes('must be yes: the group needs your answers to contact you'),
    },
    required('the answers'),
  )
  .superRefine(checkOnBehalf, { when: onBehalfPaths })
  .superRefine(checkContact, { when: contactPaths });

export type TServiceSelfReferral = z.infer<typeof ZServiceSelfReferral>;

export type TSelfReferral = z.infer<typeof ZSelfReferral>;

/** A community group's listing, straight to which the shorter journey refers the person. */
const ZServiceId = zText(40, { error: required() }).pipe(z.uuid('must be the id of a service in the directory'));

/** What the public app sends: the answers, and the journey's anti-abuse fields. */
export const ZSelfReferralSubmit = z.object({
  answers: z.unknown(),
  /** A community group's listing: the referral goes to its organisation, not to the PCN team. */
  serviceId: ZServiceId.optional(),
  /** The start page's token (its hash keeps when the journey began): too quick a submission is a bot's. */
  formToken: zText(200, { error: required() }).optional(),
  /** A field people never see or fill: anything in it is a bot's. */
  website: zText(500, { error: required() }).optional(),
});

/** A page's answers checked before the person moves on: only `fields`' errors are returned. */
export const ZSelfReferralCheck = z.object({
  answers: z.unknown(),
  /** Checked as the shorter journey to this community group's listing. */
  serviceId: ZServiceId.optional(),
  fields: z
    .array(zText(40, { error: required('a question name') }), { error: 'must be a list of question names' })
    .min(1, 'must name at least one question')
    .max(30, 'must name at most 30 questions'),
});

export const ZSelfReferralStatusQuery = z.object({
  reference: zText(20, { error: required() }).min(1, 'is required'),
  dateOfBirth: ZPublicDateOfBirth.max(10, 'must be a real date, like 15 3 1984'),
});

export const ZPracticeSearchQuery = z.object({
  q: zText(60, { error: required() }).min(2, 'must be at least 2 characters: a name or a postcode'),
});
