import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, describe, expect, it } from 'vitest';
import { can, type Permission } from '../../common/permissions.js';
import { ROLES, type Role } from '../../common/roles.js';
import { hasControlCharacters } from '../../common/schemas/text.js';
import { createTestListing } from '../modules/directory/listings/test-listings.js';
import { registerSecretSystem } from '../modules/fhir/testing/test-system-clients.js';
import { validReferralBody } from '../modules/referrals/referral-fixtures.js';
import { createTestReferral, triaged } from '../modules/triage/test-referrals.js';
import type { RegisteredRoute } from '../platform/http/access.js';
import {
  createTestApp,
  createTestTenancy,
  createTestUser,
  type Session,
  signIn,
  signInWithNewSecondFactor,
} from '../test/toolkit.js';
import {
  HOSTILE_NUMBERS,
  hostileValueFor,
  ONE_OF_EACH_KIND,
  objectPaths,
  PROTOTYPE_KEYS,
  withKeyAt,
} from './hostile-values.js';
import {
  attacksOn,
  exampleOf,
  type Field,
  fieldName,
  fieldsOf,
  refusesAt,
  toJsonSchema,
  withValueAt,
} from './request-fields.js';
import { type Part, requestSchemas, routeLabel, routesTakingInput, routesWithParams } from './route-table.js';
import { answerProblems, describeWrite, unexpectedWrites } from './verdicts.js';
import { installWriteLog } from './write-log.js';

// Property tests of issue 9, finding 5, and issue 19, point 2, over the LIVE route table: every
// route that takes a body or a query string gets, signed in as someone allowed to call it, hostile
// values in each field its schema declares (control characters, integers past 32 bits, impossible
// dates, over-long text; then fast-check's mix of hostile-values.ts: huge and awkward unicode,
// right-to-left overrides, NUL, HTML/script, SQL-ish text, formulas, wrong types, negative and huge
// numbers), every field hostile at once, prototype-polluting keys at every depth, random JSON,
// deep nesting and junk path parameters. For every answer:
//  - never a 5xx; where the route's schema refuses the value, a 400 that names the field;
//  - a refused request (4xx) changed nothing: every write committed while it ran is read back
//    from a trigger-fed log (write-log.ts) and only the writes verdicts.ts allows may be there;
//  - nothing echoed unescaped where a browser would run it, nosniff on every answer, a JSON body
//    only as JSON, no CSV cell a spreadsheet would run (verdicts.ts);
//  - Object.prototype is never polluted.
// How many inputs each route was sent is printed at the end. The run is bounded by fixed counts
// (FIELD_RUNS, MIXED_RUNS, PROTOTYPE_RUNS), not by time, so it is the same run on every machine;
// FUZZ_SEED replays one, FUZZ_SCALE multiplies the counts.

// One session per role takes every hostile request: random bodies of "Change your password" are
// wrong current passwords, which count towards the lockout; locked out, the later routes would
// answer 401 and test nothing. The lockout has tests of its own.
const NOTIFY_CALLBACK_TOKEN = 'hostile-input-callback-token';
const ctx = await createTestApp({ LOCKOUT_THRESHOLD: '100000', NOTIFY_CALLBACK_TOKEN });
const tenancy = await createTestTenancy(ctx.db);
const inputRoutes = routesTakingInput(ctx.routes);
const paramRoutes = routesWithParams(ctx.routes);
const writeLog = await installWriteLog(ctx.database.pool);

/** FUZZ_SCALE=10 for a deeper run by hand; CI runs the counts below as they are. */
const scale = Math.max(1, Number(process.env.FUZZ_SCALE ?? 1));
/** Hostile values fast-check sends to each field. */
const FIELD_RUNS = 2 * scale;
/** Requests per route with every field hostile at once. */
const MIXED_RUNS = 8 * scale;
/** Requests per route with a body with a prototype-polluting key somewhere in it. */
const PROTOTYPE_RUNS = 4 * scale;
const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);
fc.configureGlobal({ seed });

