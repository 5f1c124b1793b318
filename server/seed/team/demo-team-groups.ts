import { and, asc, eq, inArray } from 'drizzle-orm';
import {
  categoryTermId,
  createDirectoryOrganization,
  createListing,
} from '../../modules/directory/listings/listings.service.js';
import { pcns } from '../../modules/organisations/organisations.tables.js';
import { referrals } from '../../modules/referrals/referrals.tables.js';
import {
  teamGroupAttendance,
  teamGroupFacilitators,
  teamGroupSessions,
  teamGroups,
} from '../../modules/team-groups/team-groups.tables.js';
import { users } from '../../modules/users/users.tables.js';
import {
  befriendingAssignments,
  volunteerChecks,
  volunteerHours,
  volunteers,
} from '../../modules/volunteers/volunteers.tables.js';
import type { Tx } from '../../platform/db/client.js';

// Issue 16, demo: Central PCN's one volunteer (a befriender who also helps on walks) and the
// coach's weekly walking group, with three past sessions whose registers were taken and one to
// come. The group is listed in the directory under the PCN's own team, written by the directory's
// own writer, so the public finds it like any listing. Synthetic people only.

const DAY_MS = 86_400_000;
/** Fixed, so a demo start that finds them already there knows. */
export const DEMO_GROUP_LISTING_ID = 'a7c1f9e2-5d1b-4c3e-9f4a-16b2d0e7c301';
const DEMO_AUTHOR = { userId: null, label: 'demo data' };

const dateOf = (at: Date) => at.toISOString().slice(0, 10);

/** 10am in London on the Wednesday `weeksAgo` weeks before the last one (GMT or BST). */
function wednesdayAt10(now: Date, weeksAgo: number): Date {
  const back = (now.getUTCDay() - 3 + 7) % 7 || 7; // the last Wednesday strictly before today
  const day = new Date(now.getTime() - (back + weeksAgo * 7) * DAY_MS);
  const noonUtc = new Date(`${dateOf(day)}T12:00:00Z`);
  const londonHour = Number(
    new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', hour: '2-digit', hourCycle: 'h23' }).format(noonUtc),
  );
  return new Date(noonUtc.getTime() - (londonHour - 10) * 3_600_000);
}

