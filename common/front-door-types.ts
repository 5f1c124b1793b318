// Shapes of the PCN front door's API answers (triage queue, targets, caseload, leave),
// shared by the server that builds them and the web pages that read them. Each is a zod schema
// (the route's response schema, which drops any field it does not name) and the type inferred from it.
import { z } from 'zod';
import { CONTACT_MODES } from './cases.js';
import { PRIORITIES, RECOMMENDABLE_ROLES } from './referrals.js';
import { ROLES } from './roles.js';

export const LEAVE_REASONS = ['annual_leave', 'sickness', 'training', 'other'] as const;
export type LeaveReason = (typeof LEAVE_REASONS)[number];

const zPriority = z.enum(PRIORITIES);
const zRole = z.enum(ROLES);
const zPersonName = z.object({ givenName: z.string(), familyName: z.string() });
const zQueuePerson = zPersonName.extend({ nhsNumber: z.string().nullable(), dateOfBirth: z.string() });
const zReasonRef = z.object({ code: z.string(), label: z.string() });
const zNamed = z.object({ id: z.string(), name: z.string() });
const zNamedCount = zNamed.extend({ count: z.number() });
const zCaseStatus = z.enum(['allocated', 'first_contact', 'active']);

export const ZQueueItem = z.object({
  id: z.string(),
  version: z.number(),
  person: zQueuePerson,
  practice: zNamed.nullable(),
  source: z.enum(['practice', 'professional', 'self']),
  reasons: z.array(zReasonRef),
  urgencyRequested: zPriority,
  priority: zPriority.nullable(),
  /** What the queue is ordered by: the triage priority, or the urgency asked for until triaged. */
  queuePriority: zPriority,
  status: z.enum(['received', 'triaged']),
  statusLabel: z.string(),
  safeguardingConcern: z.boolean(),
  receivedAt: z.string(),
  firstContactDueAt: z.string().nullable(),
});
export type QueueItem = z.infer<typeof ZQueueItem>;

export const ZQueueCounts = z.object({
  total: z.number(),
  byStatus: z.object({ received: z.number(), triaged: z.number() }),
  byPriority: z.object({ routine: z.number(), soon: z.number(), urgent: z.number() }),
  safeguarding: z.number(),
});
export type QueueCounts = z.infer<typeof ZQueueCounts>;

export const ZTriageQueue = z.object({
  items: z.array(ZQueueItem),
  /** Counts of the whole open queue, whatever the filters. */
  counts: ZQueueCounts,
  /** How many match the filters (items stops at the limit). */
  matching: z.number(),
  truncated: z.boolean(),
  filterOptions: z.object({ practices: z.array(zNamed), reasons: z.array(zReasonRef) }),
});
export type TriageQueue = z.infer<typeof ZTriageQueue>;

export const ZTriageSettings = z.object({
  /** First-contact targets in days from triage, per priority. */
  urgentDays: z.number(),
  soonDays: z.number(),
  routineDays: z.number(),
  /** True while the PCN has not set its own targets. */
  isDefault: z.boolean(),
});
export type TriageSettings = z.infer<typeof ZTriageSettings>;

const ZFirstContactDue = z.enum(['overdue', 'due_today', 'upcoming', 'no_target', 'made']);
export type FirstContactDue = z.infer<typeof ZFirstContactDue>;

/** 'due': within the next 14 days (or today); 'upcoming': later; 'none': no plan or no review date. */
const ZPlanReviewDue = z.enum(['overdue', 'due', 'upcoming', 'none']);
export type PlanReviewDue = z.infer<typeof ZPlanReviewDue>;

export const ZLatestOutcomeScore = z.object({
  measure: z.enum(['ons4', 'swemwbs', 'ucla3', 'pam']),
  label: z.string(),
  timepoint: z.enum(['baseline', 'review', 'discharge']),
  administeredOn: z.string(),
  /** SWEMWBS metric score, UCLA-3 total, PAM score (band: level), or the four ONS4 items. */
  indicators: z.array(z.object({ key: z.string(), label: z.string(), value: z.number(), band: z.string().nullable() })),
});
export type LatestOutcomeScore = z.infer<typeof ZLatestOutcomeScore>;

/** 'covering': you cover this case for `worker`; 'covered': `worker` covers your case while you are away. */
const zCover = z.object({ kind: z.enum(['covering', 'covered']), worker: zNamed }).nullable();

