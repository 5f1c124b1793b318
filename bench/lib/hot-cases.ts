import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { ANALYTICS_SECTIONS } from '../../common/analytics.js';
import { filterCombinations } from '../analytics.bench.js';
import { buildQueries, type QueryType } from '../directory-search.bench.js';
import {
  type BenchRequest,
  type ClientContext,
  type LoadResult,
  pct,
  runLoad,
  runRaw,
  statusText,
} from './autocannon-load.js';
import { as, type IcbActors, unusedNhsNumbers } from './hot-paths.js';
import { type IcbApp, type Session, signIn } from './icb-app.js';
import * as SQL from './raw-sql.js';
import { seededRandom } from './stats.js';

// The hot paths of issue 18 as benchmark cases: the request each autocannon connection sends
// (the i-th of the run), and the raw SQL that gives the same answer.

export interface HotCase {
  name: string;
  request(i: number, context: ClientContext): BenchRequest;
  onResponse?(status: number, body: string, context: ClientContext, headers: Record<string, string>): void;
  raw?: { name: string; text: string; values(i: number): unknown[] };
  /** A fixed number of requests instead of a duration (cold dashboards: each filter asked once). */
  amount?: { one: number; many: number };
  /** Requests before the clock starts (10), over `warmUpConnections` connections (2). */
  warmUp?: number;
  warmUpConnections?: number;
  okStatus?(status: number): boolean;
  /** Before the warm-up and before each timed run. */
  beforeRun?(): Promise<void>;
  /** Checks after the runs (intake: duplicates), as report lines. */
  after?(): Promise<string[]>;
}

interface Figures {
  p50: number;
  p95: number;
  p99: number;
  rps: number;
}

export interface HotRow {
  name: string;
  one: Figures;
  many: Figures;
  requests: number;
  errors: number;
  raw: { p50: number; p95: number } | null;
  statuses: string;
}

/** The one table: every case, 1 and 32 clients, throughput, errors, raw SQL and the ratio. */
export function hotTable(rows: HotRow[]): string {
  const w = Math.max(28, ...rows.map((r) => r.name.length));
  const n = (v: number, width = 7) => (Number.isFinite(v) ? v.toFixed(v < 10 ? 1 : 0) : '—').padStart(width);
  const header =
    `${'case'.padEnd(w)} | ${'1: p50'.padStart(7)} ${'p95'.padStart(7)} ${'p99'.padStart(7)} ${'req/s'.padStart(6)} ` +
    `| ${'32: p50'.padStart(7)} ${'p95'.padStart(7)} ${'p99'.padStart(7)} ${'req/s'.padStart(6)} | ${'err'.padStart(5)} ` +
    `| ${'raw p50'.padStart(7)} ${'p95'.padStart(6)} | ${'app÷raw'.padStart(7)}`;
  const lines = rows.map((r) => {
    const ratio = r.raw ? r.one.p50 / r.raw.p50 : Number.NaN;
    return (
      `${r.name.padEnd(w)} | ${n(r.one.p50)} ${n(r.one.p95)} ${n(r.one.p99)} ${n(r.one.rps, 6)} ` +
      `| ${n(r.many.p50)} ${n(r.many.p95)} ${n(r.many.p99)} ${n(r.many.rps, 6)} | ${String(r.errors).padStart(5)} ` +
      `| ${r.raw ? r.raw.p50.toFixed(2).padStart(7) : '—'.padStart(7)} ${r.raw ? r.raw.p95.toFixed(2).padStart(6) : '—'.padStart(6)} ` +
      `| ${Number.isFinite(ratio) ? `${ratio.toFixed(1)}×`.padStart(7) : '—'.padStart(7)}`
    );
  });
  return [header, '-'.repeat(header.length), ...lines].join('\n');
}

const GIVEN = ['Alex', 'Bryony', 'Callum', 'Delia', 'Ewan', 'Farah', 'Gideon', 'Hattie', 'Idris', 'Juno'];

/** Letters only (names are checked as names): a number in base 26. */
function letters(n: number): string {
  let s = '';
  let v = n;
  do {
    s = String.fromCharCode(97 + (v % 26)) + s;
    v = Math.floor(v / 26);
  } while (v > 0);
  return s;
}

const pickAt = <T>(items: readonly T[], i: number): T => items[i % items.length] as T;

/** A public consumer's own address (ORUK is rate-limited per address; the app trusts the proxy here). */
const fromAddress = (i: number) => ({ 'x-forwarded-for': `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}` });

