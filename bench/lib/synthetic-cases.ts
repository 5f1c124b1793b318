import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import type { Measure } from '../../common/outcome-measures.js';
import { hashPassword } from '../../server/platform/passwords.js';
import { answersAt, baselineProfile, scoredAnswers } from '../../server/seed/cases/measures.js';
import { seededRandom as seedRandom } from '../../server/seed/cases/random.js';
import { bulkInsert, type Row } from './bulk-insert.js';

// The case work a synthetic ICB's onward referrals come from: PCN teams, people, their cases
// (spread over `years`, most discharged) and outcome measures at baseline and discharge for
// about half of them — the figures the impact page turns into a change per organisation.

const DAY = 86_400_000;
export const BENCH_PASSWORD = 'benchmark password for synthetic users';

type Rand = () => number;
const pick = <T>(rand: Rand, items: readonly T[]): T => items[Math.floor(rand() * items.length)] as T;

export interface SyntheticCase {
  id: string;
  personId: string;
  pcnId: string;
  workerId: string;
  givenName: string;
  familyName: string;
  /** From the first contact to discharge (or now). */
  from: number;
  to: number;
}

export interface SyntheticCaseWork {
  passwordHash: string;
  cases: SyntheticCase[];
  measures: number;
}

const GIVEN = ['Alan', 'Barbara', 'Carl', 'Deborah', 'Edward', 'Fatima', 'George', 'Helen', 'Imran', 'Joan'];
const FAMILY = ['Armstrong', 'Bell', 'Charlton', 'Dodds', 'Elliott', 'Forster', 'Graham', 'Hussain', 'Kerr', 'Lamb'];
const MEASURED: Measure[] = ['ons4', 'swemwbs', 'ucla3'];

/** A few dozen scored (baseline, discharge) pairs per measure, reused: scoring is the slow part. */
function measurePairs(count: number) {
  const random = seedRandom(7);
  return Array.from({ length: count }, () => {
    const profile = baselineProfile(random, random.int(1, 4));
    const progress = random.between(-0.3, 1);
    const scored = (measure: Measure, at: number) => {
      const { answers, scores } = scoredAnswers(measure, answersAt(measure, profile, at, random));
      return [JSON.stringify(answers), JSON.stringify(scores)] as const;
    };
    return MEASURED.map((measure) => ({ measure, baseline: scored(measure, 0), later: scored(measure, progress) }));
  });
}

