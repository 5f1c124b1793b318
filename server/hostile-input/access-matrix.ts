import { can, type Permission } from '../../common/permissions.js';
import { ROLES, type Role } from '../../common/roles.js';
import type { RegisteredRoute } from '../platform/http/access.js';

// The access matrix's one declared table (issue 19, point 1). Every cell — a route of the live
// route table × a caller — gets its expected answer from `expectedAnswer` below, which reads only
// this file: the route's declared permission, what its path names (walk-fixtures' PARAMS), and the
// exceptions declared here, each with its reason. A route the table does not know fails the matrix.

/** Who asks: a role of a party, nobody (signed out) or a registered system with a bearer token. */
export type Party = 'home' | 'otherPractice' | 'otherVcs' | 'otherPcn' | 'otherIcb';
export type Caller =
  | { kind: 'person'; party: Party; role: Role }
  | { kind: 'signedOut' }
  | { kind: 'system'; party: 'home' | 'otherIcb' };

/** Parties that stand for one role only: a practice's referrers, a VCS organisation's partners. */
export const ONLY_ROLE: Partial<Record<Party, readonly Role[]>> = {
  otherPractice: ['referrer'],
  otherVcs: ['vcs_partner'],
};

export const callerLabel = (c: Caller) =>
  c.kind === 'person' ? `${c.party}:${c.role}` : c.kind === 'system' ? `system:${c.party}` : 'signed-out';

/** Every caller of the matrix, in the order each route asks them (the home team last: its writes change things). */
export function allCallers(): Caller[] {
  const people: Caller[] = [];
  for (const party of ['otherIcb', 'otherPcn', 'otherPractice', 'otherVcs', 'home'] as const) {
    for (const role of ONLY_ROLE[party] ?? ROLES) people.push({ kind: 'person', party, role });
  }
  return [{ kind: 'signedOut' }, { kind: 'system', party: 'otherIcb' }, ...people, { kind: 'system', party: 'home' }];
}

/**
 * The answer a cell expects. 'ok': a 2xx (or 304), or the route's own non-error answer listed in
 * OK_ANSWERS; 'again': the home team's repeat of a write one of them has already made (the record
 * was found; a 2xx, or a 409 because the first one changed its state).
 */
export type Expected = 'ok' | 'again' | 401 | 403 | 404;

/** Answers that count as 'ok' for a route besides a 2xx, and why. */
export const OK_ANSWERS: Record<string, { statuses: number[]; why: string }> = {
  'GET /api/video/signal': { statuses: [404], why: 'a WebSocket: a plain GET without an upgrade is not found' },
  'GET /api/public/video/signal': { statuses: [404], why: 'a WebSocket: a plain GET without an upgrade' },
  'GET /api/auth/second-factor/setup': {
    statuses: [409],
    why: 'an administrator has set up their second factor already (at sign-in): nothing to set up',
  },
  'POST /api/referrals/:id/spam': {
    statuses: [409],
    why: 'the home referral came from a practice: only a self-referral can be spam (found, refused by state)',
  },
};

export const AGAIN_ANSWERS: Record<string, { statuses: number[]; why: string }> = {
  'POST /api/directory/review/services/:serviceId/reports/:reportId/dismiss': {
    statuses: [404],
    why: 'a dismissed report is no longer open: the next reviewer finds no open report to dismiss',
  },
};

/**
 * Cells whose answer differs from the rule of `expectedAnswer` by design, each with its reason:
 * the caller holds the permission, yet the record or the list is not theirs to reach. `parties`
 * left out means every party (the home team included); `roles` left out, every role holding the
 * permission.
 */
export interface Exception {
  parties?: readonly Party[];
  roles?: readonly Role[];
  answer: Expected;
  /** Other answers the cell may give, when the walk's state decides between them (said in `why`). */
  also?: readonly number[];
  why: string;
}
const CASE_WORKERS =
  "only the worker the case is allocated to, a colleague covering them, or the lead: the PCN's other workers see the case but are refused its changes";
