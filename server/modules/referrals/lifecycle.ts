import type { ReferralStatus } from '../../../common/referrals.js';

// received → triaged → allocated → first contact → active → discharged,
// or declined / redirected / not contactable. Only these moves are allowed.
const ALLOWED_FROM: Record<ReferralStatus, readonly ReferralStatus[]> = {
  received: [],
  // Re-triage (triaged → triaged) lets the lead correct a decision before allocation.
  triaged: ['received', 'triaged'],
  // Allocated → allocated is a reallocation (handover) before first contact.
  allocated: ['triaged', 'allocated'],
  first_contact: ['allocated'],
  // Active: work under way. Entered by the next attended contact after the first, or by a
  // handover after first contact; active → active is a handover of a case under way.
  active: ['first_contact', 'active'],
  // Discharge closes a case the person accepted (first contact made, or under way).
  discharged: ['first_contact', 'active'],
  declined: ['received', 'triaged', 'allocated'],
  redirected: ['received', 'triaged'],
  not_contactable: ['allocated'],
};

export function allowedFrom(to: ReferralStatus): readonly ReferralStatus[] {
  return ALLOWED_FROM[to];
}

export function canMove(from: ReferralStatus, to: ReferralStatus): boolean {
  return ALLOWED_FROM[to].includes(from);
}

/** Statuses in which a referral is still open work for the team. */
export const OPEN_STATUSES: readonly ReferralStatus[] = ['received', 'triaged', 'allocated', 'first_contact', 'active'];

/** Statuses that count towards a worker's caseload. */
export const CASELOAD_STATUSES: readonly ReferralStatus[] = ['allocated', 'first_contact', 'active'];
