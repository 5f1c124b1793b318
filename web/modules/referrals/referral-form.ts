import { fieldProblem, zNhsNumber, zPostcode } from '../../../common/schemas/fields';
import { ApiError } from '../../app/api';
import { readDate } from '../../ui/DateInput';
import { errorsFromApi, type FormErrors, phrase } from '../../ui/form-errors';
import { equalityLabels, readEqualityAnswers } from './equality-form';
import type { NewReferral } from './referrals-api';

// The referral form's fields are named as the API names them ("person.nhsNumber"), so the API's
// field errors land on the right field with no mapping table to keep in step.

export const LABELS: Record<string, string> = {
  source: 'Who is referring',
  practiceId: 'Referring GP practice',
  'referrer.name': 'Referrer’s name',
  'referrer.organisation': 'Referrer’s organisation',
  'referrer.contact': 'Referrer’s phone number or email',
  'person.nhsNumber': 'NHS number',
  'person.noNhsNumber': 'No NHS number',
  'person.givenName': 'First name',
  'person.familyName': 'Last name',
  'person.dateOfBirth': 'Date of birth',
  'person.postcode': 'Postcode',
  'person.registeredPracticeId': 'Registered GP practice',
  'person.phone': 'Phone number',
  'person.email': 'Email address',
  'person.preferredContact': 'Preferred contact method',
  'person.language': 'Preferred language',
  'person.interpreterNeeded': 'Interpreter',
  'person.accessibilityNeeds': 'Accessibility needs',
  ...equalityLabels('person.'),
  reasons: 'Reasons for referral',
  details: 'Details',
  urgencyRequested: 'How soon',
  safeguardingConcern: 'Safeguarding concern',
  consentToReferral: 'Consent to the referral',
  consentToShare: 'Consent to share',
};

/** Form order, for the error summary. */
export const ORDER = Object.keys(LABELS);

/** Where an error summary link should move focus when it is not the field's own id. */
export const ANCHORS: Record<string, string> = { 'person.dateOfBirth': 'person.dateOfBirth-day' };

// NHS.UK error messages say what to do. The API's are precise but generic; where it says that an
// answer is missing, say it the way the NHS.UK design system does.
const WHEN_MISSING: Record<string, string> = {
  source: 'Select who is making the referral',
  practiceId: 'Select the GP practice that made the referral',
  'referrer.name': 'Enter the name of the person referring',
  'referrer.organisation': 'Enter the organisation of the person referring',
  'referrer.contact': 'Enter a phone number or email address for the person referring',
  'person.nhsNumber': 'Enter their NHS number, or tick the box to say they do not have one',
  'person.givenName': 'Enter their first name',
  'person.familyName': 'Enter their last name',
  'person.dateOfBirth': 'Enter their date of birth',
  'person.preferredContact': 'Select how they would like to be contacted',
  reasons: 'Select at least one reason for the referral',
  urgencyRequested: 'Select how soon they should be contacted',
  consentToReferral: 'Confirm that the person agrees to be referred',
  consentToShare: 'Select whether the person agrees to their details being shared',
};
const MISSING = /^(is required|must include at least one|must be one of|must be true)/;

/** The API's answer as errors on the form's fields; `local` (the form's own checks) wins per field. */
export function referralErrors(error: unknown, local: Record<string, string> = {}): FormErrors {
  if (error instanceof ApiError && error.status === 422) {
    return {
      fields: {},
      form: 'This referral was already sent with different answers. Check your practice’s referrals before sending it again.',
    };
  }
  const errors = errorsFromApi(error, LABELS);
  const fields: Record<string, string> = {};
  if (error instanceof ApiError) {
    for (const { field, message } of error.fieldErrors) {
      const friendly = WHEN_MISSING[field];
      if (friendly && MISSING.test(message) && !fields[field]) fields[field] = friendly;
    }
  }
  return { ...errors, fields: { ...errors.fields, ...fields, ...local } };
}

export type Source = 'practice' | 'professional' | 'self';

// Checked here by the same rules as the server's (common/schemas/fields.ts), so the form says
// what is wrong in the same words without waiting for the answer.
const OWN_RULES = { 'person.nhsNumber': zNhsNumber(), 'person.postcode': zPostcode() };

/**
 * Reads the form into what the API takes. Empty answers are left out (the API says which it
 * needs). The form checks the date, whose three boxes the API cannot see, and the fields with a
 * shared rule; the referral is sent all the same, so the answer lists every other problem too.
 */
export function readReferralForm(
  form: FormData,
  opts: { source: Source | ''; isPractice: boolean },
): { referral: NewReferral; local: Record<string, string> } {
  const text = (name: string) => {
    const value = String(form.get(name) ?? '').trim();
    return value || undefined;
  };
  const ticked = (name: string) => form.get(name) === 'yes';
  const local: Record<string, string> = {};
  const date = readDate(form, 'person.dateOfBirth', 'Date of birth');
  if (date.error) local['person.dateOfBirth'] = date.error;
  for (const [field, rule] of Object.entries(OWN_RULES)) {
    const value = text(field);
    const problem = value === undefined ? null : fieldProblem(rule, value);
    if (problem) local[field] = phrase(LABELS[field] ?? field, problem);
  }
  const share = form.get('consentToShare');
  const source = opts.isPractice ? 'practice' : opts.source || undefined;
  const team = !opts.isPractice;
  const referral: NewReferral = {
    source,
    ...(team && source === 'practice' ? { practiceId: text('practiceId') } : {}),
    ...(source === 'professional'
      ? {
          referrer: {
            name: text('referrer.name'),
            organisation: text('referrer.organisation'),
            contact: text('referrer.contact'),
          },
        }
      : {}),
    person: {
      nhsNumber: text('person.nhsNumber'),
      ...(ticked('person.noNhsNumber') ? { noNhsNumber: true } : {}),
      givenName: text('person.givenName') ?? '',
      familyName: text('person.familyName') ?? '',
      // Nothing typed is "missing"; a date the boxes could not make is sent as not a date, so the
      // API refuses the referral too (its message is replaced by the form's, which names the box).
      dateOfBirth: date.value ?? (date.error ? '' : undefined),
      postcode: text('person.postcode'),
      ...(team && source !== 'practice' ? { registeredPracticeId: text('person.registeredPracticeId') } : {}),
      phone: text('person.phone'),
      email: text('person.email'),
      preferredContact: text('person.preferredContact'),
      language: text('person.language'),
      interpreterNeeded: ticked('person.interpreterNeeded'),
      accessibilityNeeds: text('person.accessibilityNeeds'),
      // Not answered is left out: the person may choose not to answer, or not be asked.
      ...readEqualityAnswers(form, 'person.', undefined),
    },
    reasons: form.getAll('reasons').map(String),
    details: String(form.get('details') ?? '') || undefined,
    urgencyRequested: text('urgencyRequested'),
    safeguardingConcern: ticked('safeguardingConcern'),
    consentToReferral: ticked('consentToReferral'),
    ...(share === 'yes' ? { consentToShare: true } : share === 'no' ? { consentToShare: false } : {}),
  };
  return { referral, local };
}

/** A key for this form's referral, made once when the form opens (crypto.randomUUID needs HTTPS or localhost). */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
