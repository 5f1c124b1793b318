// Vocabulary and API shapes of case work (DESIGN.md §2 steps 4 and 6): contacts, case notes,
// the case timeline, discharge and the message back to the GP. Shared by server and web.
import { z } from 'zod';
import { ZReferralView } from './api-types.js';
import { PERSON_DETAIL_FIELDS, type PersonDetailField } from './referrals.js';
import { RESIDENT_MESSAGE_CHANNELS, RESIDENT_MESSAGE_KINDS, RESIDENT_MESSAGE_STATUSES } from './resident-messages.js';

export const CONTACT_MODES = ['face_to_face', 'phone', 'video', 'home_visit', 'group'] as const;
export type ContactMode = (typeof CONTACT_MODES)[number];
export const CONTACT_MODE_LABELS = {
  face_to_face: 'Face to face',
  phone: 'Phone',
  video: 'Video',
  home_visit: 'Home visit',
  group: 'Group',
} as const satisfies Record<ContactMode, string>;

export const CONTACT_OUTCOMES = ['attended', 'did_not_attend', 'cancelled'] as const;
export type ContactOutcome = (typeof CONTACT_OUTCOMES)[number];
export const CONTACT_OUTCOME_LABELS = {
  attended: 'Attended',
  did_not_attend: 'Did not attend',
  cancelled: 'Cancelled',
} as const satisfies Record<ContactOutcome, string>;

export const CONTACT_NOTES_MAX = 4000;
export const PLANNED_CONTACT_PURPOSE_MAX = 500;
export const CASE_NOTE_MAX = 4000;
export const DISCHARGE_SUMMARY_MAX = 2000;
export const CONTACT_DURATION_MAX = 480;

export const DISCHARGE_REASONS = [
  'goals_met',
  'disengaged',
  'moved_away',
  'declined_further_support',
  'referred_elsewhere',
  'died',
] as const;
export type DischargeReason = (typeof DISCHARGE_REASONS)[number];
export const DISCHARGE_REASON_LABELS = {
  goals_met: 'Goals met',
  disengaged: 'Disengaged',
  moved_away: 'Moved away',
  declined_further_support: 'Declined further support',
  referred_elsewhere: 'Referred elsewhere',
  died: 'Died',
} as const satisfies Record<DischargeReason, string>;

/**
 * Why a message back was written: a discharge, or the referral closing at first contact because
 * the person declined social prescribing or could not be contacted (the practice hears of both).
 */
export const GP_MESSAGE_REASONS = [...DISCHARGE_REASONS, 'person_declined', 'not_contactable'] as const;
export type GpMessageReason = (typeof GP_MESSAGE_REASONS)[number];
export const GP_MESSAGE_REASON_LABELS = {
  ...DISCHARGE_REASON_LABELS,
  person_declined: 'The person declined social prescribing',
  not_contactable: 'The team could not contact the person',
} as const satisfies Record<GpMessageReason, string>;

const zActorName = z.string().nullable();

/** One entry of the case timeline. New kinds (plan versions, outcome measures) add a variant. */
export const ZTimelineItem = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('event'),
    id: z.string(),
    at: z.string(),
    actorName: zActorName,
    type: z.string(),
    fromStatus: z.string().nullable(),
    toStatus: z.string().nullable(),
    snomedCode: z.string().nullable(),
    details: z.record(z.string(), z.unknown()),
  }),
  z.object({
    kind: z.literal('contact'),
    id: z.string(),
    at: z.string(),
    actorName: zActorName,
    mode: z.enum(CONTACT_MODES),
    durationMinutes: z.number(),
    outcome: z.enum(CONTACT_OUTCOMES),
    notes: z.string().nullable(),
  }),
  z.object({ kind: z.literal('note'), id: z.string(), at: z.string(), actorName: zActorName, body: z.string() }),
  /** A save of the person's one shared care and support plan (the plan belongs to the person). */
  z.object({
    kind: z.literal('plan_version'),
    id: z.string(),
    at: z.string(),
    actorName: zActorName,
    personId: z.string(),
    version: z.number(),
  }),
  /**
   * A contact booked with the person; `at` is when it was booked, `plannedFor` when it is to happen.
   * 'settled': a contact was recorded on or after its day; 'cancelled': called off (or discharged).
   */
  z.object({
    kind: z.literal('planned_contact'),
    id: z.string(),
    at: z.string(),
    actorName: zActorName,
    plannedFor: z.string(),
    mode: z.enum(CONTACT_MODES),
    purpose: z.string().nullable(),
    state: z.enum(['open', 'settled', 'cancelled']),
  }),
  /** An outcome measure recorded in this case; `at` is when it was entered, `administeredOn` the day given. */
  z.object({
    kind: z.literal('outcome'),
    id: z.string(),
    at: z.string(),
    actorName: zActorName,
    referralId: z.string(),
    measure: z.string(),
    measureLabel: z.string(),
    timepoint: z.string(),
    timepointLabel: z.string(),
    administeredOn: z.string(),
    indicators: z.array(z.object({ label: z.string(), value: z.number(), band: z.string().nullable() })),
  }),
  /**
   * A text or email to the person (GOV.UK Notify); `at` is when it was queued. What was sent and
   * what became of it, never its words, number or address.
   */
  z.object({
    kind: z.literal('resident_message'),
    id: z.string(),
    at: z.string(),
    actorName: zActorName,
    messageKind: z.enum(RESIDENT_MESSAGE_KINDS),
    channel: z.enum(RESIDENT_MESSAGE_CHANNELS),
    status: z.enum(RESIDENT_MESSAGE_STATUSES),
    /** When Notify accepted it (null while queued). */
    sentAt: z.string().nullable(),
    /** When the status last changed (a delivery receipt's time). */
    statusAt: z.string().nullable(),
  }),
  /** A step of an onward referral or signpost to a community service (sent, accepted, attendance…). */
  z.object({
    kind: z.literal('onward'),
    id: z.string(),
    at: z.string(),
    actorName: zActorName,
    onwardReferralId: z.string(),
    step: z.string(),
    title: z.string(),
    detail: z.string().nullable(),
  }),
  /** A volunteer befriending the person (issue 16): started, or ended with its reason. */
  z.object({
    kind: z.literal('befriending'),
    id: z.string(),
    at: z.string(),
    actorName: zActorName,
    volunteerName: z.string(),
    state: z.enum(['started', 'ended']),
    reasonLabel: z.string().nullable(),
  }),
  /** The person came to a session of a group the team runs (issue 16); `at` is when it began. */
  z.object({
    kind: z.literal('group_attendance'),
    id: z.string(),
    at: z.string(),
    actorName: zActorName,
    groupId: z.string(),
    groupName: z.string(),
    venue: z.string(),
  }),
]);
export type TimelineItem = z.infer<typeof ZTimelineItem>;