/**
 * Bodies the route accepts, where exampleOf's cannot be (an NHS number's check digit, consent):
 * so that a hostile value in one field is the only fault, and an accepted one reaches the tables.
 */
const VALID_BODIES: Record<string, () => unknown> = {
  'POST /api/referrals': () => validReferralBody(),
};

/** Whether this file wrote anything (a sign-in, a fixture) since the write log was last drained. */
let setUpSinceLastRequest = true;

const sessions = new Map<Role, Session>();
async function sessionAs(role: Role): Promise<Session> {
  const existing = sessions.get(role);
  if (existing) return existing;
  const user = await createTestUser(ctx.db, tenancy, role);
  const session = role === 'admin' ? await signInWithNewSecondFactor(ctx, user) : await signIn(ctx, user);
  sessions.set(role, session);
  setUpSinceLastRequest = true;
  return session;
}

type Caller = () => Promise<Session | null>;

/**
 * Real records for the path parameters of the routes that have the most of them, so that hostile
 * bodies reach the services' own refusals (state, version, scope: 404, 409, 422) and not only the
 * 404 of an id that names nothing: a referral allocated to the team lead (every /api/referrals/:id
 * route; its person for /api/people/:personId), a directory listing (:serviceId and
 * /api/directory/services/:id), and a user of each kind no session of this file uses (team
 * members and user administration), so that hostile-but-valid changes to them harm no caller.
 */
let realIdsPromise: Promise<Record<string, string>> | undefined;
function realIds(): Promise<Record<string, string>> {
  realIdsPromise ??= (async () => {
    setUpSinceLastRequest = true;
    const lead = await sessionAs('team_lead');
    const referral = await createTestReferral(
      ctx.db,
      tenancy,
      triaged({
        status: 'allocated',
        allocatedWorkerId: lead.me.user.id,
        allocatedAt: new Date(Date.now() - 86_400_000),
      }),
    );
    const listing = await createTestListing(ctx.db, tenancy.icbId);
    const member = await createTestUser(ctx.db, tenancy, 'link_worker');
    const user = await createTestUser(ctx.db, tenancy, 'referrer');
    return { referral: referral.id, person: referral.personId, listing: listing.id, member: member.id, user: user.id };
  })();
  return realIdsPromise;
}

async function realParamsOf(route: RegisteredRoute): Promise<Record<string, string>> {
  const ids = await realIds();
  const url = route.url;
  const real: Record<string, string> = {};
  if (url.startsWith('/api/referrals/:id')) real.id = ids.referral as string;
  if (url.startsWith('/api/people/:personId')) real.personId = ids.person as string;
  if (url.includes(':serviceId')) real.serviceId = ids.listing as string;
  if (url.startsWith('/api/directory/services/:id')) real.id = ids.listing as string;
  if (url.startsWith('/api/team/members/:id')) real.id = ids.member as string;
  if (url.startsWith('/api/admin/users/:id')) real.id = ids.user as string;
  return real;
}

const tokens = new Map<'practice' | 'pcn', Promise<string>>();
/**
 * A token of a system client acting for the tenancy's practice, with every scope; or (for what
 * only a PCN's system may read: plans and outcome measures) one acting for its PCN.
 */
function systemToken(of: 'practice' | 'pcn' = 'practice'): Promise<string> {
  const existing = tokens.get(of);
  if (existing) return existing;
  const token = (async () => {
    const admin = await sessionAs('admin');
    const scopes =
      of === 'pcn'
        ? ['referral.read', 'careplan.read', 'outcome.read']
        : ['referral.create', 'referral.read', 'gpmessage.read'];
    const organisationId = of === 'pcn' ? tenancy.pcnId : tenancy.practiceId;
    return (await registerSecretSystem(ctx, admin, organisationId, scopes, 'Hostile input system')).token;
  })();
  tokens.set(of, token);
  setUpSinceLastRequest = true;
  return token;
}

