// Vocabulary of referrals, triage and allocation (DESIGN.md §2 steps 1–3), shared by server and web.

import type { EthnicCategory, GenderIdentity, Sex } from './equality.js';
import type { TeamRole } from './roles.js';

export const REFERRAL_SOURCES = ['practice', 'professional', 'self'] as const;
export type ReferralSource = (typeof REFERRAL_SOURCES)[number];

/** Urgency asked for by the referrer, and the priority the team lead sets at triage. */
export const PRIORITIES = ['routine', 'soon', 'urgent'] as const;
export type Priority = (typeof PRIORITIES)[number];

export const COMPLEXITIES = ['low', 'medium', 'high'] as const;
export type Complexity = (typeof COMPLEXITIES)[number];

/** Patient Activation Measure levels 1 (disengaged) to 4 (maintaining). Predicted at triage. */
export const PAM_LEVELS = [1, 2, 3, 4] as const;
export type PamLevel = (typeof PAM_LEVELS)[number];

export const CONTACT_METHODS = ['phone', 'email', 'text', 'letter'] as const;
export type ContactMethod = (typeof CONTACT_METHODS)[number];

export const REFERRAL_STATUSES = [
  'received',
  'triaged',
  'allocated',
  'first_contact',
  'active',
  'discharged',
  'declined',
  'redirected',
  'not_contactable',
] as const;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];

export const STATUS_LABELS = {
  received: 'Received',
  triaged: 'Triaged',
  allocated: 'Allocated',
  first_contact: 'First contact made',
  active: 'Support under way',
  discharged: 'Discharged',
  declined: 'Declined',
  redirected: 'Redirected',
  not_contactable: 'Not contactable',
} as const satisfies Record<ReferralStatus, string>;

/** Reasons a referral is declined or redirected at triage (kept short; the note says more). */
export const CLOSURE_REASONS = {
  person_declined: 'The person declined social prescribing',
  crisis: 'Crisis or acute risk: not social prescribing (redirected to urgent care)',
  clinical_need: 'Needs clinical care rather than social prescribing',
  out_of_area: 'Not registered with a practice in this PCN',
  duplicate: 'Duplicate of an open referral',
  better_served_elsewhere: 'Better served by another service',
  insufficient_information: 'Not enough information to proceed',
} as const;
export type ClosureReason = keyof typeof CLOSURE_REASONS;

/**
 * How each closure reason reads, with the one no one picks at triage: the referrer withdrew the
 * referral before allocation (a GP system's cancelling message, issue 17).
 */
export const CLOSURE_REASON_LABELS: Readonly<Record<string, string>> = {
  ...CLOSURE_REASONS,
  withdrawn_by_referrer: 'Withdrawn by the referrer before allocation',
};

/** Which recommended role suits a triage outcome; see allocation rules. */
export const RECOMMENDABLE_ROLES = [
  'link_worker',
  'health_coach',
  'care_coordinator',
] as const satisfies readonly TeamRole[];
export type RecommendableRole = (typeof RECOMMENDABLE_ROLES)[number];

/** SNOMED CT concepts used on referral events (reference/nhs-data.md). */
export const SNOMED = {
  referralToSocialPrescribing: '871731000000106',
  socialPrescribingDeclined: '871711000000103',
} as const;

/**
 * A short reference to read out on the phone or quote in an email ("WM-3F9A-C21B"): the start
 * of the referral's id. Staff find the referral from it on their list; the full id stays in
 * the address.
 */
export function referralReference(id: string): string {
  const hex = id.replace(/-/g, '').toUpperCase();
  return `WM-${hex.slice(0, 4)}-${hex.slice(4, 8)}`;
}

/**
 * The person as the referrer described them on ONE referral, kept on the referral. Intake never
 * changes an existing person's record from it: where it differs, the team is offered the new
 * details to accept (see PERSON_DETAIL_FIELDS). The referrer's own view shows this, never the
 * record another team keeps.
 */
export interface ReferralPersonDetails {
  nhsNumber: string | null;
  givenName: string;
  familyName: string;
  dateOfBirth: string;
  postcode: string | null;
  phone: string | null;
  email: string | null;
  preferredContact: ContactMethod;
  language: string;
  interpreterNeeded: boolean;
  accessibilityNeeds: string | null;
  registeredPracticeId: string | null;
  // Equality answers as the referrer gave them (issue 13); absent on referrals made before they
  // were asked, null when not answered, 'not_stated' / 'Z' when the person preferred not to say.
  sex?: Sex | null;
  genderIdentity?: GenderIdentity | null;
  genderIdentityDescription?: string | null;
  ethnicity?: EthnicCategory | null;
}

/** Details of a person a referral may bring new values for, with the words the team reads. */
export const PERSON_DETAIL_LABELS = {
  postcode: 'Postcode',
  phone: 'Phone',
  email: 'Email',
  preferredContact: 'Preferred contact',
  language: 'Language',
  interpreterNeeded: 'Needs an interpreter',
  accessibilityNeeds: 'Accessibility needs',
  registeredPracticeId: 'Registered GP practice',
  sex: 'Sex',
  genderIdentity: 'Gender identity',
  ethnicity: 'Ethnic group',
} as const;
export type PersonDetailField = keyof typeof PERSON_DETAIL_LABELS;
export const PERSON_DETAIL_FIELDS = Object.keys(PERSON_DETAIL_LABELS) as PersonDetailField[];

/** Why the team must check who a referral is for before contacting them. */
export const IDENTITY_CHECKS = {
  nhs_number_not_linked:
    'Waymark could not link this referral to the NHS number given, because the date of birth does not match. Check the NHS number and date of birth with the referrer before contacting the person.',
  self_referred:
    'This person referred themselves online (or someone did for them): who they are has not been checked. Confirm their identity, and find any record Waymark already holds for them, before sharing anything about their care.',
} as const;
export type IdentityCheck = keyof typeof IDENTITY_CHECKS;

/** Form hint examples: an NHS number that passes the check digit (test range), and a postcode the demo knows. */
export const NHS_NUMBER_EXAMPLE = '999 876 5439';
export const POSTCODE_EXAMPLE = 'NE1 4XX';

/** "Margaret Hughes (WM-3F9A-C21B)": a referral as notifications name it, from the referral's own details. */
export function referralLabel(r: {
  id: string;
  personDetails: Pick<ReferralPersonDetails, 'givenName' | 'familyName'>;
}) {
  return `${r.personDetails.givenName} ${r.personDetails.familyName} (${referralReference(r.id)})`;
}

/**
 * What a self-referral from the public app adds to the referral (issue 14): when the person would
 * like to be contacted, and, when someone referred on their behalf, who that was and that the
 * person agreed.
 */
export interface SelfReferralDetails {
  contactTimes: string | null;
  /** True when the person did not know their GP practice: the PCN was found from the postcode. */
  practiceFromPostcode: boolean;
  onBehalf: {
    name: string;
    relationship: string;
    phone: string | null;
    email: string | null;
    /** The person agreed to the referral being made for them (required to send it). */
    personAgreed: true;
  } | null;
}