/** A contact booked with the person and not yet settled by a recorded contact nor cancelled. */
export const ZPlannedContact = z.object({
  id: z.string(),
  at: z.string(),
  mode: z.enum(CONTACT_MODES),
  modeLabel: z.string(),
  purpose: z.string().nullable(),
  createdByName: z.string().nullable(),
});
export type PlannedContact = z.infer<typeof ZPlannedContact>;

export const ZCaseRecord = z.object({
  referral: ZReferralView,
  timeline: z.array(ZTimelineItem),
  /** The open planned contacts, soonest first (none once the case is closed). */
  plannedContacts: z.array(ZPlannedContact),
  contacts: z.object({ total: z.number(), attended: z.number() }),
  /** What the signed-in user may do here (the server checks again on every write). */
  may: z.object({ write: z.boolean(), reassign: z.boolean(), discharge: z.boolean() }),
});
export type CaseRecord = z.infer<typeof ZCaseRecord>;

export const ZSnomedCoding = z.object({
  system: z.literal('http://snomed.info/sct'),
  code: z.string(),
  display: z.string(),
  /** The date the coded event happened (ISO date-time). */
  date: z.string().nullable(),
});
export type SnomedCoding = z.infer<typeof ZSnomedCoding>;

/** Per measure with a baseline and a later recording: each indicator from baseline to latest. */
export const ZOutcomeChangeSummary = z.object({
  measures: z.array(
    z.object({
      measure: z.string(),
      label: z.string(),
      indicators: z.array(
        z.object({
          label: z.string(),
          baseline: z.number(),
          latest: z.number(),
          change: z.number(),
          direction: z.enum(['improved', 'worsened', 'unchanged']),
        }),
      ),
    }),
  ),
});
export type OutcomeChangeSummary = z.infer<typeof ZOutcomeChangeSummary>;

/** The message back to the GP: structured, so GP systems can file the codes. */
export const ZGpMessage = z.object({
  id: z.string(),
  referralId: z.string(),
  reference: z.string(),
  createdAt: z.string(),
  dischargedAt: z.string(),
  /** A discharge reason, or person_declined / not_contactable when the referral closed at first contact. */
  dischargeReason: z.enum(GP_MESSAGE_REASONS),
  dischargeReasonLabel: z.string(),
  summary: z.string(),
  offered: z.object({
    contactsTotal: z.number(),
    attended: z.number(),
    byMode: z.array(z.object({ mode: z.enum(CONTACT_MODES), label: z.string(), count: z.number() })),
    firstContactAt: z.string().nullable(),
    lastContactAt: z.string().nullable(),
    attendedDates: z.array(z.string()),
  }),
  /** Every onward referral and signpost of the case, with where each stood at discharge. */
  onwardReferrals: z.array(
    z.object({
      service: z.string(),
      organisation: z.string().nullable(),
      /** Status label ("Accepted", "Signposted"…). */
      status: z.string(),
      kind: z.string().optional(),
      kindLabel: z.string().optional(),
      /** Outcome label at close, or the decline reason; null while open. */
      outcome: z.string().nullable().optional(),
      sessionsAttended: z.number().optional(),
      at: z.string().optional(),
    }),
  ),
  /** Change in outcome measures from baseline to the latest recording; null when none can be shown. */
  outcomeChange: ZOutcomeChangeSummary.nullable(),
  codes: z.array(ZSnomedCoding),
  author: z.string().nullable(),
});
export type GpMessage = z.infer<typeof ZGpMessage>;

/** Which new person details a referral brought the team accepted into the record, and which it kept back. */
export const ZPersonDetailsReviewed = z.object({
  accepted: z.array(z.enum(PERSON_DETAIL_FIELDS as [PersonDetailField, ...PersonDetailField[]])),
  kept: z.array(z.enum(PERSON_DETAIL_FIELDS as [PersonDetailField, ...PersonDetailField[]])),
});
export type PersonDetailsReviewed = z.infer<typeof ZPersonDetailsReviewed>;