const OWN_ONLY = (what: string): Exception => ({
  roles: ROLES.filter((r) => r !== 'link_worker'),
  answer: 404,
  why: `${what} belongs to the home link worker alone: anyone else finds nothing`,
});
const caseWrite = (): Exception[] => [
  { parties: ['home'], roles: ['health_coach', 'care_coordinator'], answer: 403, why: CASE_WORKERS },
];
export const EXCEPTIONS: Record<string, Exception[]> = {
  'GET /api/referrals/:id': [
    {
      parties: ['home'],
      roles: ['referrer'],
      answer: 404,
      why: 'a practice sees the status of its referrals (GET /api/referrals/:id/status), not the PCN team’s record',
    },
  ],
  'POST /api/referrals/:id/first-contact': [OWN_ONLY('the first contact of a case')],
  'POST /api/tasks/:id/done': [OWN_ONLY('a reminder task')],
  'POST /api/notifications/:id/read': [OWN_ONLY('a notification')],
  'POST /api/referrals/:id/contacts': caseWrite(),
  'POST /api/referrals/:id/notes': caseWrite(),
  'POST /api/referrals/:id/planned-contacts': caseWrite(),
  'POST /api/referrals/:id/planned-contacts/:plannedId/cancel': caseWrite(),
  'POST /api/referrals/:id/planned-contacts/:plannedId/video-link/resend': caseWrite(),
  'POST /api/referrals/:id/planned-contacts/:plannedId/video-link/revoke': caseWrite(),
  'POST /api/referrals/:id/person-details': caseWrite(),
  'PUT /api/referrals/:id/person/equality': caseWrite(),
  'POST /api/referrals/:id/onward-referrals': caseWrite(),
  'POST /api/referrals/:id/onward-referrals/:onwardId/link/resend': caseWrite(),
  'POST /api/referrals/:id/onward-referrals/:onwardId/link/revoke': caseWrite(),
  'POST /api/referrals/:id/discharge': [
    { parties: ['home'], roles: ['care_coordinator'], answer: 403, why: CASE_WORKERS },
    {
      parties: ['home'],
      roles: ['link_worker'],
      answer: 403,
      also: [409],
      why: 'the walk has covered and uncovered the link worker’s cases and left the case in a state a discharge refuses (409); which check answers first depends on that state, so either refusal is the worker being kept from a case they may not close now',
    },
  ],
  'POST /api/volunteers/:id/befriending': caseWrite(),
  'POST /api/volunteers/:id/befriending/:assignmentId/end': caseWrite(),
  'GET /api/practice/referrals': [
    {
      roles: ['team_lead', 'link_worker', 'health_coach', 'care_coordinator'],
      answer: 404,
      why: 'the list of a practice’s own referrals: a PCN team member has no practice (their queue is /api/triage/queue)',
    },
  ],
  'GET /api/organisations/practices/:id': [
    {
      parties: ['home', 'otherVcs', 'otherPcn'],
      roles: ['vcs_partner'],
      answer: 404,
      why: 'a VCS partner reads its own organisation, not the ICB’s practices',
    },
    {
      parties: ['otherPcn', 'otherPractice'],
      roles: ['referrer', 'team_lead', 'link_worker', 'health_coach', 'care_coordinator'],
      answer: 404,
      why: 'a practice’s or a PCN’s user reads the practices of its own PCN; the ICB’s users read all of the ICB’s',
    },
  ],
  'GET /api/team/members/:id/profile': [
    {
      parties: ['home'],
      roles: ['referrer', 'health_coach', 'care_coordinator', 'vcs_partner', 'commissioner'],
      answer: 404,
      why: 'a profile is its member’s own, their lead’s and the ICB administrator’s',
    },
  ],
  'GET /api/team/development': [
    {
      roles: ['admin'],
      answer: 404,
      why: 'an administrator has no team of their own: they reach a member through /api/team/members/:id/profile',
    },
  ],
  'GET /api/workforce-planner/scenarios/:id': [
    {
      parties: ['home'],
      roles: ['commissioner'],
      answer: 404,
      why: 'a named scenario is its author’s (the home PCN lead’s); the commissioner plans for the ICB in scenarios of their own',
    },
  ],
  'DELETE /api/workforce-planner/scenarios/:id': [
    {
      parties: ['home'],
      roles: ['commissioner'],
      answer: 404,
      why: 'a named scenario is its author’s (the home PCN lead’s)',
    },
  ],
};

