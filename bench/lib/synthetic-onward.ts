import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { DECLINE_REASONS, ONWARD_OUTCOMES } from '../../common/onward-referrals.js';
import { bulkInsert, type Column, type Row } from './bulk-insert.js';
import type { SyntheticCase } from './synthetic-cases.js';

// Onward referrals at ICB scale over a synthetic directory: a few organisations have partner
// users (one of them large, with many services and a big share of the referrals: its inbox and
// impact page are what the benchmark reads), the rest are reached by link or signposted to.
// Statuses follow age as in life: recent ones waiting, older ones answered within a few days
// (a fifth declined), accepted ones attending weekly, most closed after three months.

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

type Rand = () => number;
const pick = <T>(rand: Rand, items: readonly T[]): T => items[Math.floor(rand() * items.length)] as T;

export interface SyntheticPartners {
  /** The large organisation: its directory id, partner organisation and one partner user's email. */
  large: { organizationId: string; vcsOrganisationId: string; partnerEmail: string };
  partnerEmails: string[];
  commissionerEmail: string;
}

export interface SyntheticOnward {
  referrals: number;
  attendances: number;
  events: number;
  /** Referrals in the large organisation's inbox whose details are still shared (for the one-referral read). */
  largeOpenIds: string[];
  largeTotal: number;
}

/** Partner organisations over `count` directory organisations; the first gets `largeServices` services. */
export async function insertSyntheticPartners(
  pool: pg.Pool,
  icbId: string,
  passwordHash: string,
  opts: { count: number; largeServices: number },
): Promise<SyntheticPartners> {
  const orgs = await pool.query<{ id: string; name: string }>(
    'SELECT id, name FROM directory_organizations WHERE icb_id = $1 ORDER BY id LIMIT $2',
    [icbId, opts.count],
  );
  const partners = orgs.rows.map((o, i) => ({ ...o, vcsId: randomUUID(), email: `partner${i}@bench.example` }));
  await bulkInsert(
    pool,
    'vcs_organisations',
    [
      ['id', 'uuid'],
      ['icb_id', 'uuid'],
      ['name', 'text'],
    ],
    partners.map((p, i) => [p.vcsId, icbId, `${p.name} (${i + 1})`]),
  );
  for (const p of partners) {
    await pool.query('UPDATE directory_organizations SET vcs_organisation_id = $1 WHERE id = $2', [p.vcsId, p.id]);
  }
  const large = partners[0];
  if (!large) throw new Error('no directory organisations to partner with');
  // The large organisation runs many services (as a borough-wide charity does).
  await pool.query(
    `UPDATE directory_services SET organization_id = $1 WHERE id IN (
       SELECT id FROM directory_services WHERE icb_id = $2 AND organization_id <> $1 AND status = 'active'
       ORDER BY id LIMIT $3)`,
    [large.id, icbId, opts.largeServices],
  );
  const users: Row[] = partners.flatMap((p) =>
    [p.email, p.email.replace('@', '.second@')].map((email) => [
      email,
      `Partner ${email}`,
      'vcs_partner',
      icbId,
      p.vcsId,
    ]),
  );
  users.push(['commissioner@bench.example', 'Commissioner', 'commissioner', icbId, null]);
  await bulkInsert(
    pool,
    'users',
    [
      ['email', 'text'],
      ['name', 'text'],
      ['role', 'text'],
      ['icb_id', 'uuid'],
      ['vcs_organisation_id', 'uuid'],
      ['password_hash', 'text'],
    ],
    users.map((u) => [...u, passwordHash]),
  );
  return {
    large: { organizationId: large.id, vcsOrganisationId: large.vcsId, partnerEmail: large.email },
    partnerEmails: partners.map((p) => p.email),
    commissionerEmail: 'commissioner@bench.example',
  };
}

