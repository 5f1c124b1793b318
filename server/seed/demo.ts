import { eq, sql } from 'drizzle-orm';
import { DEFAULT_BAND, type Role, type TeamRole } from '../../common/roles.js';
import { icbs, pcns, practices, vcsOrganisations } from '../modules/organisations/organisations.tables.js';
import { users } from '../modules/users/users.tables.js';
import type { Db, Tx } from '../platform/db/client.js';
import { hashPassword } from '../platform/passwords.js';
import { insertDemoCases } from './cases/insert-demo-cases.js';
import { demoListSize, insertDemoPopulation } from './demo-population.js';
import { insertDemoReferrals } from './demo-referrals.js';
import { seedDemoDirectory } from './directory/demo-directory.js';
import { insertDemoOnwardReferrals } from './onward/insert-demo-onward.js';
import { insertDemoRetention } from './records/insert-demo-retention.js';
import { insertDemoTeamGroups } from './team/demo-team-groups.js';
import { insertDemoTeam } from './team/insert-demo-team.js';

// The synthetic "Northshire" ICB. Every name, code and address here is invented; ODS-shaped
// codes only look like real ones. Deterministic: the same data on every fresh start.

const ICB = { code: 'QXN', name: 'NHS Northshire Integrated Care Board' };

const PCNS = [
  {
    code: 'U99001',
    name: 'Northshire Central PCN',
    slug: 'central',
    phone: '0191 498 0001',
    practices: [
      ['N99001', 'Market Street Surgery', 'NE1 3GU'],
      ['N99002', 'Hillview Medical Centre', 'NE2 2FW'],
      ['N99003', 'Castlegate Health Centre', 'NE3 1XH'],
      ['N99004', 'Orchard Lane Practice', 'NE4 1WY'],
    ],
  },
  {
    code: 'U99002',
    name: 'Riverside and Dales PCN',
    slug: 'riverside',
    phone: '01632 960 101',
    practices: [
      ['N99011', 'Riverside Family Practice', 'DL8 1PN'],
      ['N99012', 'Dalesbridge Surgery', 'DL10 2HB'],
      ['N99013', 'Millbrook Medical Group', 'DL11 2ZH'],
      ['N99014', 'Fellside Health Centre', 'DL10 1PE'],
    ],
  },
  {
    code: 'U99003',
    name: 'Coastal Northshire PCN',
    slug: 'coastal',
    phone: '01632 960 201',
    practices: [
      ['N99021', 'Harbour View Surgery', 'TS5 1UX'],
      ['N99022', 'Seacroft Road Practice', 'TS6 1RL'],
      ['N99023', 'Lighthouse Medical Centre', 'TS7 1UY'],
      ['N99024', 'Saltmarsh Surgery', 'TS10 3US'],
    ],
  },
] as const;

const VCS = [
  { name: 'Northshire Community Connect', charityNumber: '1999001' },
  { name: 'Dales Walking Friends', charityNumber: '1999002' },
];

interface TeamMemberSeed {
  role: TeamRole;
  name: string;
  fte: number;
  capacity: number;
  email?: string;
}

// Central PCN's team holds the printed demo sign-ins.
const TEAMS: Record<string, TeamMemberSeed[]> = {
  central: [
    { role: 'team_lead', name: 'Priya Shah', fte: 1, capacity: 15, email: 'lead@northshire.example' },
    { role: 'link_worker', name: 'Tom Okafor', fte: 1, capacity: 40, email: 'linkworker@northshire.example' },
    { role: 'link_worker', name: 'Hannah Reid', fte: 0.6, capacity: 40 },
    { role: 'health_coach', name: 'Aisha Khan', fte: 0.8, capacity: 25, email: 'coach@northshire.example' },
    { role: 'care_coordinator', name: 'Ben Clarke', fte: 1, capacity: 30, email: 'coordinator@northshire.example' },
  ],
  riverside: [
    { role: 'team_lead', name: 'Gareth Lloyd', fte: 1, capacity: 15 },
    { role: 'link_worker', name: 'Sofia Marin', fte: 1, capacity: 40 },
    { role: 'health_coach', name: 'Daniel Evans', fte: 1, capacity: 25 },
    { role: 'care_coordinator', name: 'Chloe Barker', fte: 0.8, capacity: 30 },
  ],
  coastal: [
    { role: 'team_lead', name: 'Fiona Mackay', fte: 1, capacity: 15 },
    { role: 'link_worker', name: 'Yusuf Ali', fte: 1, capacity: 40 },
    { role: 'health_coach', name: 'Grace Holloway', fte: 0.6, capacity: 25 },
    { role: 'care_coordinator', name: 'Liam Porter', fte: 1, capacity: 30 },
  ],
};

/** One printed sign-in per role. */
export const DEMO_SIGN_INS: { role: Role; email: string }[] = [
  { role: 'referrer', email: 'referrer@northshire.example' },
  { role: 'team_lead', email: 'lead@northshire.example' },
  { role: 'link_worker', email: 'linkworker@northshire.example' },
  { role: 'health_coach', email: 'coach@northshire.example' },
  { role: 'care_coordinator', email: 'coordinator@northshire.example' },
  { role: 'vcs_partner', email: 'partner@northshire.example' },
  { role: 'commissioner', email: 'commissioner@northshire.example' },
  { role: 'admin', email: 'admin@northshire.example' },
];

