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
import { PERSON_DETAIL_FIELDS } from '../../../common/referrals.js';

export { ZReferralIdParam } from '../triage/triage.schemas.js';

const ZVersion = z
  .number({ message: 'must be the version of the referral you read' })
  .int('must be a whole number')
  .min(1, 'must be the version of the referral you read');

const ZAt = z.iso.datetime({ offset: true, message: 'must be a date and time, like 2026-03-12T10:30:00Z' });
const ZMode = z.enum(CONTACT_MODES, { message: `must be one of: ${CONTACT_MODES.join(', ')}` });

/** A contact to book with the person (when it is in the future is checked by the use-case). */
export const ZPlannedContactCreate = z.object({
  at: ZAt,
  mode: ZMode,
  purpose: z
    .string({ message: 'must be text' })
    .trim()
    .max(PLANNED_CONTACT_PURPOSE_MAX, `must be at most ${PLANNED_CONTACT_PURPOSE_MAX} characters`)
    .nullish(),
});
export type TPlannedContactCreate = z.infer<typeof ZPlannedContactCreate>;

export const ZPlannedContactParams = z.object({
  id: z.uuid('must be a valid referral id'),
  plannedId: z.uuid('must be a valid planned contact id'),
});

export const ZContactCreate = z.object({
  at: ZAt,
  mode: ZMode,
  durationMinutes: z
    .number({ message: 'must be a number of minutes' })
    .int('must be a whole number of minutes')
    .min(1, 'must be at least 1 minute')
    .max(CONTACT_DURATION_MAX, `must be at most ${CONTACT_DURATION_MAX} minutes (8 hours)`),
  outcome: z.enum(CONTACT_OUTCOMES, { message: `must be one of: ${CONTACT_OUTCOMES.join(', ')}` }),
  notes: z.string().trim().max(CONTACT_NOTES_MAX, `must be at most ${CONTACT_NOTES_MAX} characters`).nullish(),
  /** The next contact, booked in the same form. */
  next: ZPlannedContactCreate.nullish(),
});
export type TContactCreate = z.infer<typeof ZContactCreate>;

export const ZNoteCreate = z.object({
  body: z
    .string({ message: 'must be text' })
    .trim()
    .min(1, 'must not be empty')
    .max(CASE_NOTE_MAX, `must be at most ${CASE_NOTE_MAX} characters`),
});
export type TNoteCreate = z.infer<typeof ZNoteCreate>;

export const ZDischarge = z.object({
  version: ZVersion,
  reason: z.enum(DISCHARGE_REASONS, { message: `must be one of: ${DISCHARGE_REASONS.join(', ')}` }),
  summary: z
    .string({ message: 'must be text' })
    .trim()
    .min(1, 'must not be empty: say what happened and what the person is doing now')
    .max(DISCHARGE_SUMMARY_MAX, `must be at most ${DISCHARGE_SUMMARY_MAX} characters`),
});
export type TDischarge = z.infer<typeof ZDischarge>;

export const ZReassign = z.object({
  version: ZVersion,
  workerId: z.uuid('must be the id of a member of your team'),
  reason: z
    .string({ message: 'must be text' })
    .trim()
    .min(1, 'must say why the case is handed over')
    .max(1000, 'must be at most 1000 characters'),
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
