import { and, eq, inArray } from 'drizzle-orm';
import {
  supervisionSessions,
  teamMemberSkills,
  teamProfiles,
  teamSkills,
  trainingRecords,
  trainingRequirements,
} from '../../modules/team/team.tables.js';
import { users } from '../../modules/users/users.tables.js';
import { londonToday } from '../../modules/workforce/workforce.service.js';
import type { Tx } from '../../platform/db/client.js';

// Issue 16: the Northshire Central team's profiles, training and supervision, dated from today so
// the flags always show something real: Hannah's supervision is overdue, Aisha's safeguarding
// has expired, Tom's is due for renewal, Hannah's NHS England learning is not recorded yet.

const daysAgo = (today: string, n: number) =>
  new Date(Date.parse(`${today}T00:00:00Z`) - n * 86_400_000).toISOString().slice(0, 10);

interface DemoMember {
  email: string;
  languages: string[];
  skills: string[];
  workingDays: string[];
  startDate: string;
  funding: 'arrs' | 'other';
  fundingNote: string | null;
  /** Requirement title (prefix) → days ago completed. */
  training: [string, number, string][];
}

const TEAM: DemoMember[] = [
  {
    email: 'lead@northshire.example',
    languages: [],
    skills: ['Mental health', 'Loneliness and isolation'],
    workingDays: ['mon', 'tue', 'wed', 'thu', 'fri'],
    startDate: '2021-09-01',
    funding: 'other',
    fundingNote: 'PCN core funding',
    training: [
      ['Social prescribing link worker induction', 1900, 'Induction record signed by the clinical director'],
      ['NHS England social prescribing learning', 1850, 'Certificate of completion seen'],
      ['Safeguarding', 420, 'Level 2 certificate seen'],
    ],
  },
  {
    email: 'linkworker@northshire.example',
    languages: ['Yoruba'],
    // Loneliness too: like most link workers (and the referral journey's suggestion stays Tom's).
    skills: ['Debt and benefits', 'Housing', 'Loneliness and isolation', 'Employment'],
    workingDays: ['mon', 'tue', 'wed', 'thu', 'fri'],
    startDate: '2022-04-04',
    funding: 'arrs',
    fundingNote: null,
    training: [
      ['Social prescribing link worker induction', 1600, 'Induction checklist complete'],
      ['NHS England social prescribing learning', 1580, 'Certificate of completion seen'],
      // 36 months less 30 days ago: due for renewal within the month.
      ['Safeguarding', 1066, 'Level 2 certificate seen'],
    ],
  },
  {
    email: 'hannah.reid.central@northshire.example',
    languages: ['Polish'],
    skills: ['Loneliness and isolation', 'Bereavement', 'Carers'],
    workingDays: ['mon', 'wed', 'thu'],
    startDate: '2024-01-08',
    funding: 'arrs',
    fundingNote: null,
    training: [
      ['Social prescribing link worker induction', 680, 'Induction checklist complete'],
      ['Safeguarding', 600, 'Level 2 certificate seen'],
    ],
  },
  {
    email: 'coach@northshire.example',
    languages: ['Urdu', 'Punjabi'],
    skills: ['Mental health', 'Long-term conditions'],
    workingDays: ['mon', 'tue', 'thu', 'fri'],
    startDate: '2022-10-03',
    funding: 'arrs',
    fundingNote: null,
    training: [
      ['Foundation social prescriber training', 1150, 'Certificate seen'],
      ['Personalised Care Institute accredited', 1000, 'PCI accredited health coaching certificate seen'],
      // Over three years ago: expired.
      ['Safeguarding', 1200, 'Level 2 certificate seen'],
    ],
  },
  {
    email: 'coordinator@northshire.example',
    languages: [],
    skills: ['Young people', 'Housing'],
    workingDays: ['mon', 'tue', 'wed', 'thu', 'fri'],
    startDate: '2023-02-13',
    funding: 'arrs',
    fundingNote: null,
    training: [
      ['Care coordinator training', 900, 'Certificate of completion seen'],
      ['Safeguarding', 300, 'Level 2 certificate seen'],
    ],
  },
];

/** Supervisee → [supervisor, days ago, kind, private notes]. Hannah's last one is overdue. */
const SUPERVISION: [string, string, number, 'clinical' | 'peer' | 'line_management', string | null][] = [
  [
    'lead@northshire.example',
    'linkworker@northshire.example',
    20,
    'peer',
    'Shared approaches to people who do not engage.',
  ],
  ['linkworker@northshire.example', 'lead@northshire.example', 12, 'clinical', 'Reviewed two complex debt cases.'],
  ['linkworker@northshire.example', 'lead@northshire.example', 43, 'line_management', null],
  [
    'hannah.reid.central@northshire.example',
    'lead@northshire.example',
    45,
    'clinical',
    'Bereavement caseload: agreed to look at peer support.',
  ],
  [
    'coach@northshire.example',
    'lead@northshire.example',
    8,
    'clinical',
    'Coaching a person at PAM level 1: next steps agreed.',
  ],
  ['coordinator@northshire.example', 'lead@northshire.example', 25, 'line_management', null],
];

export async function insertDemoTeam(tx: Tx, icbId: string): Promise<void> {
  const today = londonToday();
  const emails = TEAM.map((m) => m.email);
  const people = await tx
    .select({ id: users.id, email: users.email, role: users.role })
    .from(users)
    .where(and(eq(users.icbId, icbId), inArray(users.email, emails)));
  const byEmail = new Map(people.map((p) => [p.email, p]));
  const skills = new Map(
    (await tx.select().from(teamSkills).where(eq(teamSkills.icbId, icbId))).map((s) => [s.label, s.id]),
  );
  const requirements = await tx.select().from(trainingRequirements).where(eq(trainingRequirements.icbId, icbId));
  const lead = byEmail.get('lead@northshire.example');
  if (!lead) throw new Error('demo team lead missing');

  for (const m of TEAM) {
    const user = byEmail.get(m.email);
    if (!user) throw new Error(`demo team member ${m.email} missing`);
    await tx.update(users).set({ languages: m.languages }).where(eq(users.id, user.id));
    await tx.insert(teamProfiles).values({
      userId: user.id,
      workingDays: m.workingDays,
      startDate: m.startDate,
      funding: m.funding,
      fundingNote: m.fundingNote,
    });
    const skillIds = m.skills.map((label) => skills.get(label));
    if (skillIds.some((id) => !id)) throw new Error(`demo skill missing for ${m.email}`);
    await tx
      .insert(teamMemberSkills)
      .values(skillIds.map((skillId) => ({ userId: user.id, skillId: skillId as string })));
    for (const [title, ago, evidence] of m.training) {
      const requirement = requirements.find((r) => r.role === user.role && r.title.startsWith(title));
      if (!requirement) throw new Error(`demo training requirement "${title}" missing for ${user.role}`);
      await tx.insert(trainingRecords).values({
        userId: user.id,
        requirementId: requirement.id,
        title: requirement.title,
        completedOn: daysAgo(today, ago),
        evidenceNote: evidence,
        recordedBy: lead.id,
      });
    }
  }
  for (const [supervisee, supervisor, ago, kind, notes] of SUPERVISION) {
    const who = byEmail.get(supervisee);
    const by = byEmail.get(supervisor);
    if (!who || !by) throw new Error('demo supervision people missing');
    await tx.insert(supervisionSessions).values({
      userId: who.id,
      supervisorId: by.id,
      heldOn: daysAgo(today, ago),
      kind,
      privateNotes: notes,
      recordedBy: lead.id,
    });
  }
}
