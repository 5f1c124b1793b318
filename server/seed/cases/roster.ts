// How much work each demo team holds, and at which stage. Open cases stay well inside each
// worker's capacity × FTE (server/seed/demo.ts), and the link worker with the printed sign-in
// (Tom Okafor) keeps the most spare capacity of Central's link workers, so the end-to-end
// journey's "suggested by spare capacity" still names him.

export interface WorkerLoad {
  /** A member of the PCN's seeded team, by name. */
  name: string;
  allocated: number;
  firstContact: number;
  active: number;
  discharged: number;
}

export type ClosedAtTriage = 'declined' | 'redirected';

export interface PcnRoster {
  slug: string;
  workers: WorkerLoad[];
  /** Triaged and waiting for allocation (the "Allocate all" page has work in it). */
  triaged: number;
  closedAtTriage: ClosedAtTriage[];
  /** Allocated, then never reached: to the first link worker of the list. */
  notContactable: number;
  /** Referring practices (ODS codes), most referrals first. */
  practices: string[];
}

export const ROSTERS: PcnRoster[] = [
  {
    slug: 'central',
    workers: [
      { name: 'Tom Okafor', allocated: 2, firstContact: 2, active: 6, discharged: 6 },
      { name: 'Hannah Reid', allocated: 1, firstContact: 1, active: 4, discharged: 3 },
      { name: 'Aisha Khan', allocated: 1, firstContact: 1, active: 5, discharged: 4 },
      { name: 'Ben Clarke', allocated: 1, firstContact: 1, active: 3, discharged: 4 },
      { name: 'Priya Shah', allocated: 0, firstContact: 1, active: 2, discharged: 3 },
    ],
    triaged: 3,
    closedAtTriage: ['declined', 'redirected'],
    notContactable: 1,
    practices: ['N99001', 'N99001', 'N99002', 'N99003', 'N99004'],
  },
  {
    slug: 'riverside',
    workers: [
      { name: 'Sofia Marin', allocated: 2, firstContact: 1, active: 5, discharged: 5 },
      { name: 'Daniel Evans', allocated: 1, firstContact: 1, active: 4, discharged: 3 },
      { name: 'Chloe Barker', allocated: 1, firstContact: 1, active: 2, discharged: 3 },
      { name: 'Gareth Lloyd', allocated: 0, firstContact: 0, active: 1, discharged: 2 },
    ],
    triaged: 2,
    closedAtTriage: ['declined', 'redirected'],
    notContactable: 1,
    practices: ['N99011', 'N99011', 'N99012', 'N99013', 'N99014'],
  },
  {
    slug: 'coastal',
    workers: [
      { name: 'Yusuf Ali', allocated: 1, firstContact: 2, active: 5, discharged: 5 },
      { name: 'Grace Holloway', allocated: 1, firstContact: 1, active: 3, discharged: 3 },
      { name: 'Liam Porter', allocated: 1, firstContact: 1, active: 2, discharged: 3 },
      { name: 'Fiona Mackay', allocated: 0, firstContact: 0, active: 1, discharged: 2 },
    ],
    triaged: 2,
    closedAtTriage: ['declined'],
    notContactable: 1,
    practices: ['N99021', 'N99022', 'N99023', 'N99024'],
  },
];