/** Someone who holds the route's permission (admin last: it costs a second factor). */
function callerOf(route: RegisteredRoute): Caller {
  // Notify's receipts: no session, the callback token is the caller's credential.
  if (routeLabel(route) === 'POST /api/notify/receipts') {
    return async () => ({ headers: { authorization: `Bearer ${NOTIFY_CALLBACK_TOKEN}` } }) as unknown as Session;
  }
  // The FHIR edge (issue 17): a registered system's bearer token, a new X-Request-ID each time.
  if (route.url.startsWith('/fhir/') && route.access && 'permission' in route.access) {
    const of = ['careplan.read', 'outcome.read'].includes(route.access.permission) ? 'pcn' : 'practice';
    return async () =>
      ({
        headers: {
          authorization: `Bearer ${await systemToken(of)}`,
          'content-type': 'application/fhir+json',
          'x-request-id': randomUUID(),
        },
      }) as unknown as Session;
  }
  if (!route.access || !('permission' in route.access)) return async () => null;
  const permission = route.access.permission as Permission;
  const allowed = ROLES.filter((r) => can(r, permission));
  const role = allowed.find((r) => r !== 'admin') ?? allowed[0];
  if (!role) throw new Error(`no role may call ${routeLabel(route)}`);
  // Signing out ends the session it is sent with: give it one of its own each time.
  if (routeLabel(route) === 'POST /api/auth/sign-out') {
    return async () => {
      setUpSinceLastRequest = true;
      return signIn(ctx, await createTestUser(ctx.db, tenancy, role));
    };
  }
  return () => sessionAs(role);
}

/** The `version` of a JSON object, if it has a numeric one. */
const versionIn = (value: unknown) =>
  typeof value === 'object' && value !== null && typeof (value as { version?: unknown }).version === 'number'
    ? (value as { version: number }).version
    : undefined;
const parseJson = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
};

let address = 0;
/** A fresh client address per request, so the per-address rate limits never answer 429 here. */
const nextAddress = () => {
  address++;
  return `10.${(address >> 16) & 255}.${(address >> 8) & 255}.${address & 255}`;
};

interface Attempt {
  params?: Record<string, string>;
  /** Path segments put in the URL as they are, without encoding. */
  rawParams?: Record<string, string>;
  query?: Record<string, unknown>;
  body?: unknown;
  rawBody?: string;
  headers?: Record<string, string>;
}

function urlOf(route: RegisteredRoute, attempt: Attempt) {
  const path = route.url.replace(
    /:([a-zA-Z]+)/g,
    (_, name: string) => attempt.rawParams?.[name] ?? encodeURIComponent(attempt.params?.[name] ?? randomUUID()),
  );
  if (!attempt.query) return path;
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(attempt.query)) {
    if (v === null || v === undefined) continue;
    search.set(k, typeof v === 'string' ? v : JSON.stringify(v));
  }
  return `${path}?${search.toString()}`;
}

interface Tally {
  requests: number;
  refused: number;
  writesChecked: number;
}
const tallies = new Map<string, Tally>();
const tallyOf = (route: RegisteredRoute) => {
  const label = routeLabel(route);
  const existing = tallies.get(label);
  if (existing) return existing;
  const tally = { requests: 0, refused: 0, writesChecked: 0 };
  tallies.set(label, tally);
  return tally;
};

const prototypeKeys = () => Object.getOwnPropertyNames(Object.prototype).sort().join(',');
const PRISTINE_PROTOTYPE = prototypeKeys();

/**
 * Sends one request and holds its answer to the rules above, beside the status (left to the
 * caller): the problems found, for the failure message.
 */
async function send(route: RegisteredRoute, callerOfRoute: Caller, attempt: Attempt) {
  const caller = await callerOfRoute();
  // What this file set up for the request (a sign-in, a fixture) is not the request's doing. Else
  // the log was drained right after the previous request, and nothing but requests writes here
  // (bar the refusal throttle's timer, whose count rows every request may write anyway).
  if (setUpSinceLastRequest) {
    await writeLog.drain();
    setUpSinceLastRequest = false;
  }
  const res = await inject(route, caller, attempt);
  const writes = await writeLog.drain();
  const tally = tallyOf(route);
  tally.requests++;
  const problems = answerProblems(res);
  if (res.statusCode >= 400 && res.statusCode < 500) {
    tally.refused++;
    tally.writesChecked += writes.length;
    const unexpected = unexpectedWrites(writes, routeLabel(route));
    if (unexpected.length > 0) problems.push(`a refused request wrote: ${unexpected.map(describeWrite).join('; ')}`);
  }
  if (prototypeKeys() !== PRISTINE_PROTOTYPE) problems.push(`Object.prototype polluted: ${prototypeKeys()}`);
  return { res, problems };
}