/**
 * Routes without a path parameter whose body names a record of the home team: another party that
 * sends the same body names a record out of its scope and must get 404, as for an id that does not
 * exist (the kinds as walk-fixtures' PARAMS name them, and the home ICB and PCN themselves).
 */
export const BODY_NAMES_HOME_RECORD: Record<string, string> = {
  'POST /api/admin/organisations/pcns': 'homeIcb',
  'POST /api/admin/organisations/vcs': 'homeIcb',
  'POST /api/admin/organisations/practices': 'homePcn',
  'POST /api/admin/users': 'homePcn',
  'POST /api/admin/system-clients': 'practice',
  'POST /api/team/leave': 'worker',
  'POST /api/directory/duplicates/merge': 'listing',
};

/** Kinds named in bodies that every party of the home ICB may name (its administrators manage the ICB). */
export const BODY_ICB_WIDE = new Set(['homeIcb', 'homePcn:admin']);

/** Routes the matrix cannot send through `inject` (the answer never ends): checked over real HTTP. */
export const STREAMS = new Set(['GET /api/events']);

/** Routes that end or change the caller's own session: asked with throwaway sessions. */
export const OWN_SESSION = new Set(['POST /api/auth/sign-out', 'POST /api/account/password']);

export const isPublic = (r: RegisteredRoute) => !!r.access && 'public' in r.access;
export const permissionOf = (r: RegisteredRoute) =>
  r.access && 'permission' in r.access ? (r.access.permission as Permission) : null;
export const routeKey = (r: Pick<RegisteredRoute, 'method' | 'url'>) => `${r.method} ${r.url}`;

/** The routes the matrix walks: every route of the app but HEAD twins and the API documents' plugin. */
export const matrixRoutes = (routes: RegisteredRoute[]) =>
  routes.filter((r) => r.method !== 'HEAD' && !r.url.startsWith('/api/docs'));

export interface RouteFacts {
  /** The kinds of record its path parameters name (walk-fixtures' PARAMS), in order. */
  kinds: string[];
  /** Whether the kind is one every party of the home ICB may reach (ICB_WIDE), for this role. */
  icbWide(kind: string, role: Role): boolean;
}

/** The expected answer of one cell. */
export function expectedAnswer(route: RegisteredRoute, caller: Caller, facts: RouteFacts): Expected {
  const key = routeKey(route);
  const permission = permissionOf(route);
  if (permission === null) return 'ok'; // public: every caller alike
  const forSystems = route.url.startsWith('/fhir/');
  if (caller.kind === 'signedOut') return 401;
  if (caller.kind === 'system') {
    if (!forSystems) return 401; // a bearer token is no credential outside /fhir
    // Each party's system holds every scope a system may have (one for a practice, one for a PCN).
    if (caller.party === 'home') return 'ok';
    return facts.kinds.length > 0 ? 404 : 'ok';
  }
  if (forSystems) return 401; // the FHIR edge takes a system's token, never a session
  if (!can(caller.role, permission)) return 403;
  const named = facts.kinds;
  const bodyNames = BODY_NAMES_HOME_RECORD[key];
  const exception = (EXCEPTIONS[key] ?? []).find(
    (e) => (!e.parties || e.parties.includes(caller.party)) && (!e.roles || e.roles.includes(caller.role)),
  );
  const kinds = bodyNames ? [...named, bodyNames] : named;
  const reached =
    kinds.length === 0 ||
    caller.party === 'home' ||
    (caller.party !== 'otherIcb' && kinds.every((k) => facts.icbWide(k, caller.role)));
  if (!reached) return 404;
  return exception ? exception.answer : 'ok';
}

/** The further answers an exception allows its cells. */
export function alsoAllowed(route: RegisteredRoute, caller: Caller): readonly number[] {
  if (caller.kind !== 'person') return [];
  const exception = (EXCEPTIONS[routeKey(route)] ?? []).find(
    (e) => (!e.parties || e.parties.includes(caller.party)) && (!e.roles || e.roles.includes(caller.role)),
  );
  return exception?.also ?? [];
}

