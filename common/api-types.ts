// Shapes of the JSON the API answers with, shared by server and web.
import { z } from 'zod';
import { ETHNIC_CATEGORY_CODES, GENDER_IDENTITIES, SEXES } from './equality.js';
import { PERMISSIONS } from './permissions.js';
import { IDENTITY_CHECKS, type IdentityCheck, PERSON_DETAIL_FIELDS, type PersonDetailField } from './referrals.js';
import { ROLES } from './roles.js';

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

export const ZStaffMember = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  role: z.enum(ROLES),
  roleLabel: z.string(),
  organisation: ZOrganisationRef,
  band: z.string().nullable(),
  fte: z.number().nullable(),
  caseloadCapacity: z.number().nullable(),
  /** caseloadCapacity × FTE, rounded down: the open cases this person can carry. */
  effectiveCapacity: z.number().nullable(),
  active: z.boolean(),
  secondFactorEnabled: z.boolean(),
  version: z.number(),
});
export type StaffMember = z.infer<typeof ZStaffMember>;

/** Only in the tree asked for with retired organisations (`?include=retired`). */
const zRetired = z.literal(true).optional();

export const ZPracticeNode = z.object({ id: z.string(), code: z.string(), name: z.string(), retired: zRetired });
export type PracticeNode = z.infer<typeof ZPracticeNode>;
export const ZPcnNode = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  practices: z.array(ZPracticeNode),
  retired: zRetired,
});
export type PcnNode = z.infer<typeof ZPcnNode>;
export const ZVcsOrganisationNode = z.object({
  id: z.string(),
  name: z.string(),
  charityNumber: z.string().nullable(),
  retired: zRetired,
});
export type VcsOrganisationNode = z.infer<typeof ZVcsOrganisationNode>;
export const ZIcbNode = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  pcns: z.array(ZPcnNode),
  vcsOrganisations: z.array(ZVcsOrganisationNode),
});
export type IcbNode = z.infer<typeof ZIcbNode>;
export const ZOrganisationTree = z.object({ icbs: z.array(ZIcbNode) });
export type OrganisationTree = z.infer<typeof ZOrganisationTree>;

const zDetails = z.record(z.string(), z.unknown());

export const ZAuditEvent = z.object({
  id: z.string(),
  at: z.string(),
  actorUserId: z.string().nullable(),
  actorName: z.string().nullable(),
  // A registered system (GP system, NHS service) acts as `system_client` (issue 19: its rows made the
  // ICB's audit search answer 500 until this role was allowed here).
  actorRole: z.enum([...ROLES, 'system_client']).nullable(),
  action: z.string(),
  outcome: z.enum(['success', 'denied', 'failure']),
  entityType: z.string().nullable(),
  entityId: z.string().nullable(),
  ip: z.string().nullable(),
  details: zDetails,
});
export type AuditEvent = z.infer<typeof ZAuditEvent>;

/** One page of the audit search, newest first; `nextBefore` asks for the page after it. */
export const ZAuditPage = z.object({ events: z.array(ZAuditEvent), nextBefore: z.string().nullable() });

export const ZTeam = z.object({ pcn: ZOrganisationRef, members: z.array(ZStaffMember) });

export const ZPracticeWithPcn = z.object({ id: z.string(), code: z.string(), name: z.string(), pcn: ZOrganisationRef });

/** RFC 9457 problem details, as every error is answered. */
export const ZProblem = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number(),
  detail: z.string(),
  code: z.string(),
  errors: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
});
export type Problem = z.infer<typeof ZProblem>;

// ---- Referrals (issue: the PCN front door) ----

export const ZPersonSummary = z.object({
  id: z.string(),
  nhsNumber: z.string().nullable(),
  givenName: z.string(),
  familyName: z.string(),
  dateOfBirth: z.string(),
  postcode: z.string().nullable(),
});
export type PersonSummary = z.infer<typeof ZPersonSummary>;

export const ZReferralEventView = z.object({
  id: z.number(),
  type: z.string(),
  fromStatus: z.string().nullable(),
  toStatus: z.string().nullable(),
  at: z.string(),
  actorName: z.string().nullable(),
  snomedCode: z.string().nullable(),
  details: zDetails,
});
export type ReferralEventView = z.infer<typeof ZReferralEventView>;

/** The person's equality answers as the record keeps them (null = not asked). */
export const ZEqualityView = z.object({
  sex: z.enum(SEXES).nullable(),
  genderIdentity: z.enum(GENDER_IDENTITIES).nullable(),
  genderIdentityDescription: z.string().nullable(),
  ethnicity: z.enum(ETHNIC_CATEGORY_CODES).nullable(),
});
export type EqualityView = z.infer<typeof ZEqualityView>;

/** A detail this referral gives differently from the person's record, for the team to accept or not. */
export const ZOfferedPersonDetail = z.object({
  field: z.enum(PERSON_DETAIL_FIELDS as [PersonDetailField, ...PersonDetailField[]]),
  label: z.string(),
  /** As the team reads them: a practice's name, "Yes"/"No"; null when not recorded. */
  onRecord: z.string().nullable(),
  onReferral: z.string(),
});
export type OfferedPersonDetail = z.infer<typeof ZOfferedPersonDetail>;

const zUrgency = z.enum(['routine', 'soon', 'urgent']);
const zWorkerRef = z.object({ id: z.string(), name: z.string(), role: z.string() });
const zReasonRef = z.object({ code: z.string(), label: z.string() });

