import type pg from 'pg';
import { insertSyntheticDirectory } from '../../../bench/lib/synthetic-directory.js';
import type { Db } from '../../platform/db/client.js';
import { hashPassword } from '../../platform/passwords.js';
import { DAY, seasonalMoment } from './calendar.js';
import { type CaseContext, writeCaseWork } from './case-work.js';
import { type Journey, type ReferralContext, writeReferral, writeReferralRow } from './journey.js';
import { insertOrganisations } from './organisations.js';
import { createPeople } from './people.js';
import { insertPlaces } from './places.js';
import { icbRandom } from './random.js';
import { describeStats, TableWriter } from './table-writer.js';
import {
  CASE_CONTACTS,
  CASE_WORK_STAGES,
  CASE_WORK_TABLES,
  PCNS,
  PEOPLE,
  PERSON_LINKS,
  PRACTICE_POPULATION,
  PRACTICES,
  TRIAGE_SETTINGS,
  USERS,
} from './tables.js';

// The synthetic ICB, end to end: directory and postcodes (the bench's generator, reused), the
// organisations and staff, deprivation, people, then three years of referrals written a chunk at
// a time with all their case work. Everything but the directory's ids follows from the seed.

export const ICB_SIZE = {
  pcns: 30,
  practices: 150,
  people: 200_000,
  referrals: 250_000,
  services: 5_000,
  postcodes: 8_000,
};
export const DEFAULT_SEED = 20_261_301;
const CHUNK = 2_000;

export interface GenerateOptions {
  seed: number;
  scale: number;
  /** "Now" for the dataset (the CLI uses the start of today, UTC). */
  now: Date;
  password: string;
  log: (line: string) => void;
}

export interface GenerateResult {
  icbId: string;
  counts: Record<string, number>;
  seconds: number;
  signIns: { commissioner: string; teamLead: string; linkWorker: string };
}

const scaled = (n: number, scale: number, min: number) => Math.max(min, Math.round(n * scale));

/** Default referral-reason weights; codes come from the database's own list. */
const REASON_WEIGHT: Record<string, number> = {
  loneliness: 16,
  social_isolation: 12,
  low_mood: 14,
  anxiety: 12,
  stress: 7,
  housing: 6,
  debt: 5,
  money: 7,
  benefits: 6,
  employment: 3,
  physical_inactivity: 6,
  weight: 4,
  ltc_self_management: 6,
  carer_strain: 4,
  bereavement: 4,
  frailty: 4,
  frequent_attendance: 3,
  other: 2,
};