async function inject(route: RegisteredRoute, caller: Session | null, attempt: Attempt) {
  const headers: Record<string, string> = { ...(caller ? caller.headers : {}), ...attempt.headers };
  const hasBody = route.method !== 'GET' && route.method !== 'DELETE';
  const payload = attempt.rawBody ?? (hasBody ? JSON.stringify(attempt.body ?? {}) : undefined);
  if (payload !== undefined && !headers['content-type']) headers['content-type'] = 'application/json';
  const res = await ctx.app.inject({
    method: route.method as 'GET',
    url: urlOf(route, attempt),
    headers,
    remoteAddress: nextAddress(),
    ...(payload !== undefined ? { payload } : {}),
  });
  return res;
}

interface Answer {
  errors?: { field: string; index?: number }[];
  created?: number;
  updated?: number;
}

function answerOf(res: LightMyRequestResponse): Answer {
  try {
    return res.json();
  } catch {
    return {};
  }
}

/**
 * Whether the answer refuses `field`: a 400 naming it (a 413 when the body is past the limit), or (an import, which answers 200 with the
 * documents it refused) the document refused and nothing imported.
 */
function refusesField(res: LightMyRequestResponse, field: string): boolean {
  // Past the route's body limit the body is refused whole, before any field of it is read.
  if (res.statusCode === 413) return true;
  const answer = answerOf(res);
  // Under /fhir a refusal is an OperationOutcome: its issues name the element (the body: a Bundle).
  const outcome = answer as { resourceType?: string; issue?: { expression?: string[] }[] };
  if (res.statusCode === 400 && outcome.resourceType === 'OperationOutcome') {
    return field === 'body' || (outcome.issue ?? []).some((i) => i.expression?.some((e) => e.includes(field)));
  }
  if (res.statusCode === 400) return (answer.errors ?? []).some((e) => e.field === field);
  if (res.statusCode === 200 && answer.created === 0 && answer.updated === 0) {
    return (answer.errors ?? []).some((e) => e.index === Number(field.split('.')[0]));
  }
  return false;
}

/** Whether the answer refuses the request at all: a 400 (FHIR's too), or an import that imported nothing. */
function refusesRequest(res: LightMyRequestResponse): boolean {
  if (res.statusCode === 400 || res.statusCode === 413) return true;
  const answer = answerOf(res);
  return res.statusCode === 200 && answer.created === 0 && answer.updated === 0 && (answer.errors ?? []).length > 0;
}

const describeAttempt = (route: RegisteredRoute, what: string, res: LightMyRequestResponse) =>
  `${routeLabel(route)} ${what} → ${res.statusCode} ${res.body.slice(0, 300)}`;

/** Values for a path parameter (sent percent-encoded), and raw segments the router must survive. */
const HOSTILE_PARAMS = ['not-a-uuid', '\u0000', '2147483648', '-1', 'x'.repeat(500), "1' OR '1'='1"];
const RAW_SEGMENTS = ['%E0%A4%A', '%00', '%ZZ'];

