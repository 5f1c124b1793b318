import type pg from 'pg';
import type { BenchRequest } from './autocannon-load.js';
import type { Session } from './icb-app.js';

// The actors and records of the synthetic ICB the HTTP benchmarks work with, found by SQL: PCN
// teams (the lead, the link worker with the most open cases, their cases and people), referrers,
// people to match, directory services and postcodes, and partner organisations with an inbox.

export interface Team {
  pcnId: string;
  leadEmail: string;
  workerId: string;
  workerEmail: string;
  /** Referrals allocated to the worker (open first), for the case record. */
  caseIds: string[];
  /** People of the worker's open cases, for the care plan. */
  personIds: string[];
}

export interface Referrer {
  id: string;
  email: string;
  pcnId: string;
  practiceId: string;
}

export interface IcbActors {
  icbId: string;
  teams: Team[];
  referrers: Referrer[];
  commissionerEmail: string;
  people: { givenName: string; familyName: string; dateOfBirth: string }[];
  serviceIds: string[];
  postcodes: { postcode: string; latitude: number; longitude: number }[];
  partners: { vcsOrganisationId: string; email: string }[];
  sizes: Record<string, number>;
}

/** Teams of the first `teams` PCNs (by code) and referrers from the others: intake never floods a measured queue. */
export async function findActors(pool: pg.Pool, opts: { teams: number; referrers: number }): Promise<IcbActors> {
  const { rows: icb } = await pool.query<{ icb_id: string }>('SELECT icb_id FROM pcns ORDER BY code LIMIT 1');
  const icbId = icb[0]?.icb_id;
  if (!icbId) throw new Error('the database has no PCNs: run `npm run generate:icb` first');
  const { rows: pcns } = await pool.query<{ id: string }>('SELECT id FROM pcns WHERE icb_id = $1 ORDER BY code', [
    icbId,
  ]);
  const teamPcns = pcns.slice(0, opts.teams);
  const teams: Team[] = [];
  for (const pcn of teamPcns) {
    const { rows: lead } = await pool.query<{ email: string }>(
      `SELECT email FROM users WHERE pcn_id = $1 AND role = 'team_lead' AND active ORDER BY email LIMIT 1`,
      [pcn.id],
    );
    const { rows: worker } = await pool.query<{ id: string; email: string }>(
      `SELECT u.id, u.email FROM users u
         JOIN referrals r ON r.allocated_worker_id = u.id AND r.status IN ('allocated', 'first_contact', 'active')
        WHERE u.pcn_id = $1 AND u.role = 'link_worker' AND u.active
        GROUP BY u.id, u.email ORDER BY count(*) DESC, u.email LIMIT 1`,
      [pcn.id],
    );
    if (!lead[0] || !worker[0]) continue;
    const { rows: cases } = await pool.query<{ id: string; person_id: string; open: boolean }>(
      `SELECT id, person_id, status IN ('allocated', 'first_contact', 'active') AS open FROM referrals
        WHERE allocated_worker_id = $1 AND pcn_id = $2
        ORDER BY status IN ('allocated', 'first_contact', 'active') DESC, received_at DESC LIMIT 60`,
      [worker[0].id, pcn.id],
    );
    teams.push({
      pcnId: pcn.id,
      leadEmail: lead[0].email,
      workerId: worker[0].id,
      workerEmail: worker[0].email,
      caseIds: cases.map((c) => c.id),
      personIds: [...new Set(cases.filter((c) => c.open).map((c) => c.person_id))],
    });
  }
  const otherPcns = pcns.slice(opts.teams).map((p) => p.id);
  const { rows: referrers } = await pool.query<{ id: string; email: string; pcn_id: string; practice_id: string }>(
    `SELECT DISTINCT ON (pcn_id) id, email, pcn_id, practice_id FROM users
      WHERE role = 'referrer' AND active AND practice_id IS NOT NULL AND pcn_id = ANY($1::uuid[])
      ORDER BY pcn_id, email LIMIT $2`,
    [otherPcns.length ? otherPcns : pcns.map((p) => p.id), opts.referrers],
  );
  const { rows: commissioner } = await pool.query<{ email: string }>(
    `SELECT email FROM users WHERE role = 'commissioner' AND active AND icb_id = $1 ORDER BY email LIMIT 1`,
    [icbId],
  );
  const { rows: people } = await pool.query<{ given_name: string; family_name: string; dob: string }>(
    `SELECT given_name, family_name, to_char(date_of_birth, 'YYYY-MM-DD') AS dob FROM people
      WHERE icb_id = $1 AND date_of_birth IS NOT NULL ORDER BY md5(id::text) LIMIT 500`,
    [icbId],
  );
  const { rows: services } = await pool.query<{ id: string }>(
    `SELECT id FROM directory_services WHERE status <> 'defunct' AND merged_into_id IS NULL ORDER BY md5(id::text) LIMIT 500`,
  );
  const { rows: postcodes } = await pool.query<{ postcode: string; latitude: number; longitude: number }>(
    'SELECT postcode, latitude, longitude FROM postcodes ORDER BY md5(postcode) LIMIT 2000',
  );
  const { rows: sizes } = await pool.query<Record<string, string>>(
    `SELECT (SELECT count(*) FROM people) AS people, (SELECT count(*) FROM referrals) AS referrals,
            (SELECT count(*) FROM case_contacts) AS contacts, (SELECT count(*) FROM directory_services) AS services,
            (SELECT count(*) FROM audit_events) AS audit_events`,
  );
  return {
    icbId,
    teams,
    referrers: referrers.map((r) => ({ id: r.id, email: r.email, pcnId: r.pcn_id, practiceId: r.practice_id })),
    commissionerEmail: commissioner[0]?.email ?? '',
    people: people.map((p) => ({ givenName: p.given_name, familyName: p.family_name, dateOfBirth: p.dob })),
    serviceIds: services.map((s) => s.id),
    postcodes: postcodes.map((p) => ({ ...p, latitude: Number(p.latitude), longitude: Number(p.longitude) })),
    partners: await ensurePartners(pool, icbId),
    sizes: Object.fromEntries(Object.entries(sizes[0] ?? {}).map(([k, v]) => [k, Number(v)])),
  };
}

