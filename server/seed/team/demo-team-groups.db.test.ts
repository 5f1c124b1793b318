import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadListing } from '../../modules/directory/listings/listings.service.js';
import { pcns } from '../../modules/organisations/organisations.tables.js';
import {
  teamGroupAttendance,
  teamGroupFacilitators,
  teamGroupSessions,
  teamGroups,
} from '../../modules/team-groups/team-groups.tables.js';
import { befriendingAssignments, volunteers } from '../../modules/volunteers/volunteers.tables.js';
import { createTestDatabase, type TestDatabase } from '../../test/database.js';
import { seedDemoData } from '../demo.js';
import { DEMO_GROUP_LISTING_ID } from './demo-team-groups.js';

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
  expect(await seedDemoData(database.db, 'demo-password-for-tests')).toBe(true);
});
afterAll(async () => {
  await database.close();
});

describe('the demo team-run group and volunteer (issue 16)', () => {
  it('Central PCN has one volunteer, befriending one of the coach’s cases, with checks', async () => {
    const [central] = await database.db.select().from(pcns).where(eq(pcns.code, 'U99001'));
    const rows = await database.db.select().from(volunteers);
    expect(rows.map((v) => [v.name, v.pcnId])).toEqual([['Margaret Ellis', central?.id]]);
    const befriending = await database.db.select().from(befriendingAssignments);
    expect(befriending).toHaveLength(1);
    expect(befriending[0]?.endedOn).toBeNull();
  });

  it('the coach’s walking group has three past sessions with registers and one to come, and a public listing', async () => {
    const [group] = await database.db.select().from(teamGroups);
    expect(group).toMatchObject({ name: 'Wednesday walk and talk', directoryServiceId: DEMO_GROUP_LISTING_ID });
    const sessions = await database.db
      .select()
      .from(teamGroupSessions)
      .where(eq(teamGroupSessions.groupId, group?.id as string));
    const now = Date.now();
    expect(sessions.filter((s) => s.registerTakenAt && s.startsAt.getTime() < now)).toHaveLength(3);
    expect(sessions.filter((s) => s.startsAt.getTime() > now - 3_600_000 && !s.registerTakenAt)).toHaveLength(1);
    expect(await database.db.select().from(teamGroupAttendance)).toHaveLength(7);
    const facilitators = await database.db.select().from(teamGroupFacilitators);
    expect(facilitators.map((f) => (f.userId ? 'staff' : 'volunteer')).sort()).toEqual(['staff', 'volunteer']);
    const listing = await loadListing(database.db, DEMO_GROUP_LISTING_ID);
    expect(listing).toMatchObject({ status: 'active', name: 'Wednesday walk and talk — Central PCN' });
  });
});
