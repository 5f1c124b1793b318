import { eq } from 'drizzle-orm';
import { expect } from 'vitest';
import { EMPTY_PLAN } from '../../common/care-plan.js';
import { type Listing, toListingInput } from '../../common/directory.js';
import { ROLES, type Role } from '../../common/roles.js';
import {
  createTestListing,
  createTestOrganization,
  testListingInput,
} from '../modules/directory/listings/test-listings.js';
import { notifications } from '../modules/notifications/notifications.tables.js';
import { createLinkedReferral } from '../modules/onward-referrals/links/test-links.js';
import { onwardReferrals } from '../modules/onward-referrals/onward-referrals.tables.js';
import { createTestOnward } from '../modules/onward-referrals/test-onward.js';
import { practices, vcsOrganisations } from '../modules/organisations/organisations.tables.js';
import { referrals } from '../modules/referrals/referrals.tables.js';
import { reminderTasks } from '../modules/reminders/reminders.tables.js';
import { teamGroupSessions, teamGroups } from '../modules/team-groups/team-groups.tables.js';
import { createTestReferral, triaged } from '../modules/triage/test-referrals.js';
import { users } from '../modules/users/users.tables.js';
import { volunteers } from '../modules/volunteers/volunteers.tables.js';
import { londonToday } from '../modules/workforce/workforce.service.js';
import {
  createTestTenancy,
  createTestUser,
  type Session,
  signIn,
  signInWithNewSecondFactor,
  type TestContext,
  type TestTenancy,
  type TestUser,
} from '../test/toolkit.js';

// The records of a home team that the walks over the live route table ask for (issue 11, point 1;
// issue 19, point 1): one record of each kind a path parameter names, the parties that ask for them
// (the home team; another practice, VCS organisation and PCN of the home ICB; another ICB, each
// with every role signed in), bodies and query strings that pass validation, so that only access
// and scope decide the answer. The scope walk and the access matrix share them.

let ctx: TestContext;
let home: TestTenancy;
/** Every party's signed-in roles, by `${party}:${role}`. */
export const sessions = new Map<string, Session>();
/** The home link worker: the home case is theirs. */
export let worker: TestUser;
/** The tenancies of the parties (the other practice's and VCS organisation's share the home one's ids but theirs). */
export const parties: Record<string, TestTenancy> = {};

/** The home team's records, by the kind of thing a path parameter names. */
export const ids: Record<string, string> = {};
export const listings = {} as Record<'listing' | 'partnerListing', Listing>;