/**
 * The generated ICB sends its onward referrals by secure link only, so no partner has an inbox.
 * Once per dataset: the three directory organisations with the most onward referrals become
 * partner organisations (a VCS organisation each, with one partner user) and their referrals are
 * delivered to the inbox. Returns them (again on later runs).
 */
async function ensurePartners(pool: pg.Pool, icbId: string): Promise<{ vcsOrganisationId: string; email: string }[]> {
  const existing = await pool.query<{ vcs_organisation_id: string; email: string }>(
    `SELECT vcs_organisation_id, email FROM users WHERE role = 'vcs_partner' AND email LIKE 'bench.partner%' ORDER BY email`,
  );
  if (existing.rows.length) {
    return existing.rows.map((r) => ({ vcsOrganisationId: r.vcs_organisation_id, email: r.email }));
  }
  const { rows: hash } = await pool.query<{ password_hash: string }>(
    `SELECT password_hash FROM users WHERE role = 'team_lead' AND password_hash IS NOT NULL LIMIT 1`,
  );
  const { rows: orgs } = await pool.query<{ organization_id: string; name: string }>(
    `SELECT o.organization_id, d.name FROM onward_referrals o JOIN directory_organizations d ON d.id = o.organization_id
      WHERE o.kind = 'referral' AND d.vcs_organisation_id IS NULL
      GROUP BY o.organization_id, d.name ORDER BY count(*) DESC LIMIT 3`,
  );
  const partners: { vcsOrganisationId: string; email: string }[] = [];
  for (const [i, org] of orgs.entries()) {
    const { rows } = await pool.query<{ id: string }>(
      'INSERT INTO vcs_organisations (id, icb_id, name) VALUES (gen_random_uuid(), $1, $2) RETURNING id',
      [icbId, `${org.name} (bench partner)`],
    );
    const vcsId = rows[0]?.id as string;
    await pool.query('UPDATE directory_organizations SET vcs_organisation_id = $1 WHERE id = $2', [
      vcsId,
      org.organization_id,
    ]);
    await pool.query(
      `UPDATE onward_referrals SET delivery = 'inbox', vcs_organisation_id = $1 WHERE organization_id = $2 AND kind = 'referral'`,
      [vcsId, org.organization_id],
    );
    const email = `bench.partner${i + 1}@partner.example`;
    await pool.query(
      `INSERT INTO users (id, email, name, role, icb_id, vcs_organisation_id, password_hash)
       VALUES (gen_random_uuid(), $1, $2, 'vcs_partner', $3, $4, $5)`,
      [email, `Bench Partner ${i + 1}`, icbId, vcsId, hash[0]?.password_hash],
    );
    partners.push({ vcsOrganisationId: vcsId, email });
  }
  return partners;
}

/** A request as the signed-in user of `session` (its cookie, and its CSRF token for writes). */
export function as(session: Session, request: BenchRequest): BenchRequest {
  const headers: Record<string, string> = { cookie: session.cookie, ...(request.headers ?? {}) };
  if (request.method && request.method !== 'GET') headers['x-csrf-token'] = session.csrf;
  return { ...request, headers };
}

/** Valid NHS numbers of the test range (999…) that nobody in the database has yet. */
export async function unusedNhsNumbers(pool: pg.Pool, count: number, start: number): Promise<string[]> {
  const { rows } = await pool.query<{ nhs_number: string }>(
    `SELECT nhs_number FROM people WHERE nhs_number LIKE '999%'`,
  );
  const used = new Set(rows.map((r) => r.nhs_number));
  const out: string[] = [];
  for (let n = start; out.length < count && n < start + 1_000_000; n++) {
    const nine = `999${String(n % 1_000_000).padStart(6, '0')}`;
    let sum = 0;
    for (let i = 0; i < 9; i++) sum += Number(nine[i]) * (10 - i);
    const check = 11 - (sum % 11);
    if (check === 10) continue;
    const nhs = `${nine}${check === 11 ? 0 : check}`;
    if (!used.has(nhs) && !/^(\d)\1{9}$/.test(nhs)) out.push(nhs);
  }
  return out;
}
