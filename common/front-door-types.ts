// Shapes of the PCN front door's API answers (triage queue, targets, caseload, leave),
// shared by the server that builds them and the web pages that read them.
import type { ContactMode } from './cases.js';
import type { Priority } from './referrals.js';
import type { Role } from './roles.js';

export const LEAVE_REASONS = ['annual_leave', 'sickness', 'training', 'other'] as const;
export type LeaveReason = (typeof LEAVE_REASONS)[number];

export interface QueueItem {
  id: string;
  version: number;
  person: { givenName: string; familyName: string; nhsNumber: string | null; dateOfBirth: string };
  practice: { id: string; name: string } | null;
  source: 'practice' | 'professional' | 'self';
  reasons: { code: string; label: string }[];
  urgencyRequested: Priority;
  priority: Priority | null;
  /** What the queue is ordered by: the triage priority, or the urgency asked for until triaged. */
  queuePriority: Priority;
  status: 'received' | 'triaged';
  statusLabel: string;
  safeguardingConcern: boolean;
  receivedAt: string;
  firstContactDueAt: string | null;
}

export interface QueueCounts {
  total: number;
  byStatus: Record<'received' | 'triaged', number>;
  byPriority: Record<Priority, number>;
  safeguarding: number;
}

export interface TriageQueue {
  items: QueueItem[];
  /** Counts of the whole open queue, whatever the filters. */
  counts: QueueCounts;
  /** How many match the filters (items stops at the limit). */
  matching: number;
  truncated: boolean;
  filterOptions: { practices: { id: string; name: string }[]; reasons: { code: string; label: string }[] };
}

export interface TriageSettings {
  /** First-contact targets in days from triage, per priority. */
  urgentDays: number;
  soonDays: number;
  routineDays: number;
  /** True while the PCN has not set its own targets. */
  isDefault: boolean;
}

export type FirstContactDue = 'overdue' | 'due_today' | 'upcoming' | 'no_target' | 'made';

export interface CaseloadItem {
  id: string;
  version: number;
  person: { givenName: string; familyName: string; nhsNumber: string | null; dateOfBirth: string };
  reasons: { code: string; label: string }[];
  priority: Priority | null;
  status: 'allocated' | 'first_contact' | 'active';
  statusLabel: string;
  safeguardingConcern: boolean;
  allocatedAt: string | null;
  firstContactDueAt: string | null;
  firstContactAt: string | null;
  firstContactDue: FirstContactDue;
  /** 'covering': you cover this case for `worker`; 'covered': `worker` covers your case while you are away. */
  cover: { kind: 'covering' | 'covered'; worker: { id: string; name: string } } | null;
  /** The review date in the person's current care and support plan, and how near it is. */
  planReview: { on: string | null; due: PlanReviewDue };
  /** Per measure, the latest recording's headline numbers (oldest measure order: ONS4, SWEMWBS, UCLA-3, PAM). */
  latestScores: LatestOutcomeScore[];
  /** The last attended contact. */
  lastContactAt: string | null;
  /** The earliest open planned contact; overdue when its time has passed and no contact settled it. */
  nextContact: { at: string; mode: ContactMode; overdue: boolean } | null;
}

/** 'due': within the next 14 days (or today); 'upcoming': later; 'none': no plan or no review date. */
export type PlanReviewDue = 'overdue' | 'due' | 'upcoming' | 'none';

export interface LatestOutcomeScore {
  measure: 'ons4' | 'swemwbs' | 'ucla3' | 'pam';
  label: string;
  timepoint: 'baseline' | 'review' | 'discharge';
  administeredOn: string;
  /** SWEMWBS metric score, UCLA-3 total, PAM score (band: level), or the four ONS4 items. */
  indicators: { key: string; label: string; value: number; band: string | null }[];
}

export interface Caseload {
  items: CaseloadItem[];
  counts: { total: number; awaitingFirstContact: number; overdue: number; covering: number };
}

/** One case in the team lead's view of a member's caseload. */
export interface TeamCaseloadCase {
  id: string;
  person: { givenName: string; familyName: string };
  status: 'allocated' | 'first_contact' | 'active';
  statusLabel: string;
  firstContactDueAt: string | null;
  firstContactDue: FirstContactDue;
  /** As in CaseloadItem, seen from this member. */
  cover: { kind: 'covering' | 'covered'; worker: { id: string; name: string } } | null;
}

/** A team member's caseload against their effective capacity (caseload capacity × FTE). */
export interface TeamCaseloadMember {
  id: string;
  name: string;
  role: Role;
  roleLabel: string;
  fte: number | null;
  caseloadCapacity: number | null;
  capacity: number;
  /** Cases they work now: their own not covered by someone else, plus those they cover. */
  workingCases: number;
  onLeaveUntil: string | null;
  cases: TeamCaseloadCase[];
}

export interface TeamCaseloads {
  today: string;
  members: TeamCaseloadMember[];
}

export interface LeaveItem {
  id: string;
  userId: string;
  name: string;
  role: string;
  roleLabel: string;
  startsOn: string;
  endsOn: string;
  reason: LeaveReason;
  reasonLabel: string;
  /** The period includes today. */
  current: boolean;
}

export interface WorkloadMember {
  id: string;
  name: string;
  role: Role;
  roleLabel: string;
  capacity: number;
  /** Open cases allocated to them (including any a colleague covers). */
  ownCases: number;
  /** What they are working now: their own not covered by someone else, plus those they cover. */
  workingCases: number;
  onLeaveUntil: string | null;
  coveredBy: { id: string; name: string; count: number }[];
  coveringFor: { id: string; name: string; count: number }[];
  /**
   * Their open cases the rules give a health and wellbeing coach (high complexity or predicted PAM
   * level 1): handing these to a care coordinator needs the lead's confirmation.
   */
  coachCases: number;
}

/** One open case of a worker, as the lead sees it when choosing who covers it. */
export interface HandoverCase {
  referralId: string;
  reference: string;
  person: { givenName: string; familyName: string };
  status: 'allocated' | 'first_contact' | 'active';
  statusLabel: string;
  complexity: 'low' | 'medium' | 'high' | null;
  predictedPam: number | null;
  /** Why the rules give it to a health and wellbeing coach (high complexity, predicted PAM 1); else null. */
  coachReason: string | null;
  /** The colleague covering it now, if any. */
  coveredBy: { id: string; name: string } | null;
}

/** A colleague at work who can cover cases. */
export interface HandoverColleague {
  id: string;
  name: string;
  role: Role;
  roleLabel: string;
  /** Cases they are working now (own, less those covered, plus those they cover). */
  workingCases: number;
  capacity: number;
}

/** What the lead needs to hand a worker's cases to one colleague or several. */
export interface HandoverPlan {
  worker: { id: string; name: string; roleLabel: string; onLeaveUntil: string | null };
  cases: HandoverCase[];
  colleagues: HandoverColleague[];
  /** The usual stand-in: a care coordinator at work, else the first colleague at work. */
  defaultCoverWorkerId: string | null;
}

export interface HandoverResult {
  moved: number;
  /** The colleague given every case not named one by one (null when each case was named). */
  coverWorker: { id: string; name: string } | null;
  handedTo: { id: string; name: string; count: number }[];
  /** Cases that went to a care coordinator although the rules give them a coach (confirmed). */
  warnings: { referralId: string; reference: string; message: string }[];
}