/** What the team sees of a referral. A referrer sees `ReferralStatusView` only. */
export const ZReferralView = z.object({
  id: z.string(),
  version: z.number(),
  person: ZPersonSummary.extend({
    phone: z.string().nullable(),
    email: z.string().nullable(),
    preferredContact: z.string(),
    language: z.string(),
    interpreterNeeded: z.boolean(),
    accessibilityNeeds: z.string().nullable(),
    /** The person record's version: an edit of the record sends it back (optimistic concurrency). */
    version: z.number(),
    equality: ZEqualityView,
  }),
  pcn: ZOrganisationRef,
  practice: ZOrganisationRef.nullable(),
  source: z.enum(['practice', 'professional', 'self']),
  referrerName: z.string().nullable(),
  referrerOrganisation: z.string().nullable(),
  reasons: z.array(zReasonRef),
  details: z.string().nullable(),
  urgencyRequested: zUrgency,
  consentToShare: z.boolean(),
  safeguardingConcern: z.boolean(),
  status: z.string(),
  priority: zUrgency.nullable(),
  complexity: z.enum(['low', 'medium', 'high']).nullable(),
  predictedPam: z.number().nullable(),
  recommendedRole: z.enum(['link_worker', 'health_coach', 'care_coordinator']).nullable(),
  signpostingOnly: z.boolean(),
  triageNotes: z.string().nullable(),
  closureReason: z.string().nullable(),
  closureNote: z.string().nullable(),
  allocatedWorker: zWorkerRef.nullable(),
  coverWorker: zWorkerRef.nullable(),
  receivedAt: z.string(),
  triagedAt: z.string().nullable(),
  allocatedAt: z.string().nullable(),
  firstContactAt: z.string().nullable(),
  firstContactDueAt: z.string().nullable(),
  /** Set when the team must check who the referral is for before contacting them. */
  identityCheck: z.enum(Object.keys(IDENTITY_CHECKS) as [IdentityCheck, ...IdentityCheck[]]).nullable(),
  /** When a lead marked this self-referral as spam (it is then declined and out of the figures). */
  spamMarkedAt: z.string().nullable(),
  /** A self-referral's own answers: when to contact, and who referred on the person's behalf. */
  selfReferral: z
    .object({
      contactTimes: z.string().nullable(),
      practiceFromPostcode: z.boolean(),
      onBehalf: z
        .object({
          name: z.string(),
          relationship: z.string(),
          phone: z.string().nullable(),
          email: z.string().nullable(),
          personAgreed: z.literal(true),
        })
        .nullable(),
    })
    .nullable(),
  /** New details this referral brought that the team has not yet accepted or kept back. */
  personDetailsOffered: z.array(ZOfferedPersonDetail),
  events: z.array(ZReferralEventView),
});
export type ReferralView = z.infer<typeof ZReferralView>;

/**
 * The referring practice's view: status and the decision, never case notes. The person is shown
 * as the referral described them, never from the record the team keeps.
 */
export const ZReferralStatusView = z.object({
  id: z.string(),
  person: ZPersonSummary,
  reasons: z.array(zReasonRef),
  status: z.string(),
  statusLabel: z.string(),
  receivedAt: z.string(),
  decidedAt: z.string().nullable(),
  closureReason: z.string().nullable(),
  referrerName: z.string().nullable(),
});
export type ReferralStatusView = z.infer<typeof ZReferralStatusView>;

/** The reasons a referral may give, in the form's order (the codes the team's lists use). */
export const ZReferralReason = zReasonRef;
export type ReferralReason = z.infer<typeof ZReferralReason>;
export const ZReferralReasons = z.object({ reasons: z.array(ZReferralReason) });
export type ReferralReasons = z.infer<typeof ZReferralReasons>;

/**
 * Someone the user's practice or PCN already knows who may be the person being referred: only
 * what is needed to recognise them (no NHS number, no contact details).
 */
export const ZPossibleMatch = ZPersonSummary.pick({
  id: true,
  givenName: true,
  familyName: true,
  dateOfBirth: true,
  postcode: true,
});
export type PossibleMatch = z.infer<typeof ZPossibleMatch>;
export const ZPossibleMatches = z.object({ matches: z.array(ZPossibleMatch) });

/** The person's open referral to the team, sent recently (intake's 409 `open_referral`). */
export const ZOpenReferral = z.object({
  id: z.string(),
  reference: z.string(),
  receivedAt: z.string(),
  status: z.string(),
});
export type OpenReferral = z.infer<typeof ZOpenReferral>;

/**
 * Intake's 409s: any conflict problem, and for `possible_duplicates` the people Waymark may already
 * know, for `open_referral` the person's referral sent to the team today.
 */
export const ZIntakeConflict = ZProblem.extend({
  matches: z.array(ZPossibleMatch).optional(),
  openReferral: ZOpenReferral.optional(),
});

/** Intake's answer: the new referral's id; the rest the sender reads from the status view. */
export const ZReferralCreated = z.object({ id: z.string(), status: z.literal('received') });
export type ReferralCreated = z.infer<typeof ZReferralCreated>;

/** One page of the referrals a practice made, newest first. */
export const ZPracticeReferralsPage = z.object({
  referrals: z.array(ZReferralStatusView),
  page: z.number(),
  pageSize: z.number(),
  total: z.number(),
});
export type PracticeReferralsPage = z.infer<typeof ZPracticeReferralsPage>;

/** A 204 answer: no body (the serializer is never called; the OpenAPI document shows the status). */
export const ZNoContent = z.undefined().describe('No content');
