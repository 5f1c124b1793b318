// Volunteers and community champions (issue 16, point 4): people who help the PCN's team but are
// not staff users. Vocabulary and API shapes shared by server and web.
import { z } from 'zod';

export const VOLUNTEER_ROLES = ['befriender', 'group_helper', 'community_champion', 'driver', 'other'] as const;
export type VolunteerRole = (typeof VOLUNTEER_ROLES)[number];
export const VOLUNTEER_ROLE_LABELS = {
  befriender: 'Befriender',
  group_helper: 'Group helper',
  community_champion: 'Community champion',
  driver: 'Volunteer driver',
  other: 'Other',
} as const satisfies Record<VolunteerRole, string>;

export const VOLUNTEER_CHECK_KINDS = ['dbs', 'references', 'training', 'induction', 'other'] as const;
export type VolunteerCheckKind = (typeof VOLUNTEER_CHECK_KINDS)[number];
export const VOLUNTEER_CHECK_LABELS = {
  dbs: 'DBS check',
  references: 'References',
  training: 'Training',
  induction: 'Induction',
  other: 'Other check',
} as const satisfies Record<VolunteerCheckKind, string>;

export const VOLUNTEER_END_REASONS = [
  'moved_on',
  'no_longer_available',
  'checks_lapsed',
  'concerns_raised',
  'moved_away',
  'other',
] as const;
export type VolunteerEndReason = (typeof VOLUNTEER_END_REASONS)[number];
export const VOLUNTEER_END_REASON_LABELS = {
  moved_on: 'Moved on to other things',
  no_longer_available: 'No longer available',
  checks_lapsed: 'Checks lapsed',
  concerns_raised: 'Concerns raised',
  moved_away: 'Moved away',
  other: 'Other',
} as const satisfies Record<VolunteerEndReason, string>;

export const BEFRIENDING_END_REASONS = [
  'goals_met',
  'person_declined',
  'volunteer_unavailable',
  'case_closed',
  'other',
] as const;
export type BefriendingEndReason = (typeof BEFRIENDING_END_REASONS)[number];
export const BEFRIENDING_END_REASON_LABELS = {
  goals_met: 'Goals met',
  person_declined: 'The person no longer wanted it',
  volunteer_unavailable: 'The volunteer is no longer available',
  case_closed: 'The case was closed',
  other: 'Other',
} as const satisfies Record<BefriendingEndReason, string>;

export const VOLUNTEER_NAME_MAX = 120;
export const VOLUNTEER_AVAILABILITY_MAX = 500;
export const VOLUNTEER_NOTE_MAX = 500;
/** The most minutes one entry of hours may hold (a long day). */
export const VOLUNTEER_MINUTES_MAX = 720;

/** The volunteers list: no contact details (those are on the record, whose every read is audited). */
export const ZVolunteerSummary = z.object({
  id: z.string(),
  name: z.string(),
  role: z.enum(VOLUNTEER_ROLES),
  roleLabel: z.string(),
  status: z.enum(['active', 'ended']),
  endedOn: z.string().nullable(),
  /** Checks whose expiry date has passed. */
  expiredChecks: z.number(),
  openBefriending: z.number(),
  minutesLast90Days: z.number(),
});
export type VolunteerSummary = z.infer<typeof ZVolunteerSummary>;

export const ZVolunteerCheck = z.object({
  id: z.string(),
  kind: z.enum(VOLUNTEER_CHECK_KINDS),
  kindLabel: z.string(),
  detail: z.string().nullable(),
  completedOn: z.string(),
  expiresOn: z.string().nullable(),
  state: z.enum(['valid', 'due_soon', 'expired']),
});
export type VolunteerCheck = z.infer<typeof ZVolunteerCheck>;

export const ZBefriending = z.object({
  id: z.string(),
  referralId: z.string(),
  personName: z.string(),
  startedOn: z.string(),
  endedOn: z.string().nullable(),
  endReason: z.enum(BEFRIENDING_END_REASONS).nullable(),
  endReasonLabel: z.string().nullable(),
});
export type Befriending = z.infer<typeof ZBefriending>;

export const ZVolunteerHours = z.object({
  id: z.string(),
  workedOn: z.string(),
  minutes: z.number(),
  activity: z.string(),
  recordedBy: z.string().nullable(),
});
export type VolunteerHours = z.infer<typeof ZVolunteerHours>;

export const ZVolunteerRecord = z.object({
  id: z.string(),
  version: z.number(),
  name: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  postcode: z.string().nullable(),
  role: z.enum(VOLUNTEER_ROLES),
  roleLabel: z.string(),
  availability: z.string().nullable(),
  startedOn: z.string(),
  status: z.enum(['active', 'ended']),
  endedOn: z.string().nullable(),
  endReason: z.enum(VOLUNTEER_END_REASONS).nullable(),
  endReasonLabel: z.string().nullable(),
  checks: z.array(ZVolunteerCheck),
  befriending: z.array(ZBefriending),
  hours: z.array(ZVolunteerHours),
  totalMinutes: z.number(),
  may: z.object({ manage: z.boolean() }),
});
export type VolunteerRecord = z.infer<typeof ZVolunteerRecord>;

/** "3 hours 30 minutes", "45 minutes". */
export function formatMinutes(total: number): string {
  const h = Math.floor(total / 60);
  const m = total % 60;
  const hours = h === 0 ? '' : `${h} hour${h === 1 ? '' : 's'}`;
  const minutes = m === 0 ? '' : `${m} minute${m === 1 ? '' : 's'}`;
  return [hours, minutes].filter(Boolean).join(' ') || '0 minutes';
}