const ONWARD_COLUMNS: Column[] = [
  ['id', 'uuid'],
  ['icb_id', 'uuid'],
  ['pcn_id', 'uuid'],
  ['referral_id', 'uuid'],
  ['person_id', 'uuid'],
  ['service_id', 'uuid'],
  ['organization_id', 'uuid'],
  ['vcs_organisation_id', 'uuid'],
  ['kind', 'text'],
  ['delivery', 'text'],
  ['status', 'text'],
  ['consent_recorded_by_user_id', 'uuid'],
  ['consent_recorded_at', 'timestamptz'],
  ['shared_fields', 'text', 'text[]'],
  ['shared_details', 'jsonb'],
  ['reply_due_on', 'date'],
  ['viewed_at', 'timestamptz'],
  ['accepted_at', 'timestamptz'],
  ['declined_at', 'timestamptz'],
  ['decline_reason', 'text'],
  ['closed_at', 'timestamptz'],
  ['outcome', 'text'],
  ['access_ends_at', 'timestamptz'],
  ['capacity_at_send', 'text'],
  ['service_status_at_send', 'text'],
  ['created_by_user_id', 'uuid'],
  ['created_at', 'timestamptz'],
  ['updated_at', 'timestamptz'],
  ['version', 'int4'],
];

interface OnwardFacts {
  id: string;
  icbId: string;
  c: SyntheticCase;
  service: Service;
  kind: 'signpost' | 'referral';
  delivery: 'inbox' | 'link' | null;
  status: string;
  sentAt: number;
  shared?: string | null;
  viewedAt?: number | null;
  acceptedAt?: number | null;
  declinedAt?: number | null;
  declineReason?: string | null;
  closedAt?: number | null;
  outcome?: string | null;
  accessEndsAt?: number | null;
  version?: number;
}

const at = (t: number | null | undefined) => (t === null || t === undefined ? null : new Date(t));

/** One row in ONWARD_COLUMNS order. */
function onwardRow(f: OnwardFacts): Row {
  const referral = f.kind === 'referral';
  const last = Math.max(f.sentAt, f.viewedAt ?? 0, f.acceptedAt ?? 0, f.declinedAt ?? 0, f.closedAt ?? 0);
  return [
    f.id,
    f.icbId,
    f.c.pcnId,
    f.c.id,
    f.c.personId,
    f.service.id,
    f.service.organizationId,
    referral && f.delivery === 'inbox' ? f.service.vcsOrganisationId : null,
    f.kind,
    f.delivery,
    f.status,
    referral ? f.c.workerId : null,
    referral ? new Date(f.sentAt - 60_000) : null,
    referral ? '{name,contact}' : '{}',
    f.shared ?? null,
    referral ? new Date(f.sentAt + 7 * DAY).toISOString().slice(0, 10) : null,
    at(f.viewedAt),
    at(f.acceptedAt),
    at(f.declinedAt),
    f.declineReason ?? null,
    at(f.closedAt),
    f.outcome ?? null,
    at(f.accessEndsAt),
    'open',
    'active',
    f.c.workerId,
    new Date(f.sentAt),
    new Date(last),
    f.version ?? 1,
  ];
}

interface Service {
  id: string;
  organizationId: string;
  vcsOrganisationId: string | null;
}