describe('hostile input on every route that takes a body or a query string', () => {
  it('walks the live route table', () => {
    expect(inputRoutes.length).toBeGreaterThan(40);
    console.info(`hostile-input: ${inputRoutes.length} routes take a body or a query string`);
  });

  for (const route of inputRoutes) {
    it(`${routeLabel(route)}: never a 5xx; a refused field is named in a 400`, { timeout: 300_000 }, async () => {
      const caller = callerOf(route);
      const schemas = requestSchemas(route);
      const base: Partial<Record<Part, unknown>> = {};
      for (const part of ['body', 'querystring', 'params', 'headers'] as const) {
        const schema = schemas[part];
        if (schema) base[part] = exampleOf(toJsonSchema(schema));
      }
      // Where the schema alone cannot give a body the route takes, a valid one from the module's fixtures.
      const valid = VALID_BODIES[routeLabel(route)];
      if (valid) {
        base.body = valid();
      }
      // As a query string carries them: text, and in UTF-8, so half a character arrives as U+FFFD.
      const stringify = (q: unknown) =>
        Object.fromEntries(
          Object.entries((q ?? {}) as Record<string, unknown>).map(([k, v]) => [k, String(v).toWellFormed()]),
        );
      const baseQuery = schemas.querystring ? stringify(base.querystring) : undefined;
      const params = { ...(stringify(base.params) as Record<string, string>), ...(await realParamsOf(route)) };
      const failures: string[] = [];
      /** `expectNamed`: the field the answer must refuse; `expectRefused`: the request must be refused. */
      // A change that is taken moves the record's version on, and a stale version is a 409 before
      // any write: keep the body's version current (unless it is the field made hostile), so that
      // hostile values reach the write. (A 2.5e-323 FTE broke its column only in the runs where
      // no earlier change had been taken.)
      const baseVersion = versionIn(base.body);
      let currentVersion: number | undefined;
      const attempt = async (what: string, a: Attempt, expectNamed?: string, expectRefused = false) => {
        const sent: Attempt = { params, query: baseQuery, body: base.body, ...a };
        if (currentVersion !== undefined && baseVersion !== undefined && versionIn(sent.body) === baseVersion) {
          sent.body = { ...(sent.body as object), version: currentVersion };
        }
        const { res, problems } = await send(route, caller, sent);
        if (res.statusCode < 300) currentVersion = versionIn(parseJson(res.body)) ?? currentVersion;
        if (res.statusCode >= 500) failures.push(describeAttempt(route, what, res));
        else if (expectNamed !== undefined && !refusesField(res, expectNamed)) {
          failures.push(`${describeAttempt(route, what, res)} (expected a 400 naming ${expectNamed})`);
        } else if (expectRefused && !refusesRequest(res)) {
          failures.push(`${describeAttempt(route, what, res)} (its schema refuses it: expected a 400)`);
        }
        for (const problem of problems) failures.push(`${describeAttempt(route, what, res)} (${problem})`);
      };
      /** The request with `value` at `field` of `part`, as sent, and whether the schema refuses it there. */
      const withHostile = (part: 'body' | 'querystring', field: Field, value: unknown) => {
        const input = withValueAt(base[part], field.path, value);
        const sent = part === 'querystring' ? stringify(input) : input;
        const schema = schemas[part] as NonNullable<(typeof schemas)[typeof part]>;
        return { sent, refused: refusesAt(schema, sent, field.path) };
      };

      // Each field the route declares, with each hostile value for its type.
      for (const part of ['body', 'querystring', 'headers'] as const) {
        const schema = schemas[part];
        if (!schema) continue;
        for (const field of fieldsOf(schema)) {
          if (part === 'headers' && field.path[0] !== 'if-match') continue; // cookies and tokens: the caller's own
          for (const value of attacksOn(field, part !== 'body')) {
            // Headers cannot carry control characters over HTTP at all.
            if (part === 'headers' && typeof value === 'string' && hasControlCharacters(value)) continue;
            const hostile = withValueAt(base[part], field.path, part === 'headers' ? String(value) : value);
            // Named as the problem names it: the field's path, or the part itself for a bare value.
            const refused = field.path.length > 0 ? fieldName(field.path) : part;
            const what = `${part} ${fieldName(field.path)}=${JSON.stringify(value).slice(0, 40)}`;
            if (part === 'body') await attempt(what, { body: hostile }, refused);
            else if (part === 'querystring') await attempt(what, { query: stringify(hostile) }, refused);
            else await attempt(what, { headers: { 'if-match': `"${String(value)}"` } }, refused);
          }
        }
      }

      // fast-check's hostile values (hostile-values.ts), by the field's type, in each field in turn.
      for (const part of ['body', 'querystring'] as const) {
        const schema = schemas[part];
        if (!schema) continue;
        for (const field of fieldsOf(schema)) {
          const named = field.path.length > 0 ? fieldName(field.path) : part;
          // Every text field gets one value of each kind, and every number field every hostile
          // number, whatever fast-check draws: a draw found that 2.5e-323 broke the FTE column.
          const always: unknown[] =
            field.type === 'string'
              ? ONE_OF_EACH_KIND
              : field.type === 'boolean'
                ? []
                : HOSTILE_NUMBERS.map((n) => (part === 'body' ? n : String(n)));
          for (const value of always) {
            const { sent, refused } = withHostile(part, field, value);
            const what = `${part} ${fieldName(field.path)}=${JSON.stringify(value).slice(0, 40)}`;
            await attempt(
              what,
              part === 'body' ? { body: sent } : { query: sent as Record<string, unknown> },
              refused ? named : undefined,
            );
          }
          await fc.assert(
            fc.asyncProperty(hostileValueFor(field, part !== 'body'), async (value) => {
              const { sent, refused } = withHostile(part, field, value);
              const what = `${part} ${fieldName(field.path)}=${JSON.stringify(value)?.slice(0, 40)}`;
              const a = part === 'body' ? { body: sent } : { query: sent as Record<string, unknown> };
              await attempt(what, a, refused ? named : undefined);
            }),
            { numRuns: FIELD_RUNS },
          );
        }
      }

      // Every field hostile at once (each with even odds): whatever the schema refuses is a 400.
      for (const part of ['body', 'querystring'] as const) {
        const schema = schemas[part];
        const fields = schema ? fieldsOf(schema) : [];
        if (!schema || fields.length === 0) continue;
        const hostileOrNot = fields.map((f) => fc.option(hostileValueFor(f, part !== 'body'), { nil: undefined }));
        await fc.assert(
          fc.asyncProperty(fc.tuple(...hostileOrNot), async (values) => {
            let input = base[part];
            values.forEach((v, i) => {
              if (v !== undefined) input = withValueAt(input, (fields[i] as Field).path, v);
            });
            const sent = part === 'querystring' ? stringify(input) : input;
            const what = `${part} all fields ${JSON.stringify(sent)?.slice(0, 80)}`;
            const a = part === 'body' ? { body: sent } : { query: sent as Record<string, unknown> };
            await attempt(what, a, undefined, !schema.safeParse(sent).success);
          }),
          { numRuns: MIXED_RUNS },
        );
      }

      // __proto__, constructor and prototype as keys, at the top and in every object nested inside.
      if (route.method !== 'GET' && (base.body === undefined || typeof base.body === 'object')) {
        const polluting = fc.record({ isAdmin: fc.constant(true), polluted: fc.constant('yes') });
        await fc.assert(
          fc.asyncProperty(
            fc.constantFrom(...PROTOTYPE_KEYS),
            fc.constantFrom(...objectPaths(base.body ?? {})),
            fc.oneof(
              polluting,
              polluting.map((p) => ({ prototype: p })),
            ),
            async (key, path, value) => {
              const body = withKeyAt(base.body ?? {}, path, key, value);
              await attempt(`body ${[...path, key].join('.')}=${JSON.stringify(value)}`, {
                rawBody: JSON.stringify(body),
              });
            },
          ),
          { numRuns: PROTOTYPE_RUNS },
        );
      }
      for (const query of [{ '__proto__[polluted]': 'yes' }, { 'constructor[prototype][polluted]': 'yes' }]) {
        await attempt(`query ${JSON.stringify(query)}`, { query: { ...baseQuery, ...query } });
      }

      // Random JSON bodies and random query strings, including every kind of character.
      const anyText = fc.string({ unit: 'binary', maxLength: 40 });
      if (route.method !== 'GET') {
        await fc.assert(
          fc.asyncProperty(fc.jsonValue({ maxDepth: 4 }), async (body) => {
            await attempt(`random body ${JSON.stringify(body).slice(0, 80)}`, { rawBody: JSON.stringify(body) });
          }),
          { numRuns: 15 },
        );
      }
      const queryKeys = Object.keys((base.querystring ?? {}) as object);
      await fc.assert(
        fc.asyncProperty(
          fc.dictionary(fc.constantFrom('x', ...queryKeys), fc.oneof(anyText, fc.integer().map(String))),
          async (query) => {
            await attempt(`random query ${JSON.stringify(query).slice(0, 80)}`, { query });
          },
        ),
        { numRuns: 10 },
      );

      // Nesting deeper than the limit, and text that is not JSON.
      if (route.method !== 'GET') {
        await attempt('200 levels of nesting', { rawBody: `${'['.repeat(200)}${']'.repeat(200)}` }, 'body');
        await attempt('not JSON', { rawBody: '{"unterminated": "' });
      }
      expect(failures).toEqual([]);
    });
  }
});

