import type { Role } from './roles.js';

// The one registry of permissions. Every API route declares one of these (or `public`);
// a test walks the router and snapshots {method, path, permission}: a diff there is a
// permission change and is reviewed as one.
export const PERMISSIONS = [
  'account.self', // own session, own second factor
  'organisation.read', // organisations within the user's scope
  'organisation.manage',
  'team.read', // the PCN's social prescribing team: roles, bands, FTE, capacity
  'user.read',
  'user.manage',
  'audit.read',
  'referral.create', // refer a person to the PCN's social prescribing team
  'referral.read', // referrals in scope: a practice its own (status only), a PCN team its queue
  'referral.triage', // triage decisions, decline / redirect, PCN first-contact targets
  'referral.allocate', // allocate, override, allocate all
  'caseload.read', // a worker's own allocated referrals
  'referral.contact', // record first contact (accepted / declined / not contactable)
  'leave.manage', // record leave, hand cases to cover and back
  'notification.read', // own in-app notifications and the live event stream
  'case.read', // the case record of a PCN's referral: timeline, contacts, notes
  'case.write', // record contacts and notes, discharge (the allocated or covering worker, or the lead)
  'gpmessage.read', // the message back to the GP after discharge (the referring practice, the team)
  'careplan.read', // the one personalised care and support plan of a person referred to the PCN
  'careplan.write', // save a new version of that plan (any team member: one plan shared by all)
  'outcome.record', // record an outcome measure (ONS4, SWEMWBS, UCLA-3, PAM) in a case of the PCN
  'outcome.read', // a case's outcome measures, bands and change from baseline
  'directory.read', // staff view of the Directory of Services, confidential addresses included
  'directory.review', // the review-due queue, reports, moderation: confirm / edit / retire, approve / reject
  'directory.propose', // a VCS partner proposes edits to its own organisation's listings (moderated)
  'directory.manage', // import, export, duplicates and merge
  'partner.referrals', // a VCS partner's inbox: the onward referrals sent to its own organisation's services, and answering them
  'partner.impact', // a VCS partner's own organisation's evidence of value (referrals, attendance, outcomes)
  'impact.read', // any organisation's evidence of value in the ICB (small numbers suppressed outside the team's scope)
  'team.manage', // issue 16: edit team members' profiles, record their training and supervision (the PCN's lead; the ICB's admin)
  'team.settings', // issue 16: the ICB's skills list, training required per role, supervision frequency per role (admin)
  'volunteer.read', // the PCN's volunteers and community champions: their records (every read audited)
  'volunteer.manage', // record volunteers, their checks and hours, and their ending
  'group.read', // the groups the PCN's team runs itself, their sessions and registers
  'group.manage', // set up a group, its sessions, facilitators and directory listing; take a register
  'systemclient.manage', // register the GP systems and NHS services that talk to Waymark over FHIR, and revoke them
  'analytics.read', // dashboards of demand, capacity, waits, outcomes and equality: the ICB's (commissioner) or the own PCN's (team lead)
  'workforce.plan', // the workforce planner and its named scenarios: the own PCN's (team lead) or the ICB's (commissioner)
  'workforce.rates', // the ICB's pay points, employer on-cost rates and ARRS maximums (administrator)
  'retention.manage', // issue 19: the ICB's records past retention: the dry run, destruction, the scheduled job (administrator)
  'person.export', // issue 19: a subject access export of everything the team holds about a person (the PCN's lead)
  'person.restrict', // issue 19: restrict processing of a person's record (UK GDPR Article 18) and lift it (the PCN's lead)
] as const;

export type Permission = (typeof PERMISSIONS)[number];

const EVERYONE: Permission[] = ['account.self', 'organisation.read', 'notification.read'];
const TEAM: Permission[] = [
  ...EVERYONE,
  'team.read',
  'referral.create',
  'referral.read',
  'caseload.read',
  'referral.contact',
  'case.read',
  'case.write',
  'gpmessage.read',
  'careplan.read',
  'careplan.write',
  'outcome.record',
  'outcome.read',
  'directory.read',
  'volunteer.read',
  'group.read',
  'group.manage',
];

export const ROLE_PERMISSIONS = {
  referrer: [...EVERYONE, 'referral.create', 'referral.read', 'gpmessage.read', 'directory.read'],
  team_lead: [
    ...TEAM,
    'referral.triage',
    'referral.allocate',
    'leave.manage',
    'impact.read',
    'analytics.read',
    'team.manage',
    'workforce.plan',
    'volunteer.manage',
    'person.export',
    'person.restrict',
  ],
  link_worker: TEAM,
  health_coach: TEAM,
  care_coordinator: [...TEAM, 'directory.review', 'impact.read', 'volunteer.manage'],
  vcs_partner: [...EVERYONE, 'directory.propose', 'partner.referrals', 'partner.impact'],
  commissioner: [...EVERYONE, 'impact.read', 'analytics.read', 'workforce.plan'],
  admin: [
    ...EVERYONE,
    'organisation.manage',
    'user.read',
    'user.manage',
    'audit.read',
    'directory.read',
    'directory.review',
    'directory.manage',
    'impact.read',
    'team.manage',
    'team.settings',
    'workforce.rates',
    'systemclient.manage',
    'retention.manage',
  ],
} satisfies Record<Role, Permission[]>;

export function can(role: Role, permission: Permission): boolean {
  return (ROLE_PERMISSIONS[role] as readonly Permission[]).includes(permission);
}

/**
 * What an admin may grant a system client (OAuth 2.0 scopes are these permission names). A client's
 * permissions are its scopes within what a person of the same organisation could do (see
 * system-clients.service `clientPrincipal`): a scope never widens a role.
 */
export const SYSTEM_CLIENT_SCOPES = [
  'referral.create',
  'referral.read',
  'gpmessage.read',
  // Issue 17 point 3: a PCN's system reads its team's plans and outcome measures over FHIR (a
  // practice's system never gets them: a practice referrer's role has neither permission).
  'careplan.read',
  'outcome.read',
] as const satisfies readonly Permission[];
export type SystemClientScope = (typeof SYSTEM_CLIENT_SCOPES)[number];