export async function insertSyntheticOnward(
  pool: pg.Pool,
  rand: Rand,
  icbId: string,
  cases: SyntheticCase[],
  opts: { referrals: number; largeShare: number; partnerShare: number; largeVcsId: string },
): Promise<SyntheticOnward> {
  const now = Date.now();
  const services = (
    await pool.query<Service>(
      `SELECT s.id, s.organization_id AS "organizationId", o.vcs_organisation_id AS "vcsOrganisationId"
       FROM directory_services s JOIN directory_organizations o ON o.id = s.organization_id
       WHERE s.icb_id = $1 AND s.status = 'active' ORDER BY s.id`,
      [icbId],
    )
  ).rows;
  const largeServices = services.filter((s) => s.vcsOrganisationId === opts.largeVcsId);
  const otherPartners = services.filter((s) => s.vcsOrganisationId && s.vcsOrganisationId !== opts.largeVcsId);
  const rest = services.filter((s) => !s.vcsOrganisationId);

  const rows: Row[] = [];
  const attendances: Row[] = [];
  const events: Row[] = [];
  const largeOpenIds: string[] = [];
  let largeTotal = 0;
  const event = (id: string, type: string, at: number, actor: string | null, via: string, details = '{}') =>
    events.push([id, type, new Date(at), actor, via, details]);

  for (let i = 0; i < opts.referrals; i++) {
    const c = pick(rand, cases);
    const roll = rand();
    const service =
      roll < opts.largeShare
        ? pick(rand, largeServices)
        : roll < opts.largeShare + opts.partnerShare
          ? pick(rand, otherPartners)
          : pick(rand, rest);
    const id = randomUUID();
    const sentAt = c.from + rand() * Math.max(HOUR, c.to - c.from - HOUR);
    const signpost = !service.vcsOrganisationId && rand() < 0.4;
    const via = service.vcsOrganisationId ? 'inbox' : 'link';
    if (service.vcsOrganisationId === opts.largeVcsId) largeTotal++;
    if (signpost) {
      rows.push(onwardRow({ id, icbId, c, service, kind: 'signpost', delivery: null, status: 'signposted', sentAt }));
      event(id, 'signposted', sentAt, c.workerId, 'team');
      continue;
    }
    event(id, 'sent', sentAt, c.workerId, 'team');
    const age = (now - sentAt) / DAY;
    const viewedAt = age > 1 || rand() < 0.5 ? sentAt + (1 + rand() * 20) * HOUR : null;
    if (viewedAt && viewedAt < now) event(id, 'viewed', viewedAt, null, via);
    const answered = age > 6 || (age > 2 && rand() < 0.5);
    const answeredAt = sentAt + (1 + Math.floor(rand() * 4)) * DAY;
    let status = 'sent';
    let acceptedAt: number | null = null;
    let declinedAt: number | null = null;
    let declineReason: string | null = null;
    let closedAt: number | null = null;
    let outcome: string | null = null;
    let version = 1;
    if (answered && answeredAt < now) {
      if (rand() < 0.2) {
        status = 'declined';
        declinedAt = answeredAt;
        declineReason = pick(rand, DECLINE_REASONS);
        event(id, 'declined', answeredAt, null, via, JSON.stringify({ reason: declineReason }));
        version++;
      } else {
        status = 'accepted';
        acceptedAt = answeredAt;
        event(id, 'accepted', answeredAt, null, via);
        version++;
        let session = answeredAt + (2 + rand() * 6) * DAY;
        const planned = Math.floor(rand() * 9);
        for (let s = 0; s < planned && session < now - HOUR; s++) {
          const kind = rand() < 0.12 ? 'did_not_attend' : 'attended';
          const on = new Date(session).toISOString().slice(0, 10);
          attendances.push([randomUUID(), id, kind, on, 1, new Date(session + 4 * HOUR)]);
          event(id, 'attendance', session + 4 * HOUR, null, via, JSON.stringify({ kind, on }));
          version++;
          session += 7 * DAY;
        }
        const closeAt = session + rand() * 10 * DAY;
        if (age > 90 && rand() < 0.9 && closeAt < now) {
          status = 'closed';
          closedAt = closeAt;
          outcome = planned === 0 ? 'never_attended' : pick(rand, ONWARD_OUTCOMES);
          event(id, 'closed', closeAt, null, via, JSON.stringify({ outcome }));
          version++;
        }
      }
    }
    const ended = declinedAt ?? closedAt;
    const accessEndsAt = ended ? ended + 90 * DAY : null;
    const open = !accessEndsAt || accessEndsAt > now;
    if (service.vcsOrganisationId === opts.largeVcsId && open) largeOpenIds.push(id);
    const shared = open ? JSON.stringify({ name: `${c.givenName} ${c.familyName}`, phone: '07700900123' }) : null;
    rows.push(
      onwardRow({
        id,
        icbId,
        c,
        service,
        kind: 'referral',
        delivery: via,
        status,
        sentAt,
        shared,
        viewedAt: viewedAt && viewedAt < now ? viewedAt : null,
        acceptedAt,
        declinedAt,
        declineReason,
        closedAt,
        outcome,
        accessEndsAt,
        version,
      }),
    );
  }

  await bulkInsert(pool, 'onward_referrals', ONWARD_COLUMNS, rows);
  await bulkInsert(
    pool,
    'onward_attendances',
    [
      ['id', 'uuid'],
      ['onward_referral_id', 'uuid'],
      ['kind', 'text'],
      ['on', 'date'],
      ['sessions', 'int4'],
      ['recorded_at', 'timestamptz'],
    ],
    attendances,
  );
  await bulkInsert(
    pool,
    'onward_events',
    [
      ['onward_referral_id', 'uuid'],
      ['type', 'text'],
      ['at', 'timestamptz'],
      ['actor_user_id', 'uuid'],
      ['via', 'text'],
      ['details', 'jsonb'],
    ],
    events,
  );
  await pool.query('ANALYZE');
  return { referrals: rows.length, attendances: attendances.length, events: events.length, largeOpenIds, largeTotal };
}