const SEED_LOCK_KEY = 7_402_118_277;

const emailFor = (name: string, slug: string) =>
  `${name.toLowerCase().replace(/[^a-z]+/g, '.')}.${slug}@northshire.example`;

/** Seeds the demo ICB into an empty database; returns false if there was data already. */
export async function seedDemoData(db: Db, password: string): Promise<boolean> {
  return db.transaction(async (tx) => {
    // Two instances starting together on one empty database: only one seeds.
    await tx.execute(sql`SELECT pg_advisory_xact_lock(${SEED_LOCK_KEY})`);
    const existing = await tx.select({ id: icbs.id }).from(icbs).limit(1);
    if (existing.length > 0) {
      // A demo database seeded before the directory existed gets the demo directory once.
      const [demoIcb] = await tx.select({ id: icbs.id }).from(icbs).where(eq(icbs.code, ICB.code)).limit(1);
      if (demoIcb) await seedDemoDirectory(tx, demoIcb.id);
      return false;
    }
    await insertDemo(tx, password);
    return true;
  });
}

/**
 * Whether the database holds the demo ICB, whose sign-ins the start-up banner lists: not so when
 * it serves other data (the synthetic ICB of `npm run generate:icb`, or a real deployment's).
 */
export async function hasDemoIcb(db: Db): Promise<boolean> {
  const rows = await db.select({ id: icbs.id }).from(icbs).where(eq(icbs.code, ICB.code)).limit(1);
  return rows.length > 0;
}

async function insertDemo(tx: Tx, password: string): Promise<void> {
  const [icb] = await tx.insert(icbs).values(ICB).returning();
  if (!icb) throw new Error('ICB insert returned nothing');
  const addUser = async (values: Omit<typeof users.$inferInsert, 'icbId' | 'passwordHash'>) =>
    tx.insert(users).values({ ...values, icbId: icb.id, passwordHash: await hashPassword(password) });

  const practiceIds: Record<string, { id: string; pcnId: string }> = {};
  let practiceCount = 0;
  for (const p of PCNS) {
    const [pcn] = await tx
      .insert(pcns)
      .values({
        icbId: icb.id,
        code: p.code,
        name: p.name,
        publicPhone: p.phone,
        publicEmail: `social.prescribing.${p.slug}@northshire.example`,
      })
      .returning();
    if (!pcn) throw new Error('PCN insert returned nothing');
    for (const [code, name, postcode] of p.practices) {
      const [practice] = await tx
        .insert(practices)
        .values({
          pcnId: pcn.id,
          code,
          name,
          email: `${code.toLowerCase()}.practice@northshire.example`,
          postcode,
          listSize: demoListSize(++practiceCount),
        })
        .returning();
      if (practice) {
        practiceIds[code] = { id: practice.id, pcnId: pcn.id };
        await insertDemoPopulation(tx, practice.id, practice.listSize ?? 0);
      }
    }
    for (const m of TEAMS[p.slug] ?? []) {
      await addUser({
        name: m.name,
        email: m.email ?? emailFor(m.name, p.slug),
        role: m.role,
        pcnId: pcn.id,
        band: m.role === 'team_lead' ? '6' : DEFAULT_BAND[m.role],
        fte: String(m.fte),
        caseloadCapacity: m.capacity,
      });
    }
  }
  const vcsRows = await tx
    .insert(vcsOrganisations)
    .values(VCS.map((v) => ({ ...v, icbId: icb.id })))
    .returning();

  const market = practiceIds.N99001;
  const riverside = practiceIds.N99011;
  if (!market || !riverside || !vcsRows[0]) throw new Error('demo organisations missing');
  await addUser({
    name: 'Dr Rachel Morgan',
    email: 'referrer@northshire.example',
    role: 'referrer',
    practiceId: market.id,
    pcnId: market.pcnId,
  });
  await addUser({
    name: 'Sam Whitfield',
    email: 'sam.whitfield.riverside@northshire.example',
    role: 'referrer',
    practiceId: riverside.id,
    pcnId: riverside.pcnId,
  });
  await addUser({
    name: 'Joanna Pike',
    email: 'partner@northshire.example',
    role: 'vcs_partner',
    vcsOrganisationId: vcsRows[0].id,
  });
  await addUser({ name: 'Michael Dunn', email: 'commissioner@northshire.example', role: 'commissioner' });
  await addUser({ name: 'Elaine Foster', email: 'admin@northshire.example', role: 'admin' });
  await insertDemoReferrals(tx, icb.id);
  await insertDemoCases(tx, icb.id);
  await seedDemoDirectory(tx, icb.id);
  // After the cases and the directory: the loop with the voluntary sector joins the two.
  await insertDemoOnwardReferrals(tx, icb.id);
  // Issue 16: the Central team's profiles, training and supervision.
  await insertDemoTeam(tx, icb.id);
  // Issue 16: a volunteer and a group the coach runs (after the cases and the directory it joins).
  await insertDemoTeamGroups(tx, icb.id);
  // Issue 19: a few people whose support ended long ago, for the retention page.
  await insertDemoRetention(tx, icb.id);
}