export const ZCaseloadItem = z.object({
  id: z.string(),
  version: z.number(),
  person: zQueuePerson,
  reasons: z.array(zReasonRef),
  priority: zPriority.nullable(),
  status: zCaseStatus,
  statusLabel: z.string(),
  safeguardingConcern: z.boolean(),
  allocatedAt: z.string().nullable(),
  firstContactDueAt: z.string().nullable(),
  firstContactAt: z.string().nullable(),
  firstContactDue: ZFirstContactDue,
  cover: zCover,
  /** The review date in the person's current care and support plan, and how near it is. */
  planReview: z.object({ on: z.string().nullable(), due: ZPlanReviewDue }),
  /** Per measure, the latest recording's headline numbers (oldest measure order: ONS4, SWEMWBS, UCLA-3, PAM). */
  latestScores: z.array(ZLatestOutcomeScore),
  /** The last attended contact. */
  lastContactAt: z.string().nullable(),
  /** The earliest open planned contact; overdue when its time has passed and no contact settled it. */
  nextContact: z.object({ at: z.string(), mode: z.enum(CONTACT_MODES), overdue: z.boolean() }).nullable(),
});
export type CaseloadItem = z.infer<typeof ZCaseloadItem>;

/** What the caseload shows: every open case, or one kind of them (the page's "Show" choice). */
export const CASELOAD_SHOWS = {
  all: 'All open cases',
  waiting: 'Waiting for first contact',
  overdue: 'Something overdue (first contact, a booked contact or a plan review)',
  under_way: 'Support under way',
  covering: 'Cases I cover for colleagues',
} as const;
export type CaseloadShow = keyof typeof CASELOAD_SHOWS;
export const CASELOAD_SHOW_KEYS = Object.keys(CASELOAD_SHOWS) as [CaseloadShow, ...CaseloadShow[]];

/** Cases per page of the caseload: a busy worker holds hundreds. */
export const CASELOAD_PAGE_SIZE = 25;

/**
 * One page of the cases that match the search and "show", in caseload order; `total` is how many
 * match, `counts` are of every open case whatever the search.
 */
export const ZCaseload = z.object({
  items: z.array(ZCaseloadItem),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
  counts: z.object({ total: z.number(), awaitingFirstContact: z.number(), overdue: z.number(), covering: z.number() }),
});
export type Caseload = z.infer<typeof ZCaseload>;

/** One case in the team lead's view of a member's caseload. */
export const ZTeamCaseloadCase = z.object({
  id: z.string(),
  person: zPersonName,
  status: zCaseStatus,
  statusLabel: z.string(),
  firstContactDueAt: z.string().nullable(),
  firstContactDue: ZFirstContactDue,
  /** As in CaseloadItem, seen from this member. */
  cover: zCover,
});
export type TeamCaseloadCase = z.infer<typeof ZTeamCaseloadCase>;

/** A team member's caseload against their effective capacity (caseload capacity × FTE). */
export const ZTeamCaseloadMember = z.object({
  id: z.string(),
  name: z.string(),
  role: zRole,
  roleLabel: z.string(),
  fte: z.number().nullable(),
  caseloadCapacity: z.number().nullable(),
  capacity: z.number(),
  /** Cases they work now: their own not covered by someone else, plus those they cover. */
  workingCases: z.number(),
  onLeaveUntil: z.string().nullable(),
  cases: z.array(ZTeamCaseloadCase),
});
export type TeamCaseloadMember = z.infer<typeof ZTeamCaseloadMember>;

export const ZTeamCaseloads = z.object({ today: z.string(), members: z.array(ZTeamCaseloadMember) });
export type TeamCaseloads = z.infer<typeof ZTeamCaseloads>;

export const ZLeaveItem = z.object({
  id: z.string(),
  userId: z.string(),
  name: z.string(),
  role: z.string(),
  roleLabel: z.string(),
  startsOn: z.string(),
  endsOn: z.string(),
  reason: z.enum(LEAVE_REASONS),
  reasonLabel: z.string(),
  /** The period includes today. */
  current: z.boolean(),
});
export type LeaveItem = z.infer<typeof ZLeaveItem>;

export const ZLeaveList = z.object({ today: z.string(), leave: z.array(ZLeaveItem) });

export const ZWorkloadMember = z.object({
  id: z.string(),
  name: z.string(),
  role: zRole,
  roleLabel: z.string(),
  capacity: z.number(),
  /** Open cases allocated to them (including any a colleague covers). */
  ownCases: z.number(),
  /** What they are working now: their own not covered by someone else, plus those they cover. */
  workingCases: z.number(),
  onLeaveUntil: z.string().nullable(),
  coveredBy: z.array(zNamedCount),
  coveringFor: z.array(zNamedCount),
  /**
   * Their open cases the rules give a health and wellbeing coach (high complexity or predicted PAM
   * level 1): handing these to a care coordinator needs the lead's confirmation.
   */
  coachCases: z.number(),
});
export type WorkloadMember = z.infer<typeof ZWorkloadMember>;

export const ZTeamWorkload = z.object({ today: z.string(), members: z.array(ZWorkloadMember) });