/** What each path parameter names, by route prefix (first match wins). */
export const PARAMS: [RegExp, Record<string, string>][] = [
  // onwardId (issue 12, link helper): an onward referral of the home case, sent by secure link.
  // Issue 15: a planned contact by video of the home case (its own, as the other one is cancelled).
  [/^\/api\/referrals\/:id\/planned-contacts\/:plannedId\/video-link\//, { id: 'referral', plannedId: 'videoContact' }],
  [/^\/api\/referrals\/:id/, { id: 'referral', plannedId: 'plannedContact', onwardId: 'onward' }],
  [/^\/api\/people\/:personId/, { personId: 'person' }],
  [/^\/api\/tasks\/:id/, { id: 'task' }],
  [/^\/api\/notifications\/:id/, { id: 'notification' }],
  [/^\/api\/team\/leave\/:id/, { id: 'leave' }],
  [/^\/api\/team\/members\/:id/, { id: 'worker' }],
  [/^\/api\/admin\/users\/:id/, { id: 'worker' }],
  [/^\/api\/admin\/system-clients\/:id/, { id: 'systemClient' }],
  [/^\/api\/organisations\/practices\/:id/, { id: 'practice' }],
  [/^\/api\/admin\/organisations\/:id/, { id: 'practice' }],
  [/^\/api\/directory\/our-listings\/:serviceId/, { serviceId: 'partnerListing' }],
  [/^\/api\/directory\/services\/:id/, { id: 'listing' }],
  [/^\/api\/directory\/review\/services\/:serviceId/, { serviceId: 'listing', reportId: 'report' }],
  [/^\/api\/directory\/changes\/:changeId/, { changeId: 'change' }],
  // Issue 12, impact (evidence of value): a directory organisation of the ICB.
  [/^\/api\/directory\/organisations\/:id/, { id: 'directoryOrganisation' }],
  // ---- showcase (issue 12, point 7): events of a service, proposals of new listings ----
  [/^\/api\/directory\/our-events\/:eventId/, { eventId: 'partnerEvent' }],
  [/^\/api\/directory\/review\/events\/:eventId/, { eventId: 'staffEvent' }],
  [/^\/api\/directory\/proposals\/:proposalId/, { proposalId: 'proposal' }],
  // ---- end showcase ----
  // Issue 12, partner inbox: an onward referral sent to the home VCS organisation.
  [/^\/api\/partner\/referrals\/:id/, { id: 'onwardReferral' }],
  // ---- issue 13, analytics: :section names a dashboard section, not a record; the record is the
  // home PCN named in the query (QUERIES below), which another PCN's lead and another ICB's
  // commissioner must not get figures of. The home ICB's commissioners may (ANALYTICS_ICB_WIDE).
  [/^\/api\/analytics\/:section/, { section: 'analyticsSection' }],
  // ---- end analytics ----
  // Issue 16, workforce planner: a named scenario of the home PCN's lead.
  [/^\/api\/workforce-planner\/scenarios\/:id/, { id: 'scenario' }],
  // Issue 16: a volunteer of the home team (and its befriending of a home case), a group it runs.
  [/^\/api\/volunteers\/:id/, { id: 'volunteer', assignmentId: 'befriending' }],
  [/^\/api\/team-groups\/:id/, { id: 'group', sessionId: 'groupSession' }],
];

/**
 * Records every user of the same ICB may see by design (the directory and the ICB's organisations
 * are the ICB's; the ICB's administrator manages all its users): another PCN of the same ICB is
 * not an intruder for these, another ICB still is. A VCS partner's own listings are its own.
 */
export const ICB_WIDE = new Set([
  // impact: a directory organisation of the ICB
  'directoryOrganisation',
  'listing',
  'report',
  'change',
  'practice',
  'worker:admin',
  'systemClient:admin',
  // showcase: directory staff keep the events and new listings of their whole ICB
  'staffEvent',
  'proposal',
  // analytics: a commissioner sees every PCN of their own ICB (another ICB's still 404)
  'analyticsSection:commissioner',
]);

/** Bodies that pass validation, so that only the scope decides. */
export const at = (hours: number) => new Date(Date.now() + hours * 3_600_000).toISOString();
export const BODIES: Record<string, unknown> = {
  'PUT /api/admin/system-clients/:id/webhook': { url: 'https://gp-system.example/waymark/webhook' },
  'PATCH /api/admin/users/:id': { version: 1, name: 'Renamed By Walk' },
  'POST /api/referrals/:id/triage': { version: 1, priority: 'routine', complexity: 'low', predictedPam: 3 },
  'POST /api/referrals/:id/allocate': { workerId: '', version: 1, overrideReason: 'Walk test' },
  'POST /api/referrals/:id/reassign': { workerId: '', version: 1, reason: 'Walk test' },
  'POST /api/referrals/:id/first-contact': {
    version: 1,
    outcome: 'accepted',
    at: at(-1),
    mode: 'phone',
    durationMinutes: 10,
  },
  'POST /api/referrals/:id/decline': { version: 1, reason: 'person_declined' },
  'POST /api/referrals/:id/redirect': { version: 1, reason: 'person_declined' },
  // The home team's referral came from a practice, so its control answers 409 (only a
  // self-referral can be spam) and changes nothing; other teams must still find nothing.
  'POST /api/referrals/:id/spam': { version: 1 },
  'POST /api/referrals/:id/discharge': { version: 1, reason: 'goals_met', summary: 'Walk test.' },
  'POST /api/referrals/:id/contacts': { at: at(-1), mode: 'phone', durationMinutes: 20, outcome: 'attended' },
  'POST /api/referrals/:id/notes': { body: 'Walk test note.' },
  'POST /api/referrals/:id/person-details': { accept: [] },
  // Issue 13 (equality): the person's equality answers, edited from the case.
  'PUT /api/referrals/:id/person/equality': { sex: 'not_stated', version: 1 },
  // Issue 19: restriction of processing (set late, then lifted: see LATE).
  'PUT /api/referrals/:id/person/restriction': { reason: 'accuracy_contested', note: 'Walk test' },
  'POST /api/referrals/:id/person/restriction/lift': { note: 'Walk test' },
  'POST /api/referrals/:id/planned-contacts': { at: at(7 * 24), mode: 'phone' },
  'POST /api/referrals/:id/measures': {
    measure: 'ons4',
    timepoint: 'baseline',
    answers: { lifeSatisfaction: 3, worthwhile: 5, happy: 4, anxious: 8 },
  },
  'PUT /api/people/:personId/care-plan': { ...EMPTY_PLAN, whatMattersToMe: 'Walk test.', version: 1 },
  'POST /api/team/members/:id/cover': { coverWorkerId: '' },
  // Issue 16: the home link worker's profile, training and supervision (the supervisor: a colleague).
  'PUT /api/team/members/:id/profile': {
    version: 1,
    band: '5',
    fte: 1,
    workingDays: ['mon', 'tue'],
    startDate: '2025-04-01',
    funding: 'arrs',
    fundingNote: null,
    languages: ['Polish'],
    skillIds: [],
  },
  'POST /api/team/members/:id/training': {
    requirementId: null,
    title: 'Walk training',
    completedOn: '2025-01-01',
    evidenceNote: 'Walk test',
  },
  'POST /api/team/members/:id/supervisions': {
    heldOn: '2025-01-01',
    supervisorId: '',
    kind: 'peer',
    privateNotes: null,
  },
  'POST /api/directory/review/services/:serviceId/reports/:reportId/dismiss': { reason: 'Walk test' },
  'POST /api/directory/changes/:changeId/reject': { reason: 'Walk test' },
  'POST /api/directory/review/services/:serviceId/retire': { reason: 'Walk test' },
  'PATCH /api/admin/organisations/:id': { name: 'Walk Test Surgery' },
  'POST /api/admin/organisations/:id/retire': { reason: 'Walk test' },
  'POST /api/admin/organisations/:id/reinstate': { reason: 'Walk test' },
  // Issue 12, chase: how a service takes referrals (reviewers, and a partner for its own listings).
  'PUT /api/directory/services/:id/referral-settings': {
    takesReferrals: true,
    takesSelfReferrals: false,
    referralEmail: 'walk@charity.example',
    replyWorkingDays: 7,
  },
  'PUT /api/directory/our-listings/:serviceId/referral-settings': {
    takesReferrals: true,
    takesSelfReferrals: true,
    referralEmail: '',
    replyWorkingDays: 4,
  },
  // ---- showcase: each event route's control runs once, an edit (version 1) before its cancel ----
  'POST /api/directory/our-listings/:serviceId/events': { title: 'Walk event', starts_at: at(48) },
  'POST /api/directory/review/services/:serviceId/events': { title: 'Walk event', starts_at: at(48) },
  'PUT /api/directory/our-events/:eventId': { title: 'Walk event edited', starts_at: at(72), expected_version: 1 },
  'PUT /api/directory/review/events/:eventId': { title: 'Walk event edited', starts_at: at(72), expected_version: 1 },
  'POST /api/directory/our-events/:eventId/cancel': { expected_version: 2 },
  'POST /api/directory/review/events/:eventId/cancel': { expected_version: 2 },
  'POST /api/directory/proposals/:proposalId/reject': { reason: 'Walk test' },
  // ---- end showcase ----
  // Issue 12, partner inbox: the answers (decline runs late, so the home partner's comes last).
  'POST /api/partner/referrals/:id/accept': { version: 1 },
  'POST /api/partner/referrals/:id/attendance': { version: 1, kind: 'attended', on: londonToday() },
  'POST /api/partner/referrals/:id/close': { version: 1, outcome: 'completed', note: 'Walk test.' },
  'POST /api/partner/referrals/:id/decline': { version: 1, reason: 'person_declined' },
  // Issue 16: volunteers (befriending and the register name the home case: filled in beforeAll).
  'PUT /api/volunteers/:id': {
    name: 'Walk Volunteer',
    email: null,
    phone: null,
    postcode: null,
    role: 'befriender',
    availability: null,
    version: 1,
  },
  'POST /api/volunteers/:id/checks': { kind: 'dbs', detail: null, completedOn: '2025-01-06', expiresOn: null },
  'POST /api/volunteers/:id/hours': { workedOn: '2025-02-03', minutes: 60, activity: 'Walk test' },
  'POST /api/volunteers/:id/end': { endedOn: londonToday(), reason: 'moved_on', version: 1 },
  'POST /api/volunteers/:id/befriending/:assignmentId/end': { reason: 'goals_met' },
  'PUT /api/team-groups/:id': {
    name: 'Walk group',
    description: '',
    schedule: 'Mondays',
    venue: 'Walk hall',
    capacity: 10,
    directoryServiceId: null,
    staffIds: [],
    volunteerIds: [],
    closed: false,
    version: 1,
  },
  'POST /api/team-groups/:id/sessions': { startsAt: at(72), durationMinutes: 60 },
};

/** Query strings some GET routes need to get past validation. */
export const QUERIES: Record<string, string> = {
  'GET /api/people/:personId/care-plan/versions/compare': '?from=1&to=1',
  // analytics: filled in with the home PCN's id once it exists (beforeAll)
};

export const url = (pattern: string) => {
  const entry = PARAMS.find(([prefix]) => prefix.test(pattern));
  return pattern.replace(/:([a-zA-Z]+)/g, (_m, name: string) => {
    const kind = entry?.[1][name];
    if (!kind) throw new Error(`the scope walk does not know what :${name} names in ${pattern}: add it to PARAMS`);
    const id = ids[kind];
    if (!id) throw new Error(`no home record of kind ${kind}`);
    return id;
  });
};

export const kindsOf = (pattern: string) => {
  const entry = PARAMS.find(([prefix]) => prefix.test(pattern));
  return [...pattern.matchAll(/:([a-zA-Z]+)/g)].map((m) => entry?.[1][m[1] as string] ?? '?');
};

/** Builds the home records and signs every party in (once per test file, in its `beforeAll`). */
export async function createWalkFixtures(app: TestContext, homeTenancy: TestTenancy): Promise<void> {
  ctx = app;
  home = homeTenancy;
  Object.assign(parties, {
    home,
    otherPcn: await createTestTenancy(ctx.db, home.icbId),
    otherIcb: await createTestTenancy(ctx.db),
  });
  // Another practice of the home PCN: only its referrers are bounded by the practice.
  const [practice] = await ctx.db
    .insert(practices)
    .values({ pcnId: home.pcnId, code: `W${String(Date.now()).slice(-5)}`, name: 'Walk Test Practice' })
    .returning();
  const otherPractice = { ...home, practiceId: practice?.id as string };
  sessions.set('otherPractice:referrer', await signIn(ctx, await createTestUser(ctx.db, otherPractice, 'referrer')));
  // Another VCS organisation of the home ICB: its partner owns none of the home team's records.
  const [vcs] = await ctx.db
    .insert(vcsOrganisations)
    .values({ icbId: home.icbId, name: 'Walk Test Charity' })
    .returning();
  const otherVcs = { ...home, vcsOrganisationId: vcs?.id as string };
  sessions.set('otherVcs:vcs_partner', await signIn(ctx, await createTestUser(ctx.db, otherVcs, 'vcs_partner')));

  for (const [party, tenancy] of Object.entries(parties)) {
    for (const role of ROLES) {
      const user = await createTestUser(ctx.db, tenancy, role);
      if (party === 'home' && role === 'link_worker') worker = user;
      if (party === 'home' && role === 'health_coach') ids.colleague = user.id;
      sessions.set(
        `${party}:${role}`,
        role === 'admin' ? await signInWithNewSecondFactor(ctx, user) : await signIn(ctx, user),
      );
    }
  }
  const lead = sessions.get('home:team_lead') as Session;
  const workerS = sessions.get('home:link_worker') as Session;

  const referral = await createTestReferral(
    ctx.db,
    home,
    triaged({ status: 'allocated', allocatedWorkerId: worker.id, allocatedAt: new Date(Date.now() - 86_400_000) }),
  );
  ids.referral = referral.id;
  ids.person = referral.personId;
  // ---- issue 13, analytics: the home PCN's figures of one section, JSON and CSV ----
  ids.analyticsSection = 'demand';
  for (const route of ['GET /api/analytics/:section', 'GET /api/analytics/:section.csv']) {
    QUERIES[route] = `?pcnId=${home.pcnId}`;
  }
  // ---- end analytics ----
  // Issue 16, workforce planner: the home lead's scenario, from the planner's own defaults.
  const baseline = await ctx.app.inject({
    method: 'GET',
    url: '/api/workforce-planner/baseline',
    headers: lead.headers,
  });
  const scenario = await ctx.app.inject({
    method: 'POST',
    url: '/api/workforce-planner/scenarios',
    headers: lead.headers,
    payload: { name: 'Walk scenario', inputs: baseline.json().defaults },
  });
  expect(scenario.statusCode).toBe(201);
  ids.scenario = scenario.json().id;
  ids.worker = worker.id;
  ids.practice = home.practiceId;
  // Issue 17: a system client of the home practice (the ICB's admins manage all of its ICB's).
  const client = await ctx.app.inject({
    method: 'POST',
    url: '/api/admin/system-clients',
    headers: (sessions.get('home:admin') as Session).headers,
    payload: {
      name: 'Walk GP system',
      organisationId: home.practiceId,
      authMethod: 'client_secret',
      scopes: ['referral.create', 'gpmessage.read'],
    },
  });
  expect(client.statusCode, client.body).toBe(201);
  ids.systemClient = client.json().id;
  // Issue 12, link helper: an onward referral of the case sent by secure link (revoke, re-send).
  ids.onward = (
    await createLinkedReferral(ctx.db, home, {
      referralId: referral.id,
      personId: referral.personId,
      workerId: worker.id,
    })
  ).onwardId;

  const planned = await ctx.app.inject({
    method: 'POST',
    url: `/api/referrals/${referral.id}/planned-contacts`,
    headers: workerS.headers,
    payload: { at: new Date(Date.now() + 3 * 86_400_000).toISOString(), mode: 'phone' },
  });
  expect(planned.statusCode).toBe(201);
  ids.plannedContact = planned.json().id;
  const byVideo = await ctx.app.inject({
    method: 'POST',
    url: `/api/referrals/${referral.id}/planned-contacts`,
    headers: workerS.headers,
    payload: { at: new Date(Date.now() + 2 * 86_400_000).toISOString(), mode: 'video' },
  });
  expect(byVideo.statusCode).toBe(201);
  ids.videoContact = byVideo.json().id;

  const plan = await ctx.app.inject({
    method: 'PUT',
    url: `/api/people/${referral.personId}/care-plan`,
    headers: workerS.headers,
    payload: { ...EMPTY_PLAN, whatMattersToMe: 'Getting out of the house again.', version: 0 },
  });
  expect(plan.statusCode).toBe(200);

  const [task] = await ctx.db
    .insert(reminderTasks)
    .values({
      userId: worker.id,
      referralId: referral.id,
      pcnId: home.pcnId,
      kind: 'plan_review_due',
      dueOn: londonToday(),
    })
    .returning();
  ids.task = task?.id as string;
  const [note] = await ctx.db
    .insert(notifications)
    .values({ userId: worker.id, kind: 'referral.allocated', title: 'Walk test', link: `/referrals/${referral.id}` })
    .returning();
  ids.notification = note?.id as string;

  const leave = await ctx.app.inject({
    method: 'POST',
    url: '/api/team/leave',
    headers: lead.headers,
    payload: { userId: worker.id, startsOn: londonToday(), endsOn: londonToday(), reason: 'annual_leave' },
  });
  expect(leave.statusCode).toBe(201);
  ids.leave = leave.json().id;

  const listing = await createTestListing(ctx.db, home.icbId);
  ids.listing = listing.id;
  ids.directoryOrganisation = listing.organization_id; // issue 12, impact
  listings.listing = listing;
  const partnerOrg = await createTestOrganization(ctx.db, home.icbId, { vcsOrganisationId: home.vcsOrganisationId });
  const partnerListing = await createTestListing(ctx.db, home.icbId, { organization_id: partnerOrg.id });
  ids.partnerListing = partnerListing.id;
  listings.partnerListing = partnerListing;

  const change = await ctx.app.inject({
    method: 'POST',
    url: `/api/directory/our-listings/${partnerListing.id}/changes`,
    headers: (sessions.get('home:vcs_partner') as Session).headers,
    payload: {
      base_version: partnerListing.version,
      proposed: { ...toListingInput(partnerListing), name: 'Walk Group' },
    },
  });
  expect(change.statusCode).toBe(201);
  ids.change = change.json().change_id;

  // ---- showcase: an event of the partner's listing, one of a staff listing, a proposed new listing ----
  const event = { title: 'Walk test session', starts_at: at(24) };
  const partnerHeaders = (sessions.get('home:vcs_partner') as Session).headers;
  const partnerEvent = await ctx.app.inject({
    method: 'POST',
    url: `/api/directory/our-listings/${partnerListing.id}/events`,
    headers: partnerHeaders,
    payload: event,
  });
  expect(partnerEvent.statusCode).toBe(201);
  ids.partnerEvent = partnerEvent.json().id;
  const staffEvent = await ctx.app.inject({
    method: 'POST',
    url: `/api/directory/review/services/${listing.id}/events`,
    headers: (sessions.get('home:care_coordinator') as Session).headers,
    payload: event,
  });
  expect(staffEvent.statusCode).toBe(201);
  ids.staffEvent = staffEvent.json().id;
  const proposal = await ctx.app.inject({
    method: 'POST',
    url: '/api/directory/our-proposals',
    headers: partnerHeaders,
    payload: { proposed: testListingInput(partnerOrg.id, { name: 'Walk Proposed Listing' }) },
  });
  expect(proposal.statusCode).toBe(201);
  ids.proposal = proposal.json().proposal_id;
  // ---- end showcase ----
  // Issue 12, partner inbox: a referral from the home team's case to the home partner's listing.
  const onward = await createTestOnward(ctx.db, home, worker, {
    id: partnerListing.id,
    name: partnerListing.name,
    organizationId: partnerOrg.id,
  });
  ids.onwardReferral = onward.id;

  // ---- issue 16: a volunteer befriending another home case; a group with a session held an hour ago ----
  const volunteer = await ctx.app.inject({
    method: 'POST',
    url: '/api/volunteers',
    headers: lead.headers,
    payload: {
      name: 'Walk Test Volunteer',
      email: 'walk.volunteer@example.org',
      phone: null,
      postcode: null,
      role: 'befriender',
      availability: null,
      startedOn: '2025-01-06',
    },
  });
  expect(volunteer.statusCode).toBe(201);
  ids.volunteer = volunteer.json().id;
  const befriended = await createTestReferral(
    ctx.db,
    home,
    triaged({ status: 'active', allocatedWorkerId: worker.id, allocatedAt: new Date() }),
  );
  const befriending = await ctx.app.inject({
    method: 'POST',
    url: `/api/volunteers/${ids.volunteer}/befriending`,
    headers: lead.headers,
    payload: { referralId: befriended.id },
  });
  expect(befriending.statusCode).toBe(201);
  ids.befriending = befriending.json().befriending[0].id;
  BODIES['POST /api/volunteers/:id/befriending'] = { referralId: referral.id };
  const group = await ctx.app.inject({
    method: 'POST',
    url: '/api/team-groups',
    headers: lead.headers,
    payload: { ...(BODIES['PUT /api/team-groups/:id'] as object), closed: undefined, version: undefined },
  });
  expect(group.statusCode).toBe(201);
  ids.group = group.json().id;
  const session = await ctx.app.inject({
    method: 'POST',
    url: `/api/team-groups/${ids.group}/sessions`,
    headers: lead.headers,
    payload: { startsAt: at(-1), durationMinutes: 60 },
  });
  expect(session.statusCode).toBe(201);
  ids.groupSession = session.json().sessions[0].id;
  BODIES['PUT /api/team-groups/:id/sessions/:sessionId/register'] = {
    referralIds: [referral.id],
    othersCount: 2,
    version: 1,
  };
  // ---- end issue 16 ----
  const report = await ctx.app.inject({
    method: 'POST',
    url: `/api/public/directory/services/${listing.id}/reports`,
    payload: { reason: 'wrong_details', message: 'The walk test says the phone number is wrong.' },
  });
  expect(report.statusCode).toBe(201);
  ids.report = report.json().id;
}

/** The home role that would make this request for real (the lead may do all of a case's work). */
/** Records only their owner acts on: the worker's own tasks, notifications and first contact. */
export const OWNER: Record<string, Role> = {
  'POST /api/tasks/:id/done': 'link_worker',
  'POST /api/notifications/:id/read': 'link_worker',
  'POST /api/referrals/:id/first-contact': 'link_worker',
};

export async function currentVersion(pattern: string): Promise<number> {
  // Issue 16: a volunteer, a group, a session's register.
  if (pattern.startsWith('/api/volunteers')) {
    const [v] = await ctx.db
      .select({ version: volunteers.version })
      .from(volunteers)
      .where(eq(volunteers.id, ids.volunteer as string));
    return v?.version ?? 1;
  }
  if (pattern.startsWith('/api/team-groups/:id/sessions')) {
    const [s] = await ctx.db
      .select({ version: teamGroupSessions.version })
      .from(teamGroupSessions)
      .where(eq(teamGroupSessions.id, ids.groupSession as string));
    return s?.version ?? 1;
  }
  if (pattern.startsWith('/api/team-groups')) {
    const [g] = await ctx.db
      .select({ version: teamGroups.version })
      .from(teamGroups)
      .where(eq(teamGroups.id, ids.group as string));
    return g?.version ?? 1;
  }
  if (pattern.startsWith('/api/partner/referrals')) {
    const [onward] = await ctx.db
      .select({ version: onwardReferrals.version })
      .from(onwardReferrals)
      .where(eq(onwardReferrals.id, ids.onwardReferral as string));
    return onward?.version ?? 1;
  }
  const [row] = /^\/api\/(admin\/users|team\/members\/:id\/profile)/.test(pattern)
    ? await ctx.db
        .select({ version: users.version })
        .from(users)
        .where(eq(users.id, ids.worker as string))
    : pattern.startsWith('/api/people')
      ? [{ version: 1 }]
      : await ctx.db
          .select({ version: referrals.version })
          .from(referrals)
          .where(eq(referrals.id, ids.referral as string));
  return row?.version ?? 1;
}

// Writes that close or move the home record go last, in this order, so that each control
// still finds what it needs (a report to dismiss before confirming closes it, the message
// back to the GP once the case is discharged).
export const LATE = [
  '/confirm',
  '/reject',
  '/approve',
  '/retire',
  '/allocate',
  '/reassign',
  '/cover',
  'DELETE',
  '/end',
  '/decline',
  '/redirect',
  '/discharge',
  '/gp-message',
  // Issue 19: a restricted record refuses changes, so restriction comes after every other write, then is lifted.
  '/person/restriction',
  '/lift',
];
/** Where a route's write goes in a walk's order (sort by it). */
export const rank = (r: { method: string; url: string }) =>
  r.url.endsWith('/dismiss') ? -1 : LATE.findIndex((p) => r.url.endsWith(p) || r.method === p) + 1;

/** Directory writes carry the listing as the home team last read it. */
export function listingBody(key: string): unknown {
  if (key === 'PUT /api/directory/review/services/:serviceId') {
    return { expected_version: listings.listing.version, listing: toListingInput(listings.listing) };
  }
  if (key === 'POST /api/directory/our-listings/:serviceId/changes') {
    const mine = listings.partnerListing;
    return { base_version: mine.version, proposed: { ...toListingInput(mine), name: 'Walk Group Renamed' } };
  }
  // Issue 12 (refer): a signpost from the home case to a listing of the home ICB.
  if (key === 'POST /api/referrals/:id/onward-referrals') return { serviceId: listings.listing.id, kind: 'signpost' };
  return undefined;
}

/** Bodies that name a colleague get a colleague of the home team. */
export function fillIds(body: unknown): unknown {
  if (!body || typeof body !== 'object') return body;
  const filled: Record<string, unknown> = { ...(body as Record<string, unknown>) };
  for (const k of ['workerId', 'coverWorkerId', 'supervisorId']) if (k in filled) filled[k] = ids.colleague;
  return filled;
}