export async function buildHotCases(app: IcbApp, actors: IcbActors, log: (line: string) => void): Promise<HotCase[]> {
  const { teams, referrers } = actors;
  log(`signing in ${teams.length} team leads, ${teams.length} link workers, ${referrers.length} referrers…`);
  const sign = (email: string) => signIn(app.baseUrl, email, app.password);
  const leads = await Promise.all(teams.map((t) => sign(t.leadEmail)));
  const workers = await Promise.all(teams.map((t) => sign(t.workerEmail)));
  const referrerSessions = await Promise.all(referrers.map((r) => sign(r.email)));
  const partners = await Promise.all(actors.partners.map((p) => sign(p.email)));
  const commissioner = await sign(actors.commissionerEmail);

  const cases: HotCase[] = [];
  const team = (i: number) => i % teams.length;

  cases.push({
    name: 'triage queue (lead)',
    request: (i) => as(pickAt(leads, i), { path: '/api/triage/queue' }),
    raw: { name: 'triage_queue', text: SQL.TRIAGE_QUEUE, values: (i) => [pickAt(teams, i).pcnId] },
  });
  cases.push({
    name: 'caseload (link worker)',
    request: (i) => as(pickAt(workers, i), { path: '/api/caseload' }),
    raw: { name: 'caseload', text: SQL.CASELOAD, values: (i) => [pickAt(teams, i).workerId, pickAt(teams, i).pcnId] },
  });
  const caseAt = (i: number) => {
    const t = teams[team(i)] as (typeof teams)[number];
    return { t, id: pickAt(t.caseIds, Math.floor(i / teams.length)) };
  };
  cases.push({
    name: 'case record + timeline',
    request: (i) => as(pickAt(workers, i), { path: `/api/referrals/${caseAt(i).id}/case` }),
    raw: { name: 'case_record', text: SQL.CASE_RECORD, values: (i) => [caseAt(i).id, caseAt(i).t.pcnId] },
  });
  const personAt = (i: number) => {
    const t = teams[team(i)] as (typeof teams)[number];
    return { t, id: pickAt(t.personIds, Math.floor(i / teams.length)) };
  };
  cases.push({
    name: 'care plan read',
    request: (i) => as(pickAt(workers, i), { path: `/api/people/${personAt(i).id}/care-plan` }),
    raw: { name: 'care_plan_read', text: SQL.CARE_PLAN_READ, values: (i) => [personAt(i).id, personAt(i).t.pcnId] },
  });

  // Care plan saves: each connection saves its own person's plan (no conflicts between clients),
  // version by version; the version it saved comes back in the answer.
  const versions = new Map<string, number>();
  const pairs = teams.flatMap((t, ti) => t.personIds.map((personId) => ({ ti, personId })));
  const seen = new Set<string>();
  const savers = pairs
    .sort((a, b) => a.personId.localeCompare(b.personId))
    .filter((p) => !seen.has(p.personId) && seen.add(p.personId))
    .slice(0, 80)
    .map((p) => ({ session: workers[p.ti] as Session, personId: p.personId }));
  // Each save takes a person nobody else is saving (a free list: autocannon's per-connection
  // context does not outlive a request) and gives it back with the version it saved.
  const free: typeof savers = [];
  // Before each run: the versions as stored (a duration run ends with saves in flight whose
  // answers it never reads) and every person free again.
  const refreshVersions = async () => {
    for (const s of savers) {
      const res = await fetch(`${app.baseUrl}/api/people/${s.personId}/care-plan`, {
        headers: { cookie: s.session.cookie },
      });
      const body = (await res.json()) as { plan?: { version: number } | null };
      versions.set(s.personId, body.plan?.version ?? 0);
    }
    free.splice(0, free.length, ...savers);
  };
  const planContent = (n: number) => ({
    whatMattersToMe: `Seeing my grandchildren and getting out of the house (benchmark save ${n}).`,
    strengths: 'Good neighbours; likes gardening.',
    needs: [{ domain: 'loneliness', notes: 'Lives alone since 2023.' }],
    goals: [{ text: 'Join a walking group', targetDate: null, progress: [] }],
    actions: [{ who: 'Link worker', what: 'Find a walking group nearby', byWhen: null, done: false }],
    ifThingsGetWorse: 'Call the practice.',
    agreedOn: null,
    reviewOn: null,
  });
  let saves = 0;
  const { rows: rawPlans } = await app.pool.query<{ person_id: string; pcn_id: string }>(
    `SELECT cp.person_id, cp.pcn_id FROM care_plans cp WHERE cp.pcn_id = ANY($1::uuid[])
      ORDER BY md5(cp.id::text) LIMIT 50`,
    [teams.map((t) => t.pcnId)],
  );
  cases.push({
    name: 'care plan save',
    beforeRun: refreshVersions,
    request: (i, context) => {
      const s = free.shift() ?? pickAt(savers, i);
      context.saver = s;
      return as(s.session, {
        method: 'PUT',
        path: `/api/people/${s.personId}/care-plan`,
        body: { ...planContent(++saves), version: versions.get(s.personId) ?? 0 },
      });
    },
    onResponse: (status, body, context) => {
      const s = context.saver as (typeof savers)[number] | undefined;
      if (!s) return;
      if (status === 200 || status === 409) {
        const answer = JSON.parse(body) as { plan?: { version: number }; details?: { currentVersion?: number } };
        const version = answer.plan?.version ?? answer.details?.currentVersion;
        if (typeof version === 'number') versions.set(s.personId, version);
      }
      free.push(s);
    },
    raw: {
      name: 'care_plan_save',
      text: SQL.CARE_PLAN_SAVE,
      values: (i) => {
        const p = pickAt(rawPlans, i);
        return [p.person_id, p.pcn_id, JSON.stringify(planContent(i)), pickAt(teams, i).workerId];
      },
    },
  });

  cases.push({
    name: 'person matching',
    request: (i) => {
      const p = pickAt(actors.people, i);
      return as(pickAt(referrerSessions, i), {
        method: 'POST',
        path: '/api/people/matches',
        body: { givenName: p.givenName, familyName: p.familyName, dateOfBirth: p.dateOfBirth },
      });
    },
    raw: {
      name: 'person_matches',
      text: SQL.PERSON_MATCHES,
      values: (i) => {
        const p = pickAt(actors.people, i);
        return [actors.icbId, p.familyName, p.dateOfBirth, p.givenName.charAt(0).toLowerCase()];
      },
    },
  });

  // Intake, sustained, with an idempotency key per referral; every tenth request of a connection
  // sends its previous referral again with the same key (a client retrying), which must answer
  // the first answer again and create nothing.
  const run = Date.now() % 1_000_000;
  const marker = `Bench${letters(run)}x`;
  const nhsNumbers = await unusedNhsNumbers(app.pool, 40_000, run);
  let nhsNext = 0;
  let intakes = 0;
  /** Family names (one per referral body, unique) of the referrals answered 2xx. */
  const accepted = new Set<string>();
  let replaysSent = 0;
  let replaysAnswered = 0;
  let replaysCreated = 0;
  /** Referrals answered 2xx, with who sent them: every fifth request sends one again (a client retrying). */
  interface Sent {
    key: string;
    body: unknown;
    session: Session;
    familyName: string;
  }
  const answered: Sent[] = [];
  const random = seededRandom(run);
  cases.push({
    name: 'referral intake (idempotent)',
    request: (i, context) => {
      if (i % 5 === 4 && answered.length) {
        const again = answered[(i * 7919) % answered.length] as Sent;
        replaysSent++;
        context.replay = true;
        context.sent = again;
        return as(again.session, {
          method: 'POST',
          path: '/api/referrals',
          headers: { 'idempotency-key': again.key },
          body: again.body,
        });
      }
      const r = pickAt(referrers, i);
      const session = pickAt(referrerSessions, i);
      const n = ++intakes;
      const body = {
        person: {
          nhsNumber: nhsNumbers[nhsNext++ % nhsNumbers.length],
          givenName: pickAt(GIVEN, i),
          familyName: `${marker}${letters(n)}`,
          dateOfBirth: `19${40 + Math.floor(random() * 60)}-0${1 + Math.floor(random() * 9)}-1${Math.floor(random() * 9)}`,
          postcode: 'LS1 4AP',
          phone: '07700 900982',
          preferredContact: 'phone',
          interpreterNeeded: false,
        },
        source: 'practice',
        practiceId: r.practiceId,
        reasons: ['loneliness', 'housing'],
        details: 'Lives alone since her husband died; behind on rent.',
        urgencyRequested: 'routine',
        consentToReferral: true,
        consentToShare: true,
        safeguardingConcern: false,
      };
      const key = randomUUID();
      context.replay = false;
      context.sent = { key, body, session, familyName: body.person.familyName } satisfies Sent;
      return as(session, { method: 'POST', path: '/api/referrals', headers: { 'idempotency-key': key }, body });
    },
    onResponse: (status, _body, context, headers) => {
      const sent = context.sent as Sent | undefined;
      if (!sent || status < 200 || status >= 300) return;
      if (context.replay) {
        if (headers['idempotent-replayed'] === 'true') replaysAnswered++;
        else replaysCreated++;
        return;
      }
      accepted.add(sent.familyName);
      answered.push(sent);
      if (answered.length > 2000) answered.shift();
    },
    raw: {
      name: 'intake',
      text: SQL.INTAKE,
      values: (i) => {
        const r = pickAt(referrers, i);
        return [
          actors.icbId,
          r.pcnId,
          r.practiceId,
          r.id,
          nhsNumbers[nhsNext++ % nhsNumbers.length],
          pickAt(GIVEN, i),
          `${marker}raw${letters(i)}`,
          '1961-07-14',
          randomUUID(),
          'Lives alone since her husband died; behind on rent.',
        ];
      },
    },
    after: async () => {
      // Each referral body has its own family name, sent again only with its own key: a name
      // stored twice is a duplicate; a name answered 2xx and not stored is a lost referral.
      const { rows } = await app.pool.query<{ family_name: string; n: string }>(
        `SELECT p.family_name, count(r.id) AS n FROM people p JOIN referrals r ON r.person_id = p.id
          WHERE p.family_name LIKE $1 AND p.family_name NOT LIKE $2 GROUP BY p.family_name`,
        [`${marker}%`, `${marker}raw%`],
      );
      const stored = new Map(rows.map((r) => [r.family_name, Number(r.n)]));
      const referrals = [...stored.values()].reduce((a, b) => a + b, 0);
      const duplicates = referrals - stored.size;
      const lost = [...accepted].filter((name) => !stored.has(name)).length;
      const unanswered = [...stored.keys()].filter((name) => !accepted.has(name)).length;
      return [
        `Intake check: ${accepted.size} referrals answered 2xx, ${referrals} stored for ${stored.size} distinct bodies → ` +
          `${duplicates} duplicates, ${lost} answered but missing; ${unanswered} stored whose answer the bench never read ` +
          `(in flight when a timed run ended). Retries with a used key: ${replaysSent}, answered as replays ` +
          `${replaysAnswered}, as new ${replaysCreated}.`,
      ];
    },
  });

  // Directory search, one case per query type (the queries of bench/directory-search.bench.ts).
  const queries = buildQueries(seededRandom(20_260_305), actors.postcodes);
  const byType = new Map<QueryType, Record<string, unknown>[]>();
  for (const q of queries) byType.set(q.type, [...(byType.get(q.type) ?? []), q.query as Record<string, unknown>]);
  const searchPath = (q: Record<string, unknown>) =>
    `/api/public/directory/services?${new URLSearchParams(
      Object.entries(q).map(([k, v]): [string, string] => [k, String(v)]),
    ).toString()}`;
  const rawSearch: Partial<Record<QueryType, (q: Record<string, unknown>) => unknown[]>> = {
    text: (q) => [q.text],
    'misspelt text': (q) => [q.text],
    category: (q) => [q.category],
    day: (q) => [q.day],
    'postcode + distance': (q) => [q.postcode, Number(q.within_miles) * 1609.344],
  };
  for (const [type, list] of byType) {
    const rawValues = rawSearch[type];
    cases.push({
      name: `directory search: ${type}`,
      request: (i) => ({ path: searchPath(pickAt(list, i)), headers: fromAddress(i) }),
      raw:
        rawValues && type in SQL.SEARCH
          ? {
              name: `search_${type.replace(/\W+/g, '_')}`,
              text: SQL.SEARCH[type as keyof typeof SQL.SEARCH],
              values: (i) => rawValues(pickAt(list, i)),
            }
          : undefined,
    });
  }

  let orukAddress = 0;
  cases.push({
    name: '/oruk/services',
    request: (i) => ({ path: `/oruk/services?page=${(i % 20) + 1}&per_page=50`, headers: fromAddress(++orukAddress) }),
    raw: { name: 'oruk_services', text: SQL.ORUK_SERVICES, values: (i) => [(i % 20) * 50] },
  });
  cases.push({
    name: '/oruk/services/{id}',
    request: (i) => ({ path: `/oruk/services/${pickAt(actors.serviceIds, i)}`, headers: fromAddress(++orukAddress) }),
    raw: { name: 'oruk_service', text: SQL.ORUK_SERVICE, values: (i) => [pickAt(actors.serviceIds, i)] },
  });

  const TABS = ['new', 'waiting', 'active', 'closed'] as const;
  if (partners.length) {
    cases.push({
      name: 'partner inbox',
      request: (i) => as(pickAt(partners, i), { path: `/api/partner/referrals?tab=${pickAt(TABS, i)}` }),
      raw: {
        name: 'partner_inbox',
        text: SQL.PARTNER_INBOX,
        values: (i) => [pickAt(actors.partners, i).vcsOrganisationId, pickAt(TABS, i)],
      },
    });
  }

  // Dashboards (issue 13): each section in turn. Cold: a filter never asked before (the answer
  // cache cannot help); warm: the same filter again. A cold case warms up like every other case
  // (code compiled, statements planned on each of the server's connections: 32 clients at once,
  // as measured) on filters of its own that the timed runs never ask, so each timed request is
  // still a filter the server has not answered. Without it (before 8 December), the 160 requests
  // at 32 clients were a server's first analytics requests since it started, and most of their
  // time was that start: 7.3 ms of app CPU a request instead of 3.1, and PostgreSQL 6.1 ms
  // instead of 3.5 (bench/RESULTS.md).
  const sections = [...ANALYTICS_SECTIONS, 'national'] as const;
  const viewers = [
    { label: 'commissioner ICB-wide', session: commissioner },
    { label: 'lead own PCN', session: leads[0] as Session },
  ];
  for (const v of viewers) {
    const filters = filterCombinations([null]);
    let next = 0;
    const cold = (i: number) => {
      void i;
      const k = next++;
      const section = pickAt(sections, k);
      const filter = filters[Math.floor(k / sections.length) % filters.length];
      return as(v.session, { path: `/api/analytics/${section}?${filter}` });
    };
    cases.push({
      name: `dashboards: ${v.label}, cold`,
      request: cold,
      warmUp: 160,
      warmUpConnections: 32,
      amount: { one: 24, many: 160 },
    });
    cases.push({
      name: `dashboards: ${v.label}, warm`,
      request: (i) => as(v.session, { path: `/api/analytics/${pickAt(sections, i)}?${filters[filters.length - 1]}` }),
    });
  }
  return cases;
}

