// Issue 16, points 1–3: team member profiles, training and supervision. Shared by the server's
// team routes and the web's team pages.
import { z } from 'zod';
import { TEAM_ROLES } from './roles.js';
import { zText } from './schemas/text.js';

export const WORKING_DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type WorkingDay = (typeof WORKING_DAYS)[number];
export const WORKING_DAY_LABELS: Record<WorkingDay, string> = {
  mon: 'Monday',
  tue: 'Tuesday',
  wed: 'Wednesday',
  thu: 'Thursday',
  fri: 'Friday',
  sat: 'Saturday',
  sun: 'Sunday',
};

/** An Agenda for Change pay band, as the user record holds it. */
export const ZBand = zText(10).regex(
  /^(1|2|3|4|5|6|7|8a|8b|8c|8d|9)$/,
  'must be an Agenda for Change band: 1 to 7, 8a to 8d, or 9',
);

/**
 * Whole-time equivalent, 0.01 to 1. The column holds two decimal places, so a finer figure is
 * refused here rather than rounded there (0.001 would round to 0, which the table forbids).
 */
export const ZFte = z
  .number({ message: 'must be a number, like 0.8' })
  .gt(0, 'must be more than 0')
  .lte(1, 'must be at most 1 (full time)')
  // k / 100 is the nearest double to the decimal k/100, so this holds exactly for 0.85 and not for 0.851.
  .refine((v) => Math.round(v * 100) / 100 === v, 'must have at most two decimal places, like 0.85');

export const FUNDING_KINDS = ['arrs', 'other'] as const;
export type FundingKind = (typeof FUNDING_KINDS)[number];
export const FUNDING_LABELS: Record<FundingKind, string> = {
  arrs: 'Additional Roles Reimbursement Scheme (ARRS)',
  other: 'Other funding',
};

export const SUPERVISION_KINDS = ['clinical', 'peer', 'line_management'] as const;
export type SupervisionKind = (typeof SUPERVISION_KINDS)[number];
export const SUPERVISION_KIND_LABELS: Record<SupervisionKind, string> = {
  clinical: 'Clinical supervision',
  peer: 'Peer supervision',
  line_management: 'Line management',
};

export const TRAINING_STATUSES = ['valid', 'due', 'expired', 'not_done'] as const;
export type TrainingStatus = (typeof TRAINING_STATUSES)[number];

/** Days before a completion expires that it shows as due for renewal. */
export const TRAINING_DUE_WITHIN_DAYS = 60;

const ZTeamRole = z.enum(TEAM_ROLES);

export const ZSkill = z.object({
  id: z.string(),
  label: z.string(),
  /** The referral reasons (codes) this skill suits: allocation prefers a worker with it. */
  reasonCodes: z.array(z.string()),
  active: z.boolean(),
});
export type Skill = z.infer<typeof ZSkill>;

export const ZTrainingRequirement = z.object({
  id: z.string(),
  role: ZTeamRole,
  title: z.string(),
  source: z.string(),
  sourceUrl: z.string().nullable(),
  validityMonths: z.number().nullable(),
  active: z.boolean(),
});
export type TrainingRequirement = z.infer<typeof ZTrainingRequirement>;

export const ZSupervisionTarget = z.object({ role: ZTeamRole, intervalDays: z.number(), note: z.string() });
export type SupervisionTarget = z.infer<typeof ZSupervisionTarget>;

export const ZTeamSettings = z.object({
  skills: z.array(ZSkill),
  requirements: z.array(ZTrainingRequirement),
  targets: z.array(ZSupervisionTarget),
  reasons: z.array(z.object({ code: z.string(), label: z.string() })),
});
export type TeamSettings = z.infer<typeof ZTeamSettings>;

export const ZRequirementStatus = z.object({
  requirementId: z.string(),
  title: z.string(),
  source: z.string(),
  sourceUrl: z.string().nullable(),
  validityMonths: z.number().nullable(),
  status: z.enum(TRAINING_STATUSES),
  completedOn: z.string().nullable(),
  expiresOn: z.string().nullable(),
});
export type RequirementStatus = z.infer<typeof ZRequirementStatus>;

