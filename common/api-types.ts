// Shapes of the JSON the API answers with, shared by server and web.
import { z } from 'zod';
import { PERMISSIONS, type Permission } from './permissions.js';
import type { IdentityCheck, PersonDetailField } from './referrals.js';
import { ROLES, type Role } from './roles.js';

export const ZOrganisationKind = z.enum(['icb', 'pcn', 'practice', 'vcs']);
export type OrganisationKind = z.infer<typeof ZOrganisationKind>;

export const ZOrganisationRef = z.object({
  kind: ZOrganisationKind,
  id: z.string(),
  code: z.string().nullable(),
  name: z.string(),
});
export type OrganisationRef = z.infer<typeof ZOrganisationRef>;

export const ZMe = z.object({
  user: z.object({
    id: z.string(),
    name: z.string(),
    email: z.string(),
    role: z.enum(ROLES),
    roleLabel: z.string(),
    secondFactorEnabled: z.boolean(),
  }),
  organisation: ZOrganisationRef,
  /** The PCN for team roles, the practice's PCN for referrers; null otherwise. */
  pcn: ZOrganisationRef.nullable(),
  permissions: z.array(z.enum(PERMISSIONS)),
  /** Send back as the X-CSRF-Token header on every write. */
  csrfToken: z.string(),
});
export type Me = z.infer<typeof ZMe>;

export const ZSecondFactorSetup = z.object({ secret: z.string(), otpauthUri: z.string() });
export type SecondFactorSetup = z.infer<typeof ZSecondFactorSetup>;

export const ZSignInResult = z.discriminatedUnion('status', [
  z.object({ status: z.literal('signed-in'), me: ZMe }),
  z.object({ status: z.literal('second-factor-required') }),
  z.object({ status: z.literal('second-factor-setup-required'), setup: ZSecondFactorSetup }),
]);
export type SignInResult = z.infer<typeof ZSignInResult>;

export interface StaffMember {
  id: string;
  name: string;
  email: string;
  role: Role;
  roleLabel: string;
  organisation: OrganisationRef;
  band: string | null;
  fte: number | null;
  caseloadCapacity: number | null;
  /** caseloadCapacity × FTE, rounded down: the open cases this person can carry. */
  effectiveCapacity: number | null;
  active: boolean;
  secondFactorEnabled: boolean;
  version: number;
}

export interface PracticeNode {
  id: string;
  code: string;
  name: string;
  /** Only in the tree asked for with retired organisations (`?include=retired`). */
  retired?: true;
}
export interface PcnNode {
  id: string;
  code: string;
  name: string;
  practices: PracticeNode[];
  retired?: true;
}
export interface VcsOrganisationNode {
  id: string;
  name: string;
  charityNumber: string | null;
  retired?: true;
}
export interface IcbNode {
  id: string;
  code: string;
  name: string;
  pcns: PcnNode[];
  vcsOrganisations: VcsOrganisationNode[];
}
export interface OrganisationTree {
  icbs: IcbNode[];
}

export interface AuditEvent {
  id: string;
  at: string;
  actorUserId: string | null;
  actorName: string | null;
  actorRole: Role | null;
  action: string;
  outcome: 'success' | 'denied' | 'failure';
  entityType: string | null;
  entityId: string | null;
  ip: string | null;
  details: Record<string, unknown>;
}

/** RFC 9457 problem details, as every error is answered. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  errors?: { field: string; message: string }[];
}

// ---- Referrals (issue: the PCN front door) ----

export interface PersonSummary {
  id: string;
  nhsNumber: string | null;
  givenName: string;
  familyName: string;
  dateOfBirth: string;
  postcode: string | null;
}

export interface ReferralEventView {
  id: number;
  type: string;
  fromStatus: string | null;
  toStatus: string | null;
  at: string;
  actorName: string | null;
  snomedCode: string | null;
  details: Record<string, unknown>;
}

/** A detail this referral gives differently from the person's record, for the team to accept or not. */
export interface OfferedPersonDetail {
  field: PersonDetailField;
  label: string;
  /** As the team reads them: a practice's name, "Yes"/"No"; null when not recorded. */
  onRecord: string | null;
  onReferral: string;
}

/** What the team sees of a referral. A referrer sees `ReferralStatusView` only. */
export interface ReferralView {
  id: string;
  version: number;
  person: PersonSummary & {
    phone: string | null;
    email: string | null;
    preferredContact: string;
    language: string;
    interpreterNeeded: boolean;
    accessibilityNeeds: string | null;
  };
  pcn: OrganisationRef;
  practice: OrganisationRef | null;
  source: 'practice' | 'professional' | 'self';
  referrerName: string | null;
  referrerOrganisation: string | null;
  reasons: { code: string; label: string }[];
  details: string | null;
  urgencyRequested: 'routine' | 'soon' | 'urgent';
  consentToShare: boolean;
  safeguardingConcern: boolean;
  status: string;
  priority: 'routine' | 'soon' | 'urgent' | null;
  complexity: 'low' | 'medium' | 'high' | null;
  predictedPam: number | null;
  recommendedRole: 'link_worker' | 'health_coach' | 'care_coordinator' | null;
  signpostingOnly: boolean;
  triageNotes: string | null;
  closureReason: string | null;
  closureNote: string | null;
  allocatedWorker: { id: string; name: string; role: string } | null;
  coverWorker: { id: string; name: string; role: string } | null;
  receivedAt: string;
  triagedAt: string | null;
  allocatedAt: string | null;
  firstContactAt: string | null;
  firstContactDueAt: string | null;
  /** Set when the team must check who the referral is for before contacting them. */
  identityCheck: IdentityCheck | null;
  /** New details this referral brought that the team has not yet accepted or kept back. */
  personDetailsOffered: OfferedPersonDetail[];
  events: ReferralEventView[];
}

/**
 * The referring practice's view: status and the decision, never case notes. The person is shown
 * as the referral described them, never from the record the team keeps.
 */
export interface ReferralStatusView {
  id: string;
  person: PersonSummary;
  reasons: { code: string; label: string }[];
  status: string;
  statusLabel: string;
  receivedAt: string;
  decidedAt: string | null;
  closureReason: string | null;
  referrerName: string | null;
}

/** A 204 answer: no body (the serializer is never called; the OpenAPI document shows the status). */
export const ZNoContent = z.undefined().describe('No content');
