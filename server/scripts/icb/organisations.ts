import { AGE_BANDS } from '../../../common/equality.js';
import { DEFAULT_BAND, type TeamRole } from '../../../common/roles.js';
import { FAMILY_NAMES, GIVEN_NAMES, LANGUAGES, PRACTICE_STREETS, PRACTICE_SUFFIXES, TOWNS } from './names.js';
import type { IcbRandom } from './random.js';
import { type TableWriter, textArray } from './table-writer.js';
import { PCNS, PRACTICE_POPULATION, PRACTICES, TRIAGE_SETTINGS, USERS } from './tables.js';

// The ICB's structure: PCNs (each with its own first-contact targets and its own pace, so waits
// differ by PCN), practices with registered lists broken down by age band and sex, and the
// staff: a team per PCN, referrers in most practices, commissioners and admins for the ICB.

/** A registered list's shape by age band (England-like), nudged per practice. */
const LIST_AGE_SHARES = [0.21, 0.08, 0.14, 0.13, 0.13, 0.12, 0.1, 0.065, 0.025];

export interface Worker {
  id: string;
  email: string;
  role: TeamRole;
}

export interface Pcn {
  id: string;
  index: number;
  teamLeadId: string;
  workers: Worker[];
  /** Mean working days from allocation to first contact, before priority. */
  pace: number;
  /** Share of referrals the team declines or redirects at triage. */
  strictness: number;
}

export interface Practice {
  id: string;
  pcn: Pcn;
  name: string;
  listSize: number;
  /** The postcode district its patients mostly live in. */
  district: number;
  referrerId: string | null;
}

export interface Organisations {
  pcns: Pcn[];
  practices: Practice[];
  /** Practice index by weight of list size, for placing people. */
  listTotal: number;
  commissionerEmail: string;
  teamLeadEmail: string;
  linkWorkerEmail: string;
}

/** Splits `total` over `shares` (largest remainder), so the parts add up exactly. */
export function apportion(total: number, shares: readonly number[]): number[] {
  const sum = shares.reduce((s, x) => s + x, 0);
  const exact = shares.map((s) => (total * s) / sum);
  const parts = exact.map(Math.floor);
  let left = total - parts.reduce((s, x) => s + x, 0);
  const order = exact.map((e, i) => [e - Math.floor(e), i] as const).sort((a, b) => b[0] - a[0]);
  for (const [, i] of order) {
    if (left <= 0) break;
    parts[i] = (parts[i] as number) + 1;
    left--;
  }
  return parts;
}

export function insertOrganisations(
  writer: TableWriter,
  random: IcbRandom,
  opts: { icbId: string; pcns: number; practices: number; districts: number; passwordHash: string; now: Date },
): Organisations {
  const { icbId, passwordHash, now } = opts;
  const usedEmails = new Set<string>();
  const user = (
    role: string,
    pcnId: string | null,
    practiceId: string | null,
    extra: Partial<Record<string, unknown>> = {},
  ) => {
    const given = random.pick(GIVEN_NAMES);
    const family = random.pick(FAMILY_NAMES);
    let email = `${given}.${family}`.toLowerCase();
    for (let n = 2; usedEmails.has(email); n++) email = `${given}.${family}${n}`.toLowerCase();
    usedEmails.add(email);
    const id = random.uuid();
    const languages = random.chance(0.2) ? [random.pick(LANGUAGES)] : [];
    writer.add(USERS, [
      id,
      `${email}@northshire-icb.example`,
      `${given} ${family}`,
      role,
      icbId,
      pcnId,
      practiceId,
      extra.band ?? null,
      extra.fte ?? null,
      extra.capacity ?? null,
      textArray(languages),
      passwordHash,
      now,
    ]);
    return { id, email: `${email}@northshire-icb.example` };
  };

  const pcns: Pcn[] = [];
  let teamLeadEmail = '';
  let linkWorkerEmail = '';
  for (let p = 0; p < opts.pcns; p++) {
    const id = random.uuid();
    const town = TOWNS[p % TOWNS.length] as string;
    writer.add(PCNS, [id, icbId, `U9${String(8000 + p).padStart(4, '0')}`, `${town} PCN`, now]);
    const routine = random.pick([10, 14, 14, 15, 20]);
    const soon = Math.min(routine, random.pick([5, 7, 7, 10]));
    writer.add(TRIAGE_SETTINGS, [id, routine, soon, Math.min(soon, random.pick([1, 2, 2, 3]))]);
    const team = (role: TeamRole, fte: number, capacity: number) => {
      const band = role === 'link_worker' && random.chance(0.3) ? '4' : DEFAULT_BAND[role];
      return { ...user(role, id, null, { band, fte, capacity }), role };
    };
    const lead = team('team_lead', 1, 15);
    const workers: Worker[] = [];
    const fte = () => random.pick([1, 1, 1, 0.8, 0.6, 0.5]);
    for (let i = random.int(2, 5); i > 0; i--) {
      const f = fte();
      workers.push(team('link_worker', f, Math.round(40 * f)));
    }
    for (let i = random.int(0, 2); i > 0; i--) {
      const f = fte();
      workers.push(team('health_coach', f, Math.round(25 * f)));
    }
    for (let i = random.int(0, 2); i > 0; i--) {
      const f = fte();
      workers.push(team('care_coordinator', f, Math.round(30 * f)));
    }
    if (p === 0) {
      teamLeadEmail = lead.email;
      linkWorkerEmail = workers[0]?.email ?? '';
    }
    pcns.push({
      id,
      index: p,
      teamLeadId: lead.id,
      workers,
      pace: random.between(2, 14),
      strictness: random.between(0.05, 0.16),
    });
  }

  const practices: Practice[] = [];
  let listTotal = 0;
  for (let i = 0; i < opts.practices; i++) {
    const pcn = pcns[i % pcns.length] as Pcn;
    const id = random.uuid();
    const listSize = Math.round(3000 + random.next() ** 1.6 * 22_000);
    const town = TOWNS[pcn.index % TOWNS.length] as string;
    const name = `${random.pick(PRACTICE_STREETS)} ${random.pick(PRACTICE_SUFFIXES)}, ${town}`;
    const code = `Q${String(90_000 + i).padStart(5, '0')}`;
    writer.add(PRACTICES, [id, pcn.id, code, name, `${code.toLowerCase()}@practice.example`, listSize, now]);
    const shares = LIST_AGE_SHARES.map((s) => s * random.between(0.8, 1.2));
    apportion(listSize, shares).forEach((people, b) => {
      writer.add(PRACTICE_POPULATION, [id, 'age_band', AGE_BANDS[b], people]);
    });
    const female = Math.round(listSize * random.between(0.49, 0.52));
    writer.add(PRACTICE_POPULATION, [id, 'sex', 'female', female]);
    writer.add(PRACTICE_POPULATION, [id, 'sex', 'male', listSize - female]);
    const referrerId = i % 3 === 2 ? null : user('referrer', pcn.id, id).id;
    practices.push({ id, pcn, name, listSize, district: (pcn.index + (i % 2)) % opts.districts, referrerId });
    listTotal += listSize;
  }

  const commissioner = user('commissioner', null, null);
  for (let i = 0; i < 2; i++) user('commissioner', null, null);
  for (let i = 0; i < 3; i++) user('admin', null, null);
  return { pcns, practices, listTotal, commissionerEmail: commissioner.email, teamLeadEmail, linkWorkerEmail };
}