export const ZTrainingRecord = z.object({
  id: z.string(),
  requirementId: z.string().nullable(),
  title: z.string(),
  completedOn: z.string(),
  evidenceNote: z.string(),
  expiresOn: z.string().nullable(),
  recordedByName: z.string(),
});
export type TrainingRecord = z.infer<typeof ZTrainingRecord>;

export const ZSupervisionStatus = z.object({
  intervalDays: z.number().nullable(),
  lastOn: z.string().nullable(),
  /** When the next session is due; null when the role has no target. */
  dueOn: z.string().nullable(),
  overdue: z.boolean(),
});
export type SupervisionStatus = z.infer<typeof ZSupervisionStatus>;

export const ZSupervisionSession = z.object({
  id: z.string(),
  heldOn: z.string(),
  kind: z.enum(SUPERVISION_KINDS),
  supervisorId: z.string(),
  supervisorName: z.string(),
  /** Only for the supervisee and the supervisor; null for everyone else (see notesHidden). */
  privateNotes: z.string().nullable(),
  notesHidden: z.boolean(),
});
export type SupervisionSession = z.infer<typeof ZSupervisionSession>;

export const ZTeamMemberProfile = z.object({
  member: z.object({
    id: z.string(),
    name: z.string(),
    role: ZTeamRole,
    roleLabel: z.string(),
    band: z.string().nullable(),
    fte: z.number().nullable(),
    languages: z.array(z.string()),
    active: z.boolean(),
    /** The user record's version: send it back with an edit. */
    version: z.number(),
  }),
  workingDays: z.array(z.enum(WORKING_DAYS)),
  startDate: z.string().nullable(),
  funding: z.enum(FUNDING_KINDS).nullable(),
  fundingNote: z.string().nullable(),
  skills: z.array(ZSkill),
  skillOptions: z.array(ZSkill),
  training: z.object({ requirements: z.array(ZRequirementStatus), records: z.array(ZTrainingRecord) }),
  supervision: z.object({ status: ZSupervisionStatus, sessions: z.array(ZSupervisionSession) }),
  /** On one's own profile only: the sessions one gave as supervisor, with their notes. */
  supervisionGiven: z.array(ZSupervisionSession.extend({ superviseeId: z.string(), superviseeName: z.string() })),
  /** The signed-in user may edit the profile and record training and supervision (lead, admin). */
  canManage: z.boolean(),
  /** Who may be named as supervisor (the PCN's team but the member); empty unless canManage. */
  supervisorOptions: z.array(z.object({ id: z.string(), name: z.string(), roleLabel: z.string() })),
  today: z.string(),
});
export type TeamMemberProfile = z.infer<typeof ZTeamMemberProfile>;

export const ZTeamDevelopmentRow = z.object({
  id: z.string(),
  name: z.string(),
  role: ZTeamRole,
  roleLabel: z.string(),
  skills: z.array(z.string()),
  languages: z.array(z.string()),
  training: z.object({ valid: z.number(), due: z.number(), expired: z.number(), notDone: z.number() }),
  supervision: ZSupervisionStatus,
});
export type TeamDevelopmentRow = z.infer<typeof ZTeamDevelopmentRow>;

export const ZTeamDevelopment = z.object({ today: z.string(), members: z.array(ZTeamDevelopmentRow) });
export type TeamDevelopment = z.infer<typeof ZTeamDevelopment>;

export const DEVELOPMENT_TASK_KINDS = [
  'supervision_overdue',
  'training_expired',
  'training_due',
  'training_not_done',
] as const;
export const ZDevelopmentTasks = z.object({
  userId: z.string(),
  items: z.array(
    z.object({
      kind: z.enum(DEVELOPMENT_TASK_KINDS),
      label: z.string(),
      /** The date it fell (or falls) due; null for training never done. */
      dueOn: z.string().nullable(),
    }),
  ),
});
export type DevelopmentTasks = z.infer<typeof ZDevelopmentTasks>;
