// Vocabulary and API shapes of case work (DESIGN.md §2 steps 4 and 6): contacts, case notes,
// the case timeline, discharge and the message back to the GP. Shared by server and web.
import type { ReferralView } from './api-types.js';

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

/** One entry of the case timeline. New kinds (plan versions, outcome measures) add a variant. */
export type TimelineItem =
  | {
      kind: 'event';
      id: string;
      at: string;
      actorName: string | null;
      type: string;
      fromStatus: string | null;
      toStatus: string | null;
      snomedCode: string | null;
      details: Record<string, unknown>;
    }
  | {
      kind: 'contact';
      id: string;
      at: string;
      actorName: string | null;
      mode: ContactMode;
      durationMinutes: number;
      outcome: ContactOutcome;
      notes: string | null;
    }
  | { kind: 'note'; id: string; at: string; actorName: string | null; body: string }
  /** A save of the person's one shared care and support plan (the plan belongs to the person). */
  | { kind: 'plan_version'; id: string; at: string; actorName: string | null; personId: string; version: number }
  /**
   * A contact booked with the person; `at` is when it was booked, `plannedFor` when it is to happen.
   * 'settled': a contact was recorded on or after its day; 'cancelled': called off (or discharged).
   */
  | {
      kind: 'planned_contact';
      id: string;
      at: string;
      actorName: string | null;
      plannedFor: string;
      mode: ContactMode;
      purpose: string | null;
      state: 'open' | 'settled' | 'cancelled';
    }
  /** An outcome measure recorded in this case; `at` is when it was entered, `administeredOn` the day given. */
  | {
      kind: 'outcome';
      id: string;
      at: string;
      actorName: string | null;
      referralId: string;
      measure: string;
      measureLabel: string;
      timepoint: string;
      timepointLabel: string;
      administeredOn: string;
      indicators: { label: string; value: number; band: string | null }[];
    };

/** A contact booked with the person and not yet settled by a recorded contact nor cancelled. */
export interface PlannedContact {
  id: string;
  at: string;
  mode: ContactMode;
  modeLabel: string;
  purpose: string | null;
  createdByName: string | null;
}

export interface CaseRecord {
  referral: ReferralView;
  timeline: TimelineItem[];
  /** The open planned contacts, soonest first (none once the case is closed). */
  plannedContacts: PlannedContact[];
  contacts: { total: number; attended: number };
  /** What the signed-in user may do here (the server checks again on every write). */
  may: { write: boolean; reassign: boolean; discharge: boolean };
}

export interface SnomedCoding {
  system: 'http://snomed.info/sct';
  code: string;
  display: string;
  /** The date the coded event happened (ISO date-time). */
  date: string | null;
}

/** Per measure with a baseline and a later recording: each indicator from baseline to latest. */
export interface OutcomeChangeSummary {
  measures: {
    measure: string;
    label: string;
    indicators: {
      label: string;
      baseline: number;
      latest: number;
      change: number;
      direction: 'improved' | 'worsened' | 'unchanged';
    }[];
  }[];
}

/** The message back to the GP: structured, so GP systems can file the codes. */
export interface GpMessage {
  id: string;
  referralId: string;
  reference: string;
  createdAt: string;
  dischargedAt: string;
  dischargeReason: DischargeReason;
  dischargeReasonLabel: string;
  summary: string;
  offered: {
    contactsTotal: number;
    attended: number;
    byMode: { mode: ContactMode; label: string; count: number }[];
    firstContactAt: string | null;
    lastContactAt: string | null;
    attendedDates: string[];
  };
  onwardReferrals: { service: string; organisation: string | null; status: string }[];
  /** Change in outcome measures from baseline to the latest recording; null when none can be shown. */
  outcomeChange: OutcomeChangeSummary | null;
  codes: SnomedCoding[];
  author: string | null;
}
