import { randomInt, randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { eq, sql } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { can, type Permission, type SystemClientScope } from '../../common/permissions.js';
import { ROLES } from '../../common/roles.js';
import { directoryOrganizations, directoryServices } from '../modules/directory/directory.tables.js';
import { ensureSocialPrescribingTaxonomy } from '../modules/directory/listings/listings.service.js';
import {
  addTestPostcodes,
  createTestListing,
  createTestOrganization,
  testListingInput,
} from '../modules/directory/listings/test-listings.js';
import { HEADER as CSV_HEADER, orukDocument } from '../modules/directory/transfer/test-transfer.js';
import { referralMessage } from '../modules/fhir/testing/referral-message.js';
import { registerSecretSystem } from '../modules/fhir/testing/test-system-clients.js';
import { organisationRefs } from '../modules/organisations/organisations.service.js';
import { people } from '../modules/people/people.tables.js';
import { testNhsNumber, validReferralBody } from '../modules/referrals/referral-fixtures.js';
import { referrals } from '../modules/referrals/referrals.tables.js';
import { createTestReferral, triaged } from '../modules/triage/test-referrals.js';
import { users } from '../modules/users/users.tables.js';
import type { RegisteredRoute } from '../platform/http/access.js';
import { setUpTestApp } from '../test/team.js';
import { type Session, waitUntil } from '../test/toolkit.js';
import {
  AGAIN_ANSWERS,
  allCallers,
  alsoAllowed,
  BODY_ICB_WIDE,
  BODY_NAMES_HOME_RECORD,
  type Caller,
  callerLabel,
  type Expected,
  expectedAnswer,
  isPublic,
  LIST_PROBES,
  matrixRoutes,
  OK_ANSWERS,
  OWN_SESSION,
  PCN_WIDE_LISTS,
  permissionOf,
  type RouteFacts,
  routeKey,
  STREAMS,
} from './access-matrix.js';
import { exampleOf, toJsonSchema } from './request-fields.js';
import { requestSchemas } from './route-table.js';
import {
  BODIES,
  createWalkFixtures,
  currentVersion,
  fillIds,
  ICB_WIDE,
  ids,
  kindsOf,
  listingBody,
  PARAMS,
  parties,
  QUERIES,
  rank,
  sessions,
} from './walk-fixtures.js';

// The access matrix (issue 19, point 1): every route of the live route table × every caller —
// each role of the home team, of another PCN of the home ICB and of a second ICB (with its own
// admin, practices, PCNs, VCS organisations, people, referrals and listings), a referrer of another
// practice, a partner of another VCS organisation, nobody, and a registered system of each ICB —
// answers as the one declared table (access-matrix.ts) says: allowed → 2xx, no permission → 403,
// out of scope → 404 with the body of "no such id", signed out → 401. Every write a caller is
// refused changes no row of the database (read back before and after). Lists, searches, counts,
// exports and the event stream show nothing of another ICB (nor of another PCN, where the data is
// the PCN's). A new route joins by itself and fails until the table knows it.

const { ctx, tenancy: home } = setUpTestApp({ app: { realtime: true } });

/** Tokens of a party's registered systems: one of its practice, one of its PCN. */
const systemTokens = new Map<string, string>();
/** What must never show to the home team: the second ICB's (and, for PCN data, another PCN's) records. */
const foreign = { icb: new Map<string, string>(), pcn: new Map<string, string>() };

const registerSystem = (admin: Session, organisationId: string, scopes: SystemClientScope[]) =>
  registerSecretSystem(ctx, admin, organisationId, scopes, `Matrix system ${randomUUID().slice(0, 6)}`);

const PRACTICE_SCOPES: SystemClientScope[] = ['referral.create', 'referral.read', 'gpmessage.read'];
const PCN_SCOPES: SystemClientScope[] = ['referral.read', 'careplan.read', 'outcome.read'];

/** A session of a party's role (walk-fixtures signs every one in). */
const sessionOf = (label: string) => {
  const s = sessions.get(label);
  if (!s) throw new Error(`no session ${label}`);
  return s;
};

beforeAll(async () => {
  await createWalkFixtures(ctx, home);
  await ensureSocialPrescribingTaxonomy(ctx.db);
  await addTestPostcodes(ctx.db, [{ postcode: 'NE1 4XX', latitude: 54.9701, longitude: -1.6102 }]);
  // Each party's partner lists its own organisation in its ICB's directory; two home listings to merge.
  const [otherVcs] = await ctx.db
    .select({ id: users.vcsOrganisationId })
    .from(users)
    .where(eq(users.id, sessionOf('otherVcs:vcs_partner').me.user.id));
  for (const [party, icbId, vcsOrganisationId] of [
    ['home', home.icbId, home.vcsOrganisationId],
    ['otherPcn', (parties.otherPcn as typeof home).icbId, (parties.otherPcn as typeof home).vcsOrganisationId],
    ['otherIcb', (parties.otherIcb as typeof home).icbId, (parties.otherIcb as typeof home).vcsOrganisationId],
    ['otherVcs', home.icbId, otherVcs?.id as string],
  ] as const) {
    if (party === 'home') {
      const [own] = await ctx.db
        .select({ id: directoryOrganizations.id })
        .from(directoryOrganizations)
        .where(eq(directoryOrganizations.vcsOrganisationId, vcsOrganisationId));
      partnerOrganisations.set(party, own?.id as string);
      continue;
    }
    partnerOrganisations.set(party, (await createTestOrganization(ctx.db, icbId, { vcsOrganisationId })).id);
  }
  for (const name of ['Matrix Tuesday Cuppa', 'Matrix Tuesday Cuppa Club']) {
    mergeable.push((await createTestListing(ctx.db, home.icbId, { name })).id);
  }
  const other = parties.otherIcb as typeof home;
  const otherPcn = parties.otherPcn as typeof home;
  for (const [party, tenancy] of [
    ['home', home],
    ['otherIcb', other],
  ] as const) {
    const admin = sessionOf(`${party}:admin`);
    const practice = await registerSystem(admin, tenancy.practiceId, PRACTICE_SCOPES);
    const pcn = await registerSystem(admin, tenancy.pcnId, PCN_SCOPES);
    systemTokens.set(`${party}:practice`, practice.token);
    systemTokens.set(`${party}:pcn`, pcn.token);
    if (party === 'otherIcb') foreign.icb.set('system client', practice.id);
  }

  // ---- the home records the FHIR edge reads: an outcome measure and a message back ----
  const worker = sessionOf('home:link_worker');
  const measure = await ctx.app.inject({
    method: 'POST',
    url: `/api/referrals/${ids.referral}/measures`,
    headers: worker.headers,
    payload: BODIES['POST /api/referrals/:id/measures'] as object,
  });
  expect(measure.statusCode, measure.body).toBe(201);
  const discharged = await createTestReferral(
    ctx.db,
    home,
    triaged({ status: 'active', allocatedWorkerId: worker.me.user.id, allocatedAt: new Date() }),
  );
  const discharge = await ctx.app.inject({
    method: 'POST',
    url: `/api/referrals/${discharged.id}/discharge`,
    headers: worker.headers,
    payload: { version: discharged.version, reason: 'goals_met', summary: 'Matrix test.' },
  });
  expect(discharge.statusCode, discharge.body).toBe(200);
  ids.fhirPatient = ids.person as string; // a Patient is Waymark's person, by the same id
  QUERIES['GET /api/team/open-cases'] = '?q=Given';
  QUERIES['GET /fhir/R4/Patient'] = `?identifier=https://fhir.nhs.uk/Id/nhs-number|${testNhsNumber()}`;
  for (const type of ['CarePlan', 'Observation', 'QuestionnaireResponse']) {
    QUERIES[`GET /fhir/R4/${type}`] = `?patient=Patient/${ids.person}`;
  }
  for (const type of FHIR_TYPES.filter((t) => t !== 'Patient')) {
    const token = systemTokens.get(
      `home:${['CarePlan', 'Observation', 'QuestionnaireResponse'].includes(type) ? 'pcn' : 'practice'}`,
    );
    const res = await ctx.app.inject({
      method: 'GET',
      url: `/fhir/R4/${type}${QUERIES[`GET /fhir/R4/${type}`] ?? '?'}&_count=1`,
      headers: { authorization: `Bearer ${token}` },
    });
    const id = res.json().entry?.[0]?.resource?.id;
    if (!id) throw new Error(`no home ${type} to read: ${res.statusCode} ${res.body.slice(0, 300)}`);
    ids[`fhir${type}`] = id;
  }
  const directory = await ctx.app.inject({ method: 'GET', url: `/fhir/R4/HealthcareService/${ids.listing}` });
  expect(directory.statusCode, directory.body).toBe(200);
  ids.fhirHealthcareService = ids.listing as string;
  ids.fhirLocation = (directory.json().location?.[0]?.reference ?? '').split('/')[1] ?? randomUUID();
  ids.fhirOrganization = (directory.json().providedBy?.reference ?? '').split('/')[1] ?? randomUUID();

  // ---- the second ICB's and another PCN's own records, which no list of the home team may show ----
  const nhsOther = testNhsNumber();
  const otherReferral = await createTestReferral(ctx.db, other, {
    ...triaged({
      status: 'allocated',
      allocatedWorkerId: sessionOf('otherIcb:link_worker').me.user.id,
      allocatedAt: new Date(),
    }),
    person: { givenName: 'Zebedee', familyName: 'Elsewhereicb', nhsNumber: nhsOther },
  });
  const nhsPcn = testNhsNumber();
  const pcnReferral = await createTestReferral(ctx.db, otherPcn, {
    ...triaged({
      status: 'allocated',
      allocatedWorkerId: sessionOf('otherPcn:link_worker').me.user.id,
      allocatedAt: new Date(),
    }),
    person: { givenName: 'Ptolemy', familyName: 'Elsewherepcn', nhsNumber: nhsPcn },
  });
  otherPeople.icb = { referralId: otherReferral.id, personId: otherReferral.personId, nhsNumber: nhsOther };
  otherPeople.pcn = { referralId: pcnReferral.id, personId: pcnReferral.personId, nhsNumber: nhsPcn };
  const otherOrg = await createTestOrganization(ctx.db, other.icbId, { name: 'Elsewhere Befrienders Trust' });
  const otherListing = await createTestListing(ctx.db, other.icbId, {
    organization_id: otherOrg.id,
    name: 'Elsewhere Knit and Natter',
  });
  otherPeople.listingId = otherListing.id;
  for (const [label, value] of Object.entries({
    'ICB id': other.icbId,
    'PCN id': other.pcnId,
    'practice id': other.practiceId,
    'VCS organisation id': other.vcsOrganisationId,
    'referral id': otherReferral.id,
    'person id': otherReferral.personId,
    'NHS number': nhsOther,
    'family name': 'Elsewhereicb',
    'listing id': otherListing.id,
    'listing name': 'Elsewhere Knit and Natter',
    'directory organisation id': otherOrg.id,
    'directory organisation name': 'Elsewhere Befrienders Trust',
  })) {
    foreign.icb.set(label, value);
  }
  for (const role of ROLES) foreign.icb.set(`${role} user id`, sessionOf(`otherIcb:${role}`).me.user.id);
  for (const [label, value] of Object.entries({
    'referral id': pcnReferral.id,
    'person id': pcnReferral.personId,
    'NHS number': nhsPcn,
    'family name': 'Elsewherepcn',
  })) {
    foreign.pcn.set(label, value);
  }
  // Their teams' own volunteers and groups, made through the API as their leads would.
  for (const [party, map] of [
    ['otherIcb', foreign.icb],
    ['otherPcn', foreign.pcn],
  ] as const) {
    const lead = sessionOf(`${party}:team_lead`);
    const name = party === 'otherIcb' ? 'Quillon Farawayicb' : 'Quillon Farawaypcn';
    const volunteer = await ctx.app.inject({
      method: 'POST',
      url: '/api/volunteers',
      headers: lead.headers,
      payload: {
        name,
        email: null,
        phone: null,
        postcode: null,
        role: 'befriender',
        availability: null,
        startedOn: '2025-01-06',
      },
    });
    expect(volunteer.statusCode, volunteer.body).toBe(201);
    map.set('volunteer id', volunteer.json().id);
    map.set('volunteer name', name);
    const group = await ctx.app.inject({
      method: 'POST',
      url: '/api/team-groups',
      headers: lead.headers,
      payload: {
        name: `${name} walking group`,
        description: '',
        schedule: 'Mondays',
        venue: 'Far hall',
        capacity: 10,
        directoryServiceId: null,
        staffIds: [],
        volunteerIds: [],
      },
    });
    expect(group.statusCode, group.body).toBe(201);
    map.set('group id', group.json().id);
  }
}, 180_000);

const otherPeople = {} as {
  icb: { referralId: string; personId: string; nhsNumber: string };
  pcn: { referralId: string; personId: string; nhsNumber: string };
  listingId: string;
};

const FHIR_TYPES = ['ServiceRequest', 'Task', 'Patient', 'CarePlan', 'Observation', 'QuestionnaireResponse', 'Bundle'];

/** What a path parameter names: the walk's PARAMS under /api; the FHIR resource's own kind; public routes any id. */
function kindsOfRoute(route: RegisteredRoute): string[] {
  const fhir = /^\/fhir\/R4\/([A-Za-z]+)\/:id$/.exec(route.url);
  if (fhir) return [`fhir${fhir[1]}`];
  if (!route.url.includes('/:')) return [];
  if (isPublic(route)) return [];
  return kindsOf(route.url);
}

function pathOf(route: RegisteredRoute, ghost = false): string {
  const key = routeKey(route);
  // Analytics: the record is the PCN the query names (the section is a name, not a record).
  if (ghost && route.url.startsWith('/api/analytics/:section')) {
    return pathOf(route).replace(/pcnId=[^&]+/, `pcnId=${randomUUID()}`);
  }
  const fhir = /^\/fhir\/R4\/([A-Za-z]+)\/:id$/.exec(route.url);
  let path: string;
  if (fhir) path = route.url.replace(':id', ghost ? randomUUID() : (ids[`fhir${fhir[1]}`] as string));
  else if (isPublic(route) || ghost) path = route.url.replace(/:([a-zA-Z]+)/g, () => randomUUID());
  else {
    const entry = PARAMS.find(([prefix]) => prefix.test(route.url));
    path = route.url.replace(/:([a-zA-Z]+)/g, (_m, name: string) => {
      const kind = entry?.[1][name];
      if (!kind) throw new Error(`the matrix does not know what :${name} names in ${route.url}: add it to PARAMS`);
      const id = ids[kind];
      if (!id) throw new Error(`no home record of kind ${kind}`);
      return id;
    });
  }
  return path + (QUERIES[key] ?? '');
}

/** A party's tenancy (another practice's and VCS organisation's are the home one's but for them). */
const tenancyOf = (caller: Caller | undefined) =>
  (caller?.kind === 'person'
    ? parties[caller.party === 'otherIcb' || caller.party === 'otherPcn' ? caller.party : 'home']
    : home) as typeof home;
const uniqueDigits = () => String(randomInt(0, 100_000)).padStart(5, '0');
/** The id a body names: the home team's record, or (asking what "no such id" answers) none at all. */
const named = (id: string | undefined, ghost: boolean) => (ghost ? randomUUID() : (id as string));
/** What each party's own partner organisation lists in the directory (filled in beforeAll). */
const partnerOrganisations = new Map<string, string>();
const mergeable: string[] = [];

/** A GET as the same caller, whose answer the write sends back (settings, rates, the planner's defaults). */
async function readAs(caller: Caller | undefined, url: string) {
  const res = await ctx.app.inject({
    method: 'GET',
    url,
    headers: caller ? headersOf({ method: 'GET', url } as RegisteredRoute, caller) : {},
  });
  return res.statusCode === 200 ? res.json() : {};
}

/**
 * Bodies of writes without a path parameter (the walk's BODIES cover those with one), per caller:
 * each party writes in its own scope, except where the body names a home record
 * (BODY_NAMES_HOME_RECORD), which every party names alike.
 */
const NO_PARAM_BODIES: Record<string, (caller: Caller | undefined, ghost: boolean) => unknown> = {
  // A practice's referrer refers from their own practice; a PCN's team names one of its practices.
  'POST /api/referrals': (caller) =>
    validReferralBody(
      caller?.kind === 'person' && caller.role === 'referrer' ? {} : { practiceId: tenancyOf(caller).practiceId },
    ),
  'POST /api/people/matches': () => ({
    givenName: 'Alex',
    familyName: 'Nomatch',
    dateOfBirth: '1961-07-14',
    postcode: 'LS1 4AP',
  }),
  'POST /fhir/R4/$process-message': (caller) =>
    referralMessage({
      ods: odsCodes.get(caller?.kind === 'system' ? caller.party : 'home') as string,
      nhsNumber: testNhsNumber(),
    }),
  'POST /api/admin/organisations/pcns': (_c, ghost) => ({
    icbId: named(home.icbId, ghost),
    code: `U${uniqueDigits()}`,
    name: 'Matrix PCN',
  }),
  'POST /api/admin/organisations/vcs': (_c, ghost) => ({
    icbId: named(home.icbId, ghost),
    name: 'Matrix Charity',
    charityNumber: null,
  }),
  'POST /api/admin/organisations/practices': (_c, ghost) => ({
    pcnId: named(home.pcnId, ghost),
    code: `M${uniqueDigits()}`,
    name: 'Matrix Surgery',
  }),
  'POST /api/admin/users': (_c, ghost) => ({
    name: 'Matrix Worker',
    email: `matrix.${randomUUID().slice(0, 8)}@test.example`,
    role: 'link_worker',
    organisationId: named(home.pcnId, ghost),
    password: 'a long enough passphrase',
    band: '5',
    fte: 0.8,
    caseloadCapacity: 40,
  }),
  'POST /api/admin/system-clients': (_c, ghost) => ({
    name: 'Matrix system',
    organisationId: named(home.practiceId, ghost),
    authMethod: 'client_secret',
    scopes: ['referral.read'],
  }),
  'POST /api/admin/retention/destroy': () => ({ confirm: true, expectedPeople: 0 }),
  'POST /api/team/leave': (_c, ghost) => {
    const day = new Date(Date.UTC(2031, 0, 1) + randomInt(0, 3000) * 86_400_000).toISOString().slice(0, 10);
    return { userId: named(ids.worker, ghost), startsOn: day, endsOn: day, reason: 'annual_leave' };
  },
  'POST /api/directory/duplicates/merge': (_c, ghost) => ({
    keep_id: named(mergeable[0], ghost),
    merge_id: named(mergeable[1], ghost),
    reason: 'The matrix says these are the same service.',
  }),
  'POST /api/directory/import/csv': () =>
    `${CSV_HEADER}\n,Matrix Cyclists ${randomUUID().slice(0, 6)},,Matrix Bike Club,Saturday rides,sport-physical-activity,,waiting_list,,,,,,,,,,no,yes,Newcastle,SA 09:30-12:00,`,
  'POST /api/directory/import/oruk': () => [orukDocument()],
  'POST /api/directory/our-proposals': (caller) => ({
    proposed: testListingInput(partnerOrganisations.get(caller?.kind === 'person' ? caller.party : 'home') as string, {
      name: `Matrix proposal ${randomUUID().slice(0, 6)}`,
    }),
  }),
  'POST /api/volunteers': () => ({
    name: 'Matrix Volunteer',
    email: null,
    phone: null,
    postcode: null,
    role: 'befriender',
    availability: null,
    startedOn: '2025-01-06',
  }),
  'POST /api/team-groups': () => ({
    ...(BODIES['PUT /api/team-groups/:id'] as object),
    closed: undefined,
    version: undefined,
  }),
  'POST /api/triage/allocate-all': () => ({ dryRun: true }),
};
/** Writes that send back what the same caller reads. */
const READ_BACK_BODIES: Record<string, (caller: Caller | undefined) => Promise<unknown>> = {
  'PUT /api/team/settings': (caller) => readAs(caller, '/api/team/settings'),
  'PUT /api/workforce-planner/rates': async (caller) => {
    const rate = (await readAs(caller, '/api/workforce-planner/rates')).rates?.[0] ?? {};
    return { code: rate.code, year: rate.year, amount: rate.amount, verified: rate.verified, source: rate.source };
  },
  'POST /api/workforce-planner/calculate': async (caller) => ({
    inputs: (await readAs(caller, '/api/workforce-planner/baseline')).defaults,
  }),
  'POST /api/workforce-planner/scenarios': async (caller) => ({
    name: `Matrix scenario ${randomUUID().slice(0, 6)}`,
    inputs: (await readAs(caller, '/api/workforce-planner/baseline')).defaults,
  }),
};
const odsCodes = new Map<string, string>();

async function bodyOf(route: RegisteredRoute, caller?: Caller, ghost = false): Promise<unknown> {
  const key = routeKey(route);
  if (route.method === 'GET' || route.method === 'DELETE') return undefined;
  const readBack = READ_BACK_BODIES[key];
  if (readBack) return readBack(caller);
  const declared = BODIES[key] ?? listingBody(key) ?? NO_PARAM_BODIES[key]?.(caller, ghost);
  if (key === 'POST /api/team-groups/:id/sessions')
    return { startsAt: new Date(Date.now() + randomInt(72, 5000) * 3_600_000).toISOString(), durationMinutes: 60 };
  if (Array.isArray(declared) || typeof declared === 'string') return declared;
  if (declared !== undefined) return fillIds(declared);
  const schema = requestSchemas(route).body;
  return schema ? exampleOf(toJsonSchema(schema)) : {};
}

function headersOf(route: RegisteredRoute, caller: Caller): Record<string, string> {
  if (caller.kind === 'signedOut') return {};
  if (caller.kind === 'system') {
    const permission = permissionOf(route);
    const of = permission && ['careplan.read', 'outcome.read'].includes(permission) ? 'pcn' : 'practice';
    return {
      authorization: `Bearer ${systemTokens.get(`${caller.party}:${of}`)}`,
      'x-request-id': randomUUID(),
      ...(route.method === 'GET' ? {} : { 'content-type': 'application/fhir+json' }),
    };
  }
  return { ...sessionOf(callerLabel(caller)).headers };
}

let address = 0;
/** A fresh client address per request, so that per-address rate limits never answer 429 here. */
const nextAddress = () => {
  address++;
  return `10.${(address >> 16) & 255}.${(address >> 8) & 255}.${address & 255}`;
};

function send(route: RegisteredRoute, caller: Caller, path: string, body: unknown) {
  const headers = headersOf(route, caller);
  if (body !== undefined && !headers['content-type']) {
    headers['content-type'] = typeof body === 'string' ? 'text/csv' : 'application/json';
  }
  return ctx.app.inject({
    method: route.method as 'GET',
    url: path,
    headers,
    remoteAddress: nextAddress(),
    ...(body === undefined ? {} : { payload: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
}

/** A 404's body with the parts that differ per request (ids) taken out. */
const normalised = (res: LightMyRequestResponse, path: string) => {
  let body = res.body;
  for (const segment of path.split(/[/?&=]/).filter((p) => p.length >= 8)) body = body.split(segment).join('<id>');
  return body.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, '<id>');
};

/** Tables a refused request may write to by design: its audit row, the session's last use. */
const CHANGE_EXEMPT = new Set(['audit_events', 'sessions', '__drizzle_migrations']);
let tables: string[] = [];

/** A digest of every row of every table (read back before and after a caller is refused a write). */
let digestMs = 0;
async function databaseDigest(): Promise<Map<string, string>> {
  const started = Date.now();
  if (tables.length === 0) {
    const rows = await ctx.db.execute<{ table_name: string }>(
      sql`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`,
    );
    tables = rows.rows.map((r) => r.table_name).filter((t) => !CHANGE_EXEMPT.has(t));
  }
  const union = tables
    .map(
      (t) =>
        `select '${t}' as t, md5(coalesce(string_agg(md5(x::text), ',' order by md5(x::text)), '')) as h from "${t}" x`,
    )
    .join(' union all ');
  const rows = await ctx.db.execute<{ t: string; h: string }>(sql.raw(union));
  digestMs += Date.now() - started;
  return new Map(rows.rows.map((r) => [r.t, r.h]));
}

const changedTables = (before: Map<string, string>, after: Map<string, string>) =>
  [...after].filter(([t, h]) => before.get(t) !== h).map(([t]) => t);

function answers(expected: Expected | 400, status: number, key: string): boolean {
  const ok = (status >= 200 && status < 300) || status === 304 || (OK_ANSWERS[key]?.statuses ?? []).includes(status);
  // A write the caller may make on a record it reaches, refused by the record's state (the walk
  // changes the home records as it goes): found and permitted, as the scope walk's control counts it.
  const stateRefused = !key.startsWith('GET ') && status === 409;
  if (expected === 'ok') return ok || stateRefused;
  if (expected === 'again') return ok || stateRefused || (AGAIN_ANSWERS[key]?.statuses ?? []).includes(status);
  return status === expected;
}

const tally = new Map<string, number>();
const count = (what: string) => tally.set(what, (tally.get(what) ?? 0) + 1);

describe('the access matrix', () => {
  it('answers every route × caller as the declared table says; a refused write changes no row', async () => {
    for (const [party, tenancy] of [
      ['home', home],
      ['otherIcb', parties.otherIcb as typeof home],
    ] as const) {
      odsCodes.set(
        party,
        (await organisationRefs(ctx.db, [tenancy.practiceId])).get(tenancy.practiceId)?.code as string,
      );
    }
    const routes = matrixRoutes(ctx.routes).filter((r) => !STREAMS.has(routeKey(r)));
    routes.sort((a, b) => rank(a) - rank(b));
    const callers = allCallers();
    const problems: string[] = [];
    const facts = (route: RegisteredRoute): RouteFacts => ({
      kinds: kindsOfRoute(route),
      icbWide: (kind, role) => [ICB_WIDE, BODY_ICB_WIDE].some((set) => set.has(kind) || set.has(`${kind}:${role}`)),
    });

    // Phase one: every refused cell of every route, while the home records are as the fixtures
    // made them (each write would succeed for the home team), with every row of the database read
    // back before and after: a refused write changes nothing.
    const plans = routes.map((route) => {
      const key = routeKey(route);
      const f = facts(route);
      // Public routes answer alike whoever asks: asked signed out, by the home team and by the
      // second ICB (their own tests cover what they do).
      const askers = isPublic(route)
        ? callers.filter(
            (c) =>
              c.kind === 'signedOut' ||
              (route.method === 'GET' && c.kind !== 'system') ||
              (c.kind === 'person' && ['home:team_lead', 'otherIcb:admin'].includes(callerLabel(c))),
          )
        : OWN_SESSION.has(key)
          ? callers.filter((c) => c.kind !== 'person')
          : callers;
      const cells = askers.map((caller) => ({ caller, expected: expectedAnswer(route, caller, f) }));
      return {
        route,
        key,
        scoped: f.kinds.length > 0 || BODY_NAMES_HOME_RECORD[key] !== undefined,
        refused: cells.filter((c) => typeof c.expected === 'number'),
        allowed: cells.filter((c) => typeof c.expected !== 'number'),
      };
    });
    const before = await databaseDigest();
    for (const { route, key, scoped, refused, allowed } of plans) {
      let notFoundBody: string | null = null;
      let notFoundStatus = 404;
      if (scoped && refused.some((c) => c.expected === 404)) {
        const asker = allowed.find((c) => c.caller.kind !== 'signedOut')?.caller;
        if (asker) {
          const ghostPath = pathOf(route, true);
          const ghost = await send(route, asker, ghostPath, await bodyOf(route, asker, true));
          // A path's id that does not exist is a 404; an id named in a body, a 404 or a 400 naming the field.
          const missingAnswers = BODY_NAMES_HOME_RECORD[key] ? [400, 404] : [404];
          if (!missingAnswers.includes(ghost.statusCode)) {
            problems.push(`${key}: an id that does not exist answers ${ghost.statusCode}`);
          }
          notFoundStatus = ghost.statusCode;
          notFoundBody = normalised(ghost, ghostPath);
        }
      }
      for (const { caller, expected } of refused) {
        const path = pathOf(route);
        const res = await send(route, caller, path, await bodyOf(route, caller));
        // Out of scope answers exactly as "no such id" does (for an id in a body: a 400 naming the field).
        const wanted = (expected === 404 && scoped ? notFoundStatus : expected) as Expected | 400;
        count(String(wanted));
        if (!answers(wanted, res.statusCode, key) && !alsoAllowed(route, caller).includes(res.statusCode)) {
          problems.push(
            `${callerLabel(caller)} ${key}: ${res.statusCode} (expected ${expected}) ${res.body.slice(0, 160)}`,
          );
        } else if (expected === 404 && scoped && notFoundBody !== null && normalised(res, path) !== notFoundBody) {
          problems.push(
            `${callerLabel(caller)} ${key}: a 404 unlike "no such id": ${res.body.slice(0, 200)} vs ${notFoundBody.slice(0, 200)}`,
          );
        }
      }
    }
    const changed = changedTables(before, await databaseDigest());
    if (changed.length > 0) problems.push(`refused requests changed rows of ${changed.join(', ')}`);

    // Phase two: the allowed cells, route by route in the walk's order (writes that close or move
    // the home records last), the home team sending each record's current version.
    for (const { route, key, allowed } of plans) {
      const isWrite = route.method !== 'GET';
      let publicStatus: number | null = null;
      let done = false;
      for (const { caller, expected } of allowed) {
        const body = await bodyOf(route, caller);
        if (
          caller.kind === 'person' &&
          caller.party === 'home' &&
          body &&
          typeof body === 'object' &&
          'version' in body
        ) {
          (body as { version: number }).version = await currentVersion(route.url);
        }
        const res = await send(route, caller, pathOf(route), body);
        const cell: Expected = isWrite && done && expected === 'ok' ? 'again' : expected;
        count(
          isPublic(route)
            ? 'public'
            : res.statusCode === 409 && isWrite
              ? 'ok (409: refused by the state the walk left)'
              : String(expected),
        );
        if (isPublic(route)) {
          // Public: the same answer for everyone, never a refusal or a server error.
          publicStatus ??= res.statusCode;
          if (res.statusCode !== publicStatus || res.statusCode === 403 || res.statusCode >= 500) {
            problems.push(`${callerLabel(caller)} ${key} (public): ${res.statusCode}, signed out ${publicStatus}`);
          }
        } else if (!answers(cell, res.statusCode, key)) {
          problems.push(
            `${callerLabel(caller)} ${key}: ${res.statusCode} (expected ${cell}) ${res.body.slice(0, 160)}`,
          );
        }
        if (res.statusCode < 300) done = true;
      }
    }
    const cells = [...tally.values()].reduce((a, b) => a + b, 0);
    console.log(
      `access matrix: ${routes.length} routes × ${callers.length} callers; ${cells} cells asked: ${[...tally]
        .map(([k, v]) => `${v} × ${k}`)
        .join(', ')} (rows read back in ${digestMs} ms)`,
    );
    expect(problems).toEqual([]);
    expect(cells).toBeGreaterThan(3000);
  }, 600_000);
});

describe('lists, searches, counts, exports and CSVs', () => {
  it('show the home team nothing of the second ICB, nor of another PCN where the data is the PCN’s', async () => {
    const reads = matrixRoutes(ctx.routes).filter(
      (r) => r.method === 'GET' && !r.url.includes('/:') && !isPublic(r) && !STREAMS.has(routeKey(r)),
    );
    expect(reads.length).toBeGreaterThan(40);
    // A new read joins by itself, and fails here until LIST_PROBES says how to look for a leak in it.
    expect(reads.map(routeKey).filter((key) => !LIST_PROBES[key])).toEqual([]);
    const fill = (q: string) =>
      q
        .replace('{pcn}', 'Elsewherepcn')
        .replace('{icb}', 'Elsewhereicb')
        .replace('{nhsPcn}', otherPeople.pcn.nhsNumber)
        .replace('{nhsIcb}', otherPeople.icb.nhsNumber)
        .replace('{personPcn}', otherPeople.pcn.personId)
        .replace('{personIcb}', otherPeople.icb.personId);
    const problems: string[] = [];
    let asked = 0;
    for (const route of reads) {
      const key = routeKey(route);
      const permission = permissionOf(route) as Permission;
      const askers: Caller[] = route.url.startsWith('/fhir/')
        ? [{ kind: 'system', party: 'home' }]
        : ROLES.filter((role) => can(role, permission)).map((role) => ({ kind: 'person', party: 'home', role }));
      for (const probe of LIST_PROBES[key] ?? []) {
        for (const caller of askers) {
          const res = await send(route, caller, `${route.url}${fill(probe)}`, undefined);
          asked++;
          if (res.statusCode !== 200 && !(OK_ANSWERS[key]?.statuses ?? []).includes(res.statusCode)) {
            // A role the table expects to be refused this read (EXCEPTIONS) has nothing to leak.
            const expected = expectedAnswer(route, caller, { kinds: [], icbWide: () => false });
            if (expected === 'ok')
              problems.push(`${callerLabel(caller)} ${key}${probe}: ${res.statusCode} ${res.body.slice(0, 120)}`);
            continue;
          }
          const pcnWide = caller.kind === 'person' && PCN_WIDE_LISTS[key]?.roles.includes(caller.role);
          // A FHIR searchset names the search it answers (its self link): look in what it found.
          const shown = route.url.startsWith('/fhir/') ? JSON.stringify(res.json().entry ?? []) : res.body;
          for (const [scope, map] of [
            ['second ICB', foreign.icb],
            ['another PCN', pcnWide ? new Map<string, string>() : foreign.pcn],
          ] as const) {
            for (const [what, value] of map) {
              if (shown.includes(value))
                problems.push(`${callerLabel(caller)} ${key}${probe}: shows the ${scope}'s ${what}`);
            }
          }
        }
      }
    }
    console.log(
      `list walk: ${reads.length} reads without a path parameter, ${asked} requests, ${foreign.icb.size + foreign.pcn.size} foreign values looked for in each`,
    );
    expect(problems).toEqual([]);
  }, 120_000);

  it('a search for possible duplicates at intake finds no person of another ICB, nor one known only to another PCN', async () => {
    const problems: string[] = [];
    for (const [label, person] of [
      ['second ICB', otherPeople.icb],
      ['another PCN', otherPeople.pcn],
    ] as const) {
      const [row] = await ctx.db.select().from(people).where(eq(people.id, person.personId));
      for (const role of ['referrer', 'team_lead'] as const) {
        const res = await ctx.app.inject({
          method: 'POST',
          url: '/api/people/matches',
          headers: sessionOf(`home:${role}`).headers,
          payload: {
            givenName: row?.givenName,
            familyName: row?.familyName,
            dateOfBirth: row?.dateOfBirth,
            postcode: row?.postcode,
          },
        });
        expect(res.statusCode, res.body).toBe(200);
        for (const value of [person.personId, person.nhsNumber, row?.familyName as string]) {
          if (res.body.includes(value)) problems.push(`home ${role} finds the ${label}'s person (${value})`);
        }
      }
    }
    expect(problems).toEqual([]);
  });
});

/** A digest of one row, read back. */
async function rowDigest(table: string, id: string): Promise<string> {
  const rows = await ctx.db.execute<{ h: string }>(
    sql`select md5(x::text) as h from ${sql.identifier(table)} x where x.id = ${id}`,
  );
  return rows.rows[0]?.h ?? 'missing';
}

describe('writes that name another team’s records change nothing of them', () => {
  it('a directory import (ORUK and CSV) naming the second ICB’s listing and organisation is refused; their rows read back unchanged', async () => {
    const admin = sessionOf('home:admin');
    const listingBefore = await rowDigest('directory_services', otherPeople.listingId);
    const orgId = foreign.icb.get('directory organisation id') as string;
    const orgBefore = await rowDigest('directory_organizations', orgId);
    const refusals = [
      orukDocument({ id: otherPeople.listingId, name: 'Taken over by import' }),
      orukDocument({ name: 'Planted in their organisation' }, { id: orgId, name: 'Renamed by import' }),
    ];
    const oruk = await ctx.app.inject({
      method: 'POST',
      url: '/api/directory/import/oruk',
      headers: admin.headers,
      payload: refusals,
    });
    expect(oruk.statusCode, oruk.body).toBe(200);
    expect(oruk.json()).toMatchObject({ created: 0, updated: 0 });
    expect(oruk.json().errors.map((e: { field: string }) => e.field)).toEqual(['id', 'organization.id']);
    const csv = await ctx.app.inject({
      method: 'POST',
      url: '/api/directory/import/csv',
      headers: { ...admin.headers, 'content-type': 'text/csv' },
      payload: `${CSV_HEADER}\n${otherPeople.listingId},Heaton Cyclists,,Taken over by CSV,Saturday rides,sport-physical-activity,,waiting_list,,,,,,,,,,no,yes,Newcastle,SA 09:30-12:00,`,
    });
    expect(csv.statusCode, csv.body).toBe(200);
    expect(csv.json()).toMatchObject({ created: 0, updated: 0, errors: [expect.objectContaining({ field: 'id' })] });
    expect(await rowDigest('directory_services', otherPeople.listingId)).toBe(listingBefore);
    expect(await rowDigest('directory_organizations', orgId)).toBe(orgBefore);
    const stored = await ctx.db.select().from(directoryServices).where(eq(directoryServices.id, otherPeople.listingId));
    expect(stored[0]?.name).toBe('Elsewhere Knit and Natter');
  });

  it('intake naming another team’s person (web form and FHIR) neither attaches to a person of another ICB nor alters another PCN’s person or referral', async () => {
    const referrer = sessionOf('home:referrer');
    for (const [label, other] of [
      ['second ICB', otherPeople.icb],
      ['another PCN', otherPeople.pcn],
    ] as const) {
      const personBefore = await rowDigest('people', other.personId);
      const referralBefore = await rowDigest('referrals', other.referralId);
      // The person exactly as the other team knows them (NHS number and date of birth): the strongest claim.
      const [known] = await ctx.db.select().from(people).where(eq(people.id, other.personId));
      const dateOfBirth = known?.dateOfBirth as string;
      const fhir = await ctx.app.inject({
        method: 'POST',
        url: '/fhir/R4/$process-message',
        headers: {
          authorization: `Bearer ${systemTokens.get('home:practice')}`,
          'content-type': 'application/fhir+json',
          'x-request-id': randomUUID(),
        },
        payload: JSON.stringify(
          referralMessage({
            ods: odsCodes.get('home') as string,
            nhsNumber: other.nhsNumber,
            familyName: 'Overwritefhir',
          }),
        ).replace('1958-03-02', dateOfBirth),
      });
      expect(fhir.statusCode, `${label}: ${fhir.body}`).toBe(200);
      expect(fhir.body).not.toContain(other.referralId);
      const res = await ctx.app.inject({
        method: 'POST',
        url: '/api/referrals',
        headers: referrer.headers,
        payload: validReferralBody(
          { confirmedSecondReferral: true },
          { nhsNumber: other.nhsNumber, givenName: 'Intruder', familyName: 'Overwrite', dateOfBirth },
        ),
      });
      expect(res.statusCode, `${label}: ${res.body}`).toBe(201);
      expect(res.body).not.toContain(other.referralId);
      const [made] = await ctx.db
        .select({ personId: referrals.personId, pcnId: referrals.pcnId })
        .from(referrals)
        .where(eq(referrals.id, res.json().id));
      expect(made?.pcnId).toBe(home.pcnId);
      // Across ICBs the person is a new one of the home ICB; within the ICB one person is one record
      // (no duplicates, DESIGN §2), but the details given stay on the new referral: the record and
      // the other PCN's referral read back unchanged.
      if (label === 'second ICB') expect(made?.personId).not.toBe(other.personId);
      expect(await rowDigest('people', other.personId), label).toBe(personBefore);
      expect(await rowDigest('referrals', other.referralId), label).toBe(referralBefore);
    }
  });
});

describe('the event stream (GET /api/events)', () => {
  it('answers every caller as the matrix says, and a home lead hears the home team’s events, never the second ICB’s or another PCN’s', async () => {
    await ctx.app.listen({ host: '127.0.0.1', port: 0 });
    const base = `http://127.0.0.1:${(ctx.app.server.address() as AddressInfo).port}`;
    const route = ctx.routes.find((r) => routeKey(r) === 'GET /api/events') as RegisteredRoute;
    const opened: EventStream[] = [];
    try {
      for (const caller of allCallers()) {
        const expected = expectedAnswer(route, caller, { kinds: [], icbWide: () => false });
        const s = await openEventStream(base, headersOf(route, caller));
        opened.push(s);
        expect([callerLabel(caller), s.status]).toEqual([callerLabel(caller), expected === 'ok' ? 200 : expected]);
        s.close();
      }
      const lead = await openEventStream(base, headersOf(route, { kind: 'person', party: 'home', role: 'team_lead' }));
      opened.push(lead);
      // Referrals arrive in the second ICB and another PCN (through the API, as their referrers send them), then one at home.
      for (const party of ['otherIcb', 'otherPcn', 'home'] as const) {
        const res = await ctx.app.inject({
          method: 'POST',
          url: '/api/referrals',
          headers: sessionOf(`${party}:referrer`).headers,
          payload: validReferralBody(),
        });
        expect(res.statusCode, res.body).toBe(201);
        if (party !== 'home') foreignEvents.push(res.json().id);
        else homeEvent = res.json().id;
      }
      await waitUntil(() => lead.body.includes(homeEvent), { what: 'the home referral’s event' });
      for (const id of foreignEvents) expect(lead.body).not.toContain(id);
      for (const value of [...foreign.icb.values(), ...foreign.pcn.values()]) expect(lead.body).not.toContain(value);
    } finally {
      for (const s of opened) s.close();
    }
  });
});
const foreignEvents: string[] = [];
let homeEvent = '';

interface EventStream {
  status: number;
  body: string;
  close(): void;
}

/** Opens the stream over real HTTP (its answer never ends, so it cannot be injected). */
function openEventStream(base: string, headers: Record<string, string>): Promise<EventStream> {
  return new Promise((resolve, reject) => {
    const req = http.get(`${base}/api/events`, { agent: false, headers }, (res) => {
      const stream: EventStream = { status: res.statusCode ?? 0, body: '', close: () => req.destroy() };
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        stream.body += chunk;
      });
      res.on('error', () => {});
      if (stream.status !== 200) {
        res.resume();
        resolve(stream);
        return;
      }
      waitUntil(() => stream.body.includes(': connected'), { what: 'the stream to open' }).then(
        () => resolve(stream),
        reject,
      );
    });
    req.on('error', reject);
  });
}