export async function insertSyntheticCaseWork(
  pool: pg.Pool,
  rand: Rand,
  icbId: string,
  opts: { pcns: number; workersPerPcn: number; cases: number; years: number },
): Promise<SyntheticCaseWork & { pcnIds: string[] }> {
  const now = Date.now();
  const passwordHash = await hashPassword(BENCH_PASSWORD);
  const pcnIds = Array.from({ length: opts.pcns }, () => randomUUID());
  await bulkInsert(
    pool,
    'pcns',
    [
      ['id', 'uuid'],
      ['icb_id', 'uuid'],
      ['code', 'text'],
      ['name', 'text'],
    ],
    pcnIds.map((id, i) => [id, icbId, `U9${String(i).padStart(4, '0')}`, `Benchmark PCN ${i + 1}`]),
  );
  const workers = pcnIds.flatMap((pcnId, p) =>
    Array.from({ length: opts.workersPerPcn }, (_, w) => ({
      id: randomUUID(),
      pcnId,
      email: `worker${p}.${w}@bench.example`,
    })),
  );
  await bulkInsert(
    pool,
    'users',
    [
      ['id', 'uuid'],
      ['email', 'text'],
      ['name', 'text'],
      ['role', 'text'],
      ['icb_id', 'uuid'],
      ['pcn_id', 'uuid'],
      ['password_hash', 'text'],
    ],
    workers.map((w) => [w.id, w.email, `Worker ${w.email}`, 'link_worker', icbId, w.pcnId, passwordHash]),
  );

  const span = opts.years * 365 * DAY;
  const people: Row[] = [];
  const referrals: Row[] = [];
  const cases: SyntheticCase[] = [];
  for (let i = 0; i < opts.cases; i++) {
    const worker = pick(rand, workers);
    const received = now - 10 * DAY - rand() * span;
    const firstContact = received + (2 + rand() * 10) * DAY;
    const end = firstContact + (40 + rand() * 120) * DAY;
    const discharged = end < now;
    const c: SyntheticCase = {
      id: randomUUID(),
      personId: randomUUID(),
      pcnId: worker.pcnId,
      workerId: worker.id,
      givenName: pick(rand, GIVEN),
      familyName: pick(rand, FAMILY),
      from: firstContact,
      to: discharged ? end : now,
    };
    cases.push(c);
    const born = `19${40 + Math.floor(rand() * 60)}-0${1 + Math.floor(rand() * 9)}-1${Math.floor(rand() * 9)}`;
    people.push([c.personId, icbId, c.givenName, c.familyName, born, 'phone', new Date(received)]);
    const details = JSON.stringify({
      givenName: c.givenName,
      familyName: c.familyName,
      dateOfBirth: born,
      nhsNumber: null,
    });
    referrals.push([
      c.id,
      c.personId,
      details,
      icbId,
      c.pcnId,
      '{social_isolation}',
      discharged ? 'discharged' : 'active',
      worker.id,
      new Date(received),
      new Date(firstContact),
      discharged ? new Date(end) : null,
      'self',
      'routine',
      true,
      true,
    ]);
  }
  await bulkInsert(
    pool,
    'people',
    [
      ['id', 'uuid'],
      ['icb_id', 'uuid'],
      ['given_name', 'text'],
      ['family_name', 'text'],
      ['date_of_birth', 'date'],
      ['preferred_contact', 'text'],
      ['created_at', 'timestamptz'],
    ],
    people,
  );
  await bulkInsert(
    pool,
    'referrals',
    [
      ['id', 'uuid'],
      ['person_id', 'uuid'],
      ['person_details', 'jsonb'],
      ['icb_id', 'uuid'],
      ['pcn_id', 'uuid'],
      ['reasons', 'text', 'text[]'],
      ['status', 'text'],
      ['allocated_worker_id', 'uuid'],
      ['received_at', 'timestamptz'],
      ['first_contact_at', 'timestamptz'],
      ['closed_at', 'timestamptz'],
      ['source', 'text'],
      ['urgency_requested', 'text'],
      ['consent_to_referral', 'bool'],
      ['consent_to_share', 'bool'],
    ],
    referrals,
  );

  const pairs = measurePairs(40);
  const measures: Row[] = [];
  for (const c of cases) {
    if (rand() >= 0.5) continue;
    const pair = pick(rand, pairs);
    const later = Math.min(c.to, c.from + 60 * DAY);
    const day = (t: number) => new Date(t).toISOString().slice(0, 10);
    for (const m of pair) {
      const row = (timepoint: string, [answers, scores]: readonly [string, string], at: number) =>
        measures.push([
          c.personId,
          c.id,
          icbId,
          c.pcnId,
          m.measure,
          timepoint,
          answers,
          scores,
          c.workerId,
          new Date(at),
          day(at),
        ]);
      row('baseline', m.baseline, c.from);
      row('discharge', m.later, later);
    }
  }
  await bulkInsert(
    pool,
    'outcome_measures',
    [
      ['person_id', 'uuid'],
      ['referral_id', 'uuid'],
      ['icb_id', 'uuid'],
      ['pcn_id', 'uuid'],
      ['measure', 'text'],
      ['timepoint', 'text'],
      ['answers', 'jsonb'],
      ['scores', 'jsonb'],
      ['recorded_by', 'uuid'],
      ['recorded_at', 'timestamptz'],
      ['administered_on', 'date'],
    ],
    measures,
  );
  return { passwordHash, cases, measures: measures.length, pcnIds };
}