/** Warm-up, then one client and 32 clients over HTTP, then the raw SQL at one client. */
export async function measure(
  baseUrl: string,
  pool: pg.Pool,
  c: HotCase,
  seconds: number,
  log: (line: string) => void,
): Promise<HotRow> {
  // Compiled, cached and planned before the clock starts (cold cases warm up on their own filters).
  if (c.warmUp !== 0) {
    await c.beforeRun?.();
    await runLoad({
      baseUrl,
      connections: c.warmUpConnections ?? 2,
      amount: c.warmUp ?? 10,
      request: c.request,
      onResponse: c.onResponse,
    });
  }
  await c.beforeRun?.();
  const one = await runLoad({
    baseUrl,
    connections: 1,
    ...(c.amount ? { amount: c.amount.one } : { duration: seconds }),
    request: c.request,
    onResponse: c.onResponse,
  });
  await c.beforeRun?.();
  const many = await runLoad({
    baseUrl,
    connections: 32,
    ...(c.amount ? { amount: c.amount.many } : { duration: Math.round(seconds * 1.6) }),
    request: c.request,
    onResponse: c.onResponse,
  });
  const raw = c.raw ? await runRaw(pool, { ...c.raw, count: Math.min(300, Math.max(30, one.requests)) }) : null;
  const errors = (r: LoadResult) =>
    r.errors +
    Object.entries(r.statuses)
      .filter(([code]) => !(c.okStatus ?? ((s: number) => s >= 200 && s < 300))(Number(code)))
      .reduce((n, [, k]) => n + k, 0);
  const row: HotRow = {
    name: c.name,
    one: {
      p50: pct(one.samples, 50),
      p95: pct(one.samples, 95),
      p99: pct(one.samples, 99),
      rps: one.requests / one.seconds,
    },
    many: {
      p50: pct(many.samples, 50),
      p95: pct(many.samples, 95),
      p99: pct(many.samples, 99),
      rps: many.requests / many.seconds,
    },
    requests: one.requests + many.requests,
    errors: errors(one) + errors(many),
    raw: raw ? { p50: pct(raw, 50), p95: pct(raw, 95) } : null,
    statuses: `1: ${statusText(one.statuses)}; 32: ${statusText(many.statuses)}`,
  };
  log(
    `${c.name}: 1 client p95 ${row.one.p95.toFixed(1)} ms; 32 clients p95 ${row.many.p95.toFixed(1)} ms, ` +
      `${row.many.rps.toFixed(0)}/s; raw p50 ${row.raw?.p50.toFixed(2) ?? '—'} ms; ${row.statuses}`,
  );
  return row;
}
