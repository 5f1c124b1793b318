import type { Role } from '../../../common/roles';

/**
 * What each role does in the PCN's social prescribing service, in the words of DESIGN.md §1 and
 * the seed documents. Describes the job, not screens: pages are only linked once they exist, and
 * nothing here promises what Waymark cannot do yet (the partner's inbox came with issue 12, the
 * commissioner's figures with issue 13).
 */
export const ROLE_DESCRIPTIONS = {
  referrer: [
    'You are part of a GP practice team: a GP, nurse or receptionist.',
    "You refer patients of your practice to the primary care network's social prescribing team, and follow the status of the referrals your practice made and the message back from the team.",
  ],
  team_lead: [
    "You lead the primary care network's social prescribing team. Referrals from every practice land in one PCN queue.",
    'You triage each referral (priority, complexity and likely activation level), allocate it to the right member of the team, see every case of the PCN and arrange cover when colleagues are away.',
  ],
  link_worker: [
    'As a social prescribing link worker you hold your own caseload: the bulk of the non-complex cases, and the cases you cover for colleagues.',
    'You find out what matters to each person and connect them to practical, social and emotional support in their community.',
  ],
  health_coach: [
    'As a health and wellbeing coach you hold your own caseload of the more complex cases, especially people with low activation (PAM level 1 or 2).',
    'You coach people to build the knowledge, skills and confidence to manage their own health and reach the goals they set themselves.',
  ],
  care_coordinator: [
    'As a care coordinator you hold a smaller caseload of people who need simple signposting, and you are the default stand-in for colleagues on leave.',
    "You coordinate the team's work with voluntary and community organisations and keep the directory of services accurate.",
  ],
  vcs_partner: [
    'You work for a voluntary or community organisation that the social prescribing team refers people to.',
    "You look after your organisation's listings in the directory of services. The changes you propose are checked by the social prescribing team before anyone sees them.",
    'Teams refer people to your services through Waymark, with their consent. They arrive in your inbox of referrals, where you accept or decline them, record attendance and close them with an outcome; the team hears of each step.',
  ],
  commissioner: [
    'You commission social prescribing for your integrated care board.',
    'You see the figures of every PCN in your ICB: demand, flow, waits, capacity, outcomes, onward referrals and equality, with small numbers hidden. You can search the directory of services that the teams refer people to. Waymark never shows you a person’s record.',
  ],
  admin: [
    "You are part of the ICB's digital team and run Waymark for the ICB.",
    'You manage organisations, users and roles, and search the audit log.',
  ],
} as const satisfies Record<Role, readonly string[]>;
