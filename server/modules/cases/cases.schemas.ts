import { z } from 'zod';
import {
  CASE_NOTE_MAX,
  CONTACT_DURATION_MAX,
  CONTACT_MODES,
  CONTACT_NOTES_MAX,
  CONTACT_OUTCOMES,
  DISCHARGE_REASONS,
  DISCHARGE_SUMMARY_MAX,
  PLANNED_CONTACT_PURPOSE_MAX,
} from '../../../common/cases.js';
import { GENDER_DESCRIPTION_MAX, ZEqualityAnswers } from '../../../common/equality.js';
import { PERSON_DETAIL_FIELDS } from '../../../common/referrals.js';
import { zDateTime } from '../../../common/schemas/dates.js';
import { zInt, zVersion } from '../../../common/schemas/numbers.js';
import { zMultilineText, zText } from '../../../common/schemas/text.js';

export { ZReferralIdParam } from '../../../common/schemas/ids.js';

const ZVersion = zVersion('must be the version of the referral you read');

const ZAt = zDateTime('must be a date and time, like 2026-03-12T10:30:00Z');
const ZMode = z.enum(CONTACT_MODES, { message: `must be one of: ${CONTACT_MODES.join(', ')}` });

/** A contact to book with the person (when it is in the future is checked by the use-case). */
export const ZPlannedContactCreate = z.object({
  at: ZAt,
  mode: ZMode,
  purpose: zMultilineText(PLANNED_CONTACT_PURPOSE_MAX, { error: { message: 'must be text' } }).nullish(),
});
export type TPlannedContactCreate = z.infer<typeof ZPlannedContactCreate>;

export const ZPlannedContactParams = z.object({
  id: z.uuid('must be a valid referral id'),
  plannedId: z.uuid('must be a valid planned contact id'),
});

export const ZContactCreate = z.object({
  at: ZAt,
  mode: ZMode,
  durationMinutes: zInt(1, CONTACT_DURATION_MAX, {
    type: 'must be a number of minutes',
    whole: 'must be a whole number of minutes',
    min: 'must be at least 1 minute',
    max: `must be at most ${CONTACT_DURATION_MAX} minutes (8 hours)`,
  }),
  outcome: z.enum(CONTACT_OUTCOMES, { message: `must be one of: ${CONTACT_OUTCOMES.join(', ')}` }),
  notes: zMultilineText(CONTACT_NOTES_MAX).nullish(),
  /** The next contact, booked in the same form. */
  next: ZPlannedContactCreate.nullish(),
});
export type TContactCreate = z.infer<typeof ZContactCreate>;

export const ZNoteCreate = z.object({
  body: zMultilineText(CASE_NOTE_MAX, { error: { message: 'must be text' } }).min(1, 'must not be empty'),
});
export type TNoteCreate = z.infer<typeof ZNoteCreate>;

export const ZDischarge = z.object({
  version: ZVersion,
  reason: z.enum(DISCHARGE_REASONS, { message: `must be one of: ${DISCHARGE_REASONS.join(', ')}` }),
  summary: zMultilineText(DISCHARGE_SUMMARY_MAX, { error: { message: 'must be text' } }).min(
    1,
    'must not be empty: say what happened and what the person is doing now',
  ),
});
export type TDischarge = z.infer<typeof ZDischarge>;

export const ZReassign = z.object({
  version: ZVersion,
  workerId: z.uuid('must be the id of a member of your team'),
  reason: zMultilineText(1000, { error: { message: 'must be text' } }).min(1, 'must say why the case is handed over'),
});
export type TReassign = z.infer<typeof ZReassign>;

/** Which of the new person details a referral brought the team accepts; the rest are kept back. */
export const ZPersonDetailsReview = z.object({
  accept: z
    .array(z.enum(PERSON_DETAIL_FIELDS, { message: `must be one of: ${PERSON_DETAIL_FIELDS.join(', ')}` }), {
      message: 'must be a list of the details to accept (empty to keep the record as it is)',
    })
    .max(PERSON_DETAIL_FIELDS.length, `must be at most ${PERSON_DETAIL_FIELDS.length} details`)
    .transform((fields) => [...new Set(fields)]),
});
export type TPersonDetailsReview = z.infer<typeof ZPersonDetailsReview>;

/** The shared shape's description, refusing control characters like every other text field. */
const zGenderDescription = zText(GENDER_DESCRIPTION_MAX, {
  tooLong: `must be ${GENDER_DESCRIPTION_MAX} characters or fewer`,
})
  .nullable()
  .optional();

/**
 * The person's equality answers, all four at once (left out = not asked), with the version of the
 * record the worker opened: an edit made on an older version is refused, not merged.
 */
export const ZEqualityAnswersUpdate = z
  .object({
    ...ZEqualityAnswers.shape,
    genderIdentityDescription: zGenderDescription,
    version: zVersion('must be the version of the record you opened'),
  })
  .superRefine((body, ctx) => {
    const answers = ZEqualityAnswers.safeParse(body);
    // Only the cross-field rule: each field's own problem is already reported by its field.
    for (const issue of answers.success ? [] : answers.error.issues.filter((i) => i.code === 'custom')) {
      ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
    }
  });
export type TEqualityAnswersUpdate = z.infer<typeof ZEqualityAnswersUpdate>;