export async function insertDemoTeamGroups(tx: Tx, icbId: string, now = new Date()): Promise<void> {
  const [pcn] = await tx
    .select()
    .from(pcns)
    .where(and(eq(pcns.icbId, icbId), eq(pcns.code, 'U99001')));
  const [coach] = await tx.select().from(users).where(eq(users.email, 'coach@northshire.example'));
  const [lead] = await tx.select().from(users).where(eq(users.email, 'lead@northshire.example'));
  if (!pcn || !coach || !lead) throw new Error('demo team groups: Central PCN, its coach or its lead missing');

  // The coach's open cases: the people who come to her walks (the first three), and one befriended.
  const open = await tx
    .select({ id: referrals.id, personId: referrals.personId })
    .from(referrals)
    .where(
      and(
        eq(referrals.pcnId, pcn.id),
        eq(referrals.allocatedWorkerId, coach.id),
        inArray(referrals.status, ['first_contact', 'active']),
      ),
    )
    .orderBy(asc(referrals.receivedAt), asc(referrals.id))
    .limit(4);

  const [volunteer] = await tx
    .insert(volunteers)
    .values({
      pcnId: pcn.id,
      name: 'Margaret Ellis',
      email: 'margaret.ellis@example.org',
      phone: '07700 900 461',
      postcode: 'NE2 2FW',
      role: 'befriender',
      availability: 'Tuesday and Wednesday mornings; Thursday afternoons',
      startedOn: dateOf(new Date(now.getTime() - 220 * DAY_MS)),
      createdBy: lead.id,
      createdAt: new Date(now.getTime() - 220 * DAY_MS),
    })
    .returning();
  if (!volunteer) throw new Error('demo volunteer insert returned nothing');
  await tx.insert(volunteerChecks).values([
    {
      volunteerId: volunteer.id,
      pcnId: pcn.id,
      kind: 'dbs',
      detail: 'Enhanced DBS, certificate 001234567890',
      completedOn: dateOf(new Date(now.getTime() - 215 * DAY_MS)),
      expiresOn: dateOf(new Date(now.getTime() + (3 * 365 - 215) * DAY_MS)),
      recordedBy: lead.id,
    },
    {
      volunteerId: volunteer.id,
      pcnId: pcn.id,
      kind: 'training',
      detail: 'Befriending and safeguarding induction',
      completedOn: dateOf(new Date(now.getTime() - 200 * DAY_MS)),
      expiresOn: dateOf(new Date(now.getTime() + 165 * DAY_MS)),
      recordedBy: lead.id,
    },
    {
      volunteerId: volunteer.id,
      pcnId: pcn.id,
      kind: 'references',
      detail: 'Two references, both good',
      completedOn: dateOf(new Date(now.getTime() - 218 * DAY_MS)),
      expiresOn: null,
      recordedBy: lead.id,
    },
  ]);

  const befriended = open[3];
  if (befriended) {
    await tx.insert(befriendingAssignments).values({
      volunteerId: volunteer.id,
      referralId: befriended.id,
      personId: befriended.personId,
      pcnId: pcn.id,
      // Recently: after the case's first contact, whenever that was in the demo's past.
      startedOn: dateOf(new Date(now.getTime() - 2 * DAY_MS)),
      startedAt: new Date(now.getTime() - 2 * DAY_MS),
      startedBy: coach.id,
    });
  }

  // The group's listing, in the directory, under the PCN's own team.
  const organisation = await createDirectoryOrganization(
    tx,
    icbId,
    {
      name: 'Northshire Central PCN social prescribing team',
      description: 'The link workers, health and wellbeing coaches and care coordinators of Northshire Central PCN.',
      email: pcn.publicEmail ?? undefined,
      vcs_organisation_id: null,
      identifiers: [],
    },
    DEMO_AUTHOR,
  );
  await createListing(
    tx,
    icbId,
    {
      id: DEMO_GROUP_LISTING_ID,
      organization_id: organisation.id,
      name: 'Wednesday walk and talk — Central PCN',
      description:
        'A gentle hour around Leazes Park at the pace of the slowest walker, led by the PCN’s health and wellbeing coach and a volunteer, then tea. No need to book: just come along.',
      status: 'active',
      referral_capacity: 'open',
      minimum_age: 18,
      maximum_age: null,
      taxonomy_term_ids: [categoryTermId('sport-physical-activity'), categoryTermId('nature-green-space')],
      phones: pcn.publicPhone ? [{ number: pcn.publicPhone, description: 'Social prescribing team' }] : [],
      contacts: [],
      languages: [{ name: 'English', code: 'en' }],
      cost_options: [{ option: 'Free', amount: 0 }],
      service_areas: [],
      locations: [
        {
          location_type: 'physical',
          name: 'Leazes Park, by the bandstand',
          address: { address_1: 'Leazes Park Road', city: 'Newcastle upon Tyne', postal_code: 'NE1 5UU' },
          accessibility: ['Level paths with benches; walking aids welcome'],
        },
      ],
      schedules: [
        { freq: 'WEEKLY', byday: 'WE', opens_at: '10:00', closes_at: '11:00', notes: 'Not on bank holidays' },
      ],
    },
    DEMO_AUTHOR,
  );

  const [group] = await tx
    .insert(teamGroups)
    .values({
      pcnId: pcn.id,
      name: 'Wednesday walk and talk',
      description:
        'A gentle hour around Leazes Park at the pace of the slowest walker, then tea. For people who want to get moving and meet others.',
      schedule: 'Wednesdays, 10am to 11am',
      venue: 'Leazes Park, by the bandstand',
      capacity: 15,
      directoryServiceId: DEMO_GROUP_LISTING_ID,
      createdBy: coach.id,
      createdAt: new Date(now.getTime() - 60 * DAY_MS),
    })
    .returning();
  if (!group) throw new Error('demo group insert returned nothing');
  await tx.insert(teamGroupFacilitators).values([
    { groupId: group.id, userId: coach.id },
    { groupId: group.id, volunteerId: volunteer.id },
  ]);

  // Three past sessions with their registers (a different mix of the coach's people each week),
  // and the next one.
  const attendees = [
    [0, 1, 2],
    [0, 2],
    [1, 2],
  ];
  for (const [weeksAgo, others] of [
    [2, 6],
    [1, 4],
    [0, 7],
  ] as const) {
    const startsAt = wednesdayAt10(now, weeksAgo);
    const [session] = await tx
      .insert(teamGroupSessions)
      .values({
        groupId: group.id,
        pcnId: pcn.id,
        startsAt,
        durationMinutes: 60,
        othersCount: others,
        registerTakenAt: new Date(startsAt.getTime() + 70 * 60_000),
        registerTakenBy: coach.id,
        version: 2,
        createdBy: coach.id,
      })
      .returning();
    if (!session) throw new Error('demo session insert returned nothing');
    const came = (attendees[2 - weeksAgo] ?? []).flatMap((i) => (open[i] ? [open[i]] : []));
    if (came.length > 0) {
      await tx.insert(teamGroupAttendance).values(
        came.map((c) => ({
          sessionId: session.id,
          referralId: c.id,
          personId: c.personId,
          pcnId: pcn.id,
          recordedBy: coach.id,
          recordedAt: new Date(startsAt.getTime() + 70 * 60_000),
        })),
      );
    }
    await tx.insert(volunteerHours).values({
      volunteerId: volunteer.id,
      pcnId: pcn.id,
      workedOn: dateOf(startsAt),
      minutes: 90,
      activity: 'Wednesday walk and talk: walk helper',
      recordedBy: coach.id,
    });
  }
  await tx.insert(teamGroupSessions).values({
    groupId: group.id,
    pcnId: pcn.id,
    startsAt: wednesdayAt10(now, -1),
    durationMinutes: 60,
    createdBy: coach.id,
  });
}