/** One open case of a worker, as the lead sees it when choosing who covers it. */
export const ZHandoverCase = z.object({
  referralId: z.string(),
  reference: z.string(),
  person: zPersonName,
  status: zCaseStatus,
  statusLabel: z.string(),
  complexity: z.enum(['low', 'medium', 'high']).nullable(),
  predictedPam: z.number().nullable(),
  /** Why the rules give it to a health and wellbeing coach (high complexity, predicted PAM 1); else null. */
  coachReason: z.string().nullable(),
  /** The colleague covering it now, if any. */
  coveredBy: zNamed.nullable(),
});
export type HandoverCase = z.infer<typeof ZHandoverCase>;

/** A colleague at work who can cover cases. */
export const ZHandoverColleague = z.object({
  id: z.string(),
  name: z.string(),
  role: zRole,
  roleLabel: z.string(),
  /** Cases they are working now (own, less those covered, plus those they cover). */
  workingCases: z.number(),
  capacity: z.number(),
});
export type HandoverColleague = z.infer<typeof ZHandoverColleague>;

/** What the lead needs to hand a worker's cases to one colleague or several. */
export const ZHandoverPlan = z.object({
  worker: z.object({ id: z.string(), name: z.string(), roleLabel: z.string(), onLeaveUntil: z.string().nullable() }),
  cases: z.array(ZHandoverCase),
  colleagues: z.array(ZHandoverColleague),
  /** The usual stand-in: a care coordinator at work, else the first colleague at work. */
  defaultCoverWorkerId: z.string().nullable(),
});
export type HandoverPlan = z.infer<typeof ZHandoverPlan>;

export const ZHandoverResult = z.object({
  moved: z.number(),
  /** The colleague given every case not named one by one (null when each case was named). */
  coverWorker: zNamed.nullable(),
  handedTo: z.array(zNamedCount),
  /** Cases that went to a care coordinator although the rules give them a coach (confirmed). */
  warnings: z.array(z.object({ referralId: z.string(), reference: z.string(), message: z.string() })),
});
export type HandoverResult = z.infer<typeof ZHandoverResult>;

/** How many cases came back to the worker when their cover ended. */
export const ZCoverEnded = z.object({ returned: z.number() });

// ---- Allocation: Waymark's suggestion, and "allocate all" over the triaged queue ----

const zCaseloadRole = z.enum(['team_lead', 'link_worker', 'health_coach', 'care_coordinator']);

/** A team member and their load: open cases against capacity (caseload capacity × FTE). */
const zWorkerLoad = z.object({
  id: z.string(),
  name: z.string(),
  role: zCaseloadRole,
  roleLabel: z.string(),
  openCases: z.number(),
  capacity: z.number(),
});

/** A worker Waymark could give the referral to. */
export const ZSuggestedWorker = zWorkerLoad.extend({
  /** Taking one more would put them over capacity × FTE. */
  overCapacity: z.boolean(),
});
export type SuggestedWorker = z.infer<typeof ZSuggestedWorker>;

/** Everyone who could be chosen instead (the lead may override, with a reason). */
export const ZAllocationTeamMember = zWorkerLoad.extend({ onLeaveUntil: z.string().nullable() });
export type AllocationTeamMember = z.infer<typeof ZAllocationTeamMember>;

export const ZAllocationSuggestion = z.object({
  referralId: z.string(),
  version: z.number(),
  role: z.enum(RECOMMENDABLE_ROLES),
  roleLabel: z.string(),
  worker: ZSuggestedWorker.nullable(),
  reasons: z.array(z.string()),
  alternatives: z.array(ZSuggestedWorker.extend({ note: z.string() })),
  team: z.array(ZAllocationTeamMember),
});
export type AllocationSuggestion = z.infer<typeof ZAllocationSuggestion>;

export const ZAllocateAllItem = z.object({
  referralId: z.string(),
  version: z.number(),
  person: zPersonName,
  queuePriority: zPriority,
  receivedAt: z.string(),
  /** Who it goes to in this plan (the lead's choice where they changed it); null: stays in the queue. */
  worker: ZSuggestedWorker.nullable(),
  /** Whom Waymark suggested. */
  suggestedWorker: ZSuggestedWorker.nullable(),
  /** The lead changed the worker or left the referral out. */
  changed: z.boolean(),
  reasons: z.array(z.string()),
  /** Choices against the rules or over capacity, in words: the lead may still confirm them. */
  warnings: z.array(z.string()),
});
export type AllocateAllItem = z.infer<typeof ZAllocateAllItem>;

export const ZAllocateAllResult = z.object({
  dryRun: z.boolean(),
  /** Identifies Waymark's plan: confirm with it, and a changed queue or team is refused (409). */
  planId: z.string(),
  items: z.array(ZAllocateAllItem),
  allocated: z.number(),
  /** Referrals left in the queue: nobody could take them, or the lead left them out. */
  left: z.number(),
  /** Who may be chosen: the team as it stands before the plan (those on leave say until when). */
  team: z.array(ZAllocationTeamMember),
});
export type AllocateAllResult = z.infer<typeof ZAllocateAllResult>;