/**
 * Every read without a path parameter (lists, searches, counts, exports, CSVs, settings), as the
 * list walk asks it: with query strings that aim at the second ICB's and another PCN's records (a
 * search for their names, their NHS numbers, their people), so that a leak has something to find.
 * `{pcn}`/`{icb}` stand for the foreign family names, `{nhsPcn}`/`{nhsIcb}` their NHS numbers,
 * `{personPcn}`/`{personIcb}` their person ids; `''` asks the read as it is. A new read fails the
 * walk until it is listed here, with the probes that would find a leak in it.
 */
export const LIST_PROBES: Record<string, readonly string[]> = {
  // ---- the ICB's administration ----
  'GET /api/admin/audit': ['', '?actor={icb}', '?entity={personIcb}'],
  'GET /api/admin/organisations': ['', '?q=Test'],
  'GET /api/admin/retention': [''],
  'GET /api/admin/system-clients': [''],
  'GET /api/admin/users': ['', '?q=Test'],
  'GET /api/team/settings': [''],
  'GET /api/workforce-planner/rates': [''],
  // ---- the signed-in user's own ----
  'GET /api/auth/me': [''],
  'GET /api/auth/second-factor/setup': [''],
  'GET /api/notifications': [''],
  'GET /api/notifications/unread-count': [''],
  'GET /api/tasks': [''],
  'GET /api/caseload': [''],
  'GET /api/video/waiting': [''],
  'GET /api/video/signal': [''], // a WebSocket: a plain GET finds nothing (404)
  // ---- the PCN team's ----
  'GET /api/triage/queue': [''],
  'GET /api/pcn/triage-settings': [''],
  'GET /api/team': [''],
  'GET /api/team/caseloads': [''],
  'GET /api/team/development': [''],
  'GET /api/team/leave': [''],
  'GET /api/team/my-tasks': [''],
  'GET /api/team/workload': [''],
  'GET /api/team/open-cases': ['?q={pcn}', '?q={icb}', '?q={nhsPcn}', '?q={nhsIcb}'],
  'GET /api/team-groups': [''],
  'GET /api/volunteers': [''],
  'GET /api/workforce-planner/baseline': [''],
  'GET /api/workforce-planner/scenarios': [''],
  'GET /api/analytics/options': [''],
  // ---- a practice's ----
  'GET /api/practice/referrals': [''],
  'GET /api/referral-reasons': [''],
  'GET /api/organisations': [''],
  // ---- the directory (the ICB's) and a partner's own ----
  'GET /api/directory/services': ['', '?q=Elsewhere'],
  'GET /api/directory/review-queue': [''],
  'GET /api/directory/duplicates': [''],
  'GET /api/directory/export/oruk': [''],
  'GET /api/directory/import/csv-template': [''],
  'GET /api/directory/our-events': [''],
  'GET /api/directory/our-listings': [''],
  'GET /api/directory/our-proposals': [''],
  'GET /api/partner/impact': [''],
  'GET /api/partner/impact.csv': [''],
  'GET /api/partner/referrals': [''],
  // ---- the FHIR edge, searched by the home team's registered systems ----
  'GET /fhir/R4/Patient': [
    '?identifier=https://fhir.nhs.uk/Id/nhs-number|{nhsPcn}',
    '?identifier=https://fhir.nhs.uk/Id/nhs-number|{nhsIcb}',
  ],
  'GET /fhir/R4/ServiceRequest': ['', '?patient=Patient/{personPcn}', '?patient=Patient/{personIcb}'],
  'GET /fhir/R4/Task': ['', '?patient=Patient/{personIcb}'],
  'GET /fhir/R4/Bundle': [''],
  'GET /fhir/R4/CarePlan': ['?patient=Patient/{personPcn}', '?patient=Patient/{personIcb}'],
  'GET /fhir/R4/Observation': ['?patient=Patient/{personPcn}', '?patient=Patient/{personIcb}'],
  'GET /fhir/R4/QuestionnaireResponse': ['?patient=Patient/{personPcn}', '?patient=Patient/{personIcb}'],
};

/** Lists that show another PCN of the home ICB by design (never another ICB), and why. */
export const PCN_WIDE_LISTS: Record<string, { roles: readonly Role[]; why: string }> = {
  'GET /api/admin/audit': { roles: ['admin'], why: 'the ICB’s audit search covers every PCN of the ICB' },
};