export async function generateIcb(db: Db, pool: pg.Pool, opts: GenerateOptions): Promise<GenerateResult> {
  const started = performance.now();
  const random = icbRandom(opts.seed);
  const now = opts.now.getTime();
  const start = now - 3 * 365 * DAY;
  const writer = new TableWriter(pool);
  const elapsed = () => `${((performance.now() - started) / 1000).toFixed(1)} s`;

  const passwordHash = await hashPassword(opts.password);
  const t0 = performance.now();
  const directory = await insertSyntheticDirectory(db, pool, () => random.next(), {
    services: scaled(ICB_SIZE.services, opts.scale, 10),
    postcodes: scaled(ICB_SIZE.postcodes, opts.scale, 400),
  });
  writer.record('directory_services', directory.services, performance.now() - t0);
  writer.record('postcodes', directory.postcodes.length, 0);
  const icbId = directory.icbId;
  await pool.query(`UPDATE icbs SET name = 'Northshire and Dales ICB (synthetic)' WHERE id = $1`, [icbId]);
  opts.log(`directory: ${directory.services} services, ${directory.postcodes.length} postcodes (${elapsed()})`);

  const organisations = insertOrganisations(writer, random, {
    icbId,
    pcns: ICB_SIZE.pcns,
    practices: ICB_SIZE.practices,
    districts: 40,
    passwordHash,
    now: new Date(start - 30 * DAY),
  });
  await writer.flush([PCNS, TRIAGE_SETTINGS, PRACTICES, USERS, PRACTICE_POPULATION]);
  opts.log(
    `organisations: ${organisations.pcns.length} PCNs, ${organisations.practices.length} practices, ${writer.count('users')} staff (${elapsed()})`,
  );

  const places = await insertPlaces(pool, writer, random, directory.postcodes);
  const people = createPeople(writer, random, {
    icbId,
    count: scaled(ICB_SIZE.people, opts.scale, 20),
    organisations,
    places,
    start,
    now,
  });
  await writer.flush([PEOPLE, PERSON_LINKS]);
  opts.log(`people: ${people.length} (${elapsed()})`);

  const reasons = await pool.query<{ code: string }>(
    'SELECT code FROM referral_reasons WHERE active ORDER BY sort_order',
  );
  const targets = await pool.query<{ pcn_id: string; routine_days: number; soon_days: number; urgent_days: number }>(
    'SELECT * FROM pcn_triage_settings',
  );
  const referralCtx: ReferralContext = {
    icbId,
    now,
    reasons: reasons.rows.map((r) => [r.code, REASON_WEIGHT[r.code] ?? 3] as const),
    targets: new Map(
      targets.rows.map((t) => [t.pcn_id, { routine: t.routine_days, soon: t.soon_days, urgent: t.urgent_days }]),
    ),
  };
  const services = await pool.query<{
    id: string;
    organization_id: string;
    name: string;
    organisation: string;
    capacity: string;
  }>(
    `SELECT s.id, s.organization_id, s.name, o.name AS organisation, s.referral_capacity AS capacity
       FROM directory_services s JOIN directory_organizations o ON o.id = s.organization_id
      WHERE s.status = 'active' ORDER BY s.name, s.id LIMIT 3000`,
  );
  const caseCtx: CaseContext = {
    now,
    icbId,
    plans: new Set(),
    services: services.rows.map((s) => ({
      id: s.id,
      organizationId: s.organization_id,
      name: s.name,
      organisation: s.organisation,
      capacity: s.capacity,
    })),
  };

  const total = scaled(ICB_SIZE.referrals, opts.scale, 25);
  let pending: Promise<void> = Promise.resolve();
  let nextReport = total / 10;
  for (let k = 0; k < total; k++) {
    const person = k < people.length ? people[k] : random.pick(people);
    const j: Journey = writeReferral(
      writer,
      random,
      referralCtx,
      person as (typeof people)[number],
      seasonalMoment(random, start, now - DAY / 2),
    );
    if (j.firstContact !== null) writeCaseWork(writer, random, caseCtx, j);
    else if (
      j.status === 'declined' &&
      j.closureReason === 'person_declined' &&
      j.worker &&
      j.closed !== null &&
      j.columns.tail[5]
    ) {
      // The conversation in which the person said no is the case's one contact, as the app records it.
      writer.add(CASE_CONTACTS, [
        j.id,
        j.pcn.id,
        new Date(j.closed),
        'phone',
        random.int(5, 20),
        'attended',
        j.worker.id,
        new Date(j.closed),
      ]);
    }
    writeReferralRow(writer, j);
    if ((k + 1) % CHUNK === 0 || k + 1 === total) {
      await pending;
      pending = writeChunk(writer);
      if (k + 1 >= nextReport || k + 1 === total) {
        nextReport += total / 10;
        opts.log(
          `referrals: ${(k + 1).toLocaleString('en-GB')}/${total.toLocaleString('en-GB')}, contacts so far ${writer.count('case_contacts').toLocaleString('en-GB')} (${elapsed()})`,
        );
      }
    }
  }
  await pending;
  await pool.query('ANALYZE');
  const counts = Object.fromEntries([...writer.stats].map(([table, s]) => [table, s.rows]));
  for (const [table, s] of writer.stats) opts.log(`  ${describeStats(table, s)}`);
  return {
    icbId,
    counts,
    seconds: (performance.now() - started) / 1000,
    signIns: {
      commissioner: organisations.commissionerEmail,
      teamLead: organisations.teamLeadEmail,
      linkWorker: organisations.linkWorkerEmail,
    },
  };
}

async function writeChunk(writer: TableWriter): Promise<void> {
  const taken = writer.take(CASE_WORK_TABLES);
  for (const stage of CASE_WORK_STAGES) await Promise.all(stage.map((group) => writer.write(taken, group)));
}