describe('junk path parameters on every route that has them', () => {
  it('never answer 5xx: an id that is not one is 400 or 404', { timeout: 300_000 }, async () => {
    expect(paramRoutes.length).toBeGreaterThan(30);
    const failures: string[] = [];
    for (const route of paramRoutes) {
      const caller = callerOf(route);
      const names = [...route.url.matchAll(/:([a-zA-Z]+)/g)].map((m) => m[1] as string);
      for (const name of names) {
        const attempts: Attempt[] = [
          ...HOSTILE_PARAMS.map((junk) => ({ params: { [name]: junk } })),
          ...RAW_SEGMENTS.map((raw) => ({ rawParams: { [name]: raw } })),
        ];
        for (const a of attempts) {
          const { res, problems } = await send(route, caller, { ...a, body: {} });
          const label = `:${name}=${JSON.stringify(a.params?.[name] ?? a.rawParams?.[name]).slice(0, 30)}`;
          for (const problem of problems) failures.push(`${describeAttempt(route, label, res)} (${problem})`);
          if (![400, 404].includes(res.statusCode)) failures.push(describeAttempt(route, label, res));
          // Under /fhir the edge answers an OperationOutcome (application/fhir+json); an address the
          // router itself refuses (bad percent-encoding, a segment past its length) is problem+json.
          else if (
            !String(res.headers['content-type']).includes('application/problem+json') &&
            !(route.url.startsWith('/fhir/') && String(res.headers['content-type']).includes('application/fhir+json'))
          ) {
            failures.push(`${describeAttempt(route, label, res)} (not problem+json)`);
          }
        }
      }
    }
    expect(failures).toEqual([]);
  });
});

afterAll(() => {
  const rows = [...tallies].sort(([a], [b]) => a.localeCompare(b));
  const total = rows.reduce(
    (t, [, r]) => ({
      requests: t.requests + r.requests,
      refused: t.refused + r.refused,
      writesChecked: t.writesChecked + r.writesChecked,
    }),
    { requests: 0, refused: 0, writesChecked: 0 },
  );
  const width = Math.max(...rows.map(([label]) => label.length), 5);
  const line = (label: string, r: Tally) =>
    `${label.padEnd(width)}  ${String(r.requests).padStart(8)}  ${String(r.refused).padStart(8)}  ${String(r.writesChecked).padStart(8)}`;
  console.info(
    [
      `hostile-input: inputs tried per route (fast-check seed ${seed}; FUZZ_SEED=${seed} replays this run)`,
      `${'route'.padEnd(width)}  ${'inputs'.padStart(8)}  ${'refused'.padStart(8)}  ${'writes'.padStart(8)}`,
      ...rows.map(([label, r]) => line(label, r)),
      line(`total: ${rows.length} routes`, total),
      '(refused: answered 4xx, and checked to have changed nothing but what verdicts.ts allows; writes: the allowed writes they made)',
    ].join('\n'),
  );
});
