import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLE_PERMISSIONS } from '../../../common/permissions.js';
import type { TeamDevelopment } from '../../../common/team.js';
import { icbs, pcns } from '../../modules/organisations/organisations.tables.js';
import { teamDevelopment } from '../../modules/team/team.service.js';
import { users } from '../../modules/users/users.tables.js';
import { createTestDatabase, type TestDatabase } from '../../test/database.js';
import { seedDemoData } from '../demo.js';

// Issue 16: the demo team's training and supervision make the lead's flags show something real.

let database: TestDatabase;
let view: TeamDevelopment;

beforeAll(async () => {
  database = await createTestDatabase();
  expect(await seedDemoData(database.db, 'demo-password-for-tests')).toBe(true);
  const [lead] = await database.db.select().from(users).where(eq(users.email, 'lead@northshire.example'));
  const [icb] = await database.db.select().from(icbs);
  const [pcn] = await database.db
    .select()
    .from(pcns)
    .where(eq(pcns.id, lead?.pcnId as string));
  if (!lead || !icb || !pcn) throw new Error('demo lead missing');
  view = await teamDevelopment(database.db, {
    requestId: 'demo-team-test',
    ip: null,
    actor: {
      userId: lead.id,
      name: lead.name,
      role: 'team_lead',
      scope: { kind: 'pcn', icbId: icb.id, pcnId: pcn.id },
      permissions: ROLE_PERMISSIONS.team_lead,
    },
  } as never);
}, 120_000);

afterAll(async () => {
  await database?.close();
});

describe('the demo team (issue 16)', () => {
  const byName = (name: string) => view.members.find((m) => m.name === name);

  it('has exactly one person overdue for supervision: Hannah', () => {
    expect(view.members.filter((m) => m.supervision.overdue).map((m) => m.name)).toEqual(['Hannah Reid']);
  });

  it('shows expired, due and not-recorded training', () => {
    expect(byName('Aisha Khan')?.training).toMatchObject({ expired: 1, notDone: 0 });
    expect(byName('Tom Okafor')?.training).toMatchObject({ due: 1, expired: 0 });
    expect(byName('Hannah Reid')?.training).toMatchObject({ notDone: 1 });
    expect(byName('Priya Shah')?.training).toMatchObject({ valid: 3, due: 0, expired: 0, notDone: 0 });
  });

  it('gives the team languages and skills', () => {
    expect(byName('Hannah Reid')).toMatchObject({ languages: ['Polish'] });
    expect(byName('Tom Okafor')?.skills).toEqual([
      'Debt and benefits',
      'Housing',
      'Loneliness and isolation',
      'Employment',
    ]);
  });
});
