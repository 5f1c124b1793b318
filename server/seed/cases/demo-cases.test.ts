import { describe, expect, it } from 'vitest';
import { type DemoPcn, planDemoCases } from './demo-cases.js';

// The demo is the same on every fresh start: only its dates follow the moment of seeding.

const team = (pairs: [string, DemoPcn['team'][number]['role']][]) =>
  pairs.map(([name, role]) => ({ id: `id-${name}`, name, role }));
const CENTRAL: DemoPcn = {
  slug: 'central',
  team: team([
    ['Priya Shah', 'team_lead'],
    ['Tom Okafor', 'link_worker'],
    ['Hannah Reid', 'link_worker'],
    ['Aisha Khan', 'health_coach'],
    ['Ben Clarke', 'care_coordinator'],
  ]),
  practices: new Map([
    ['N99001', { name: 'Market Street Surgery', referrerUserId: 'id-rachel' }],
    ['N99002', { name: 'Hillview Medical Centre', referrerUserId: null }],
    ['N99003', { name: 'Castlegate Health Centre', referrerUserId: null }],
    ['N99004', { name: 'Orchard Lane Practice', referrerUserId: null }],
  ]),
};
const DAY = 86_400_000;
const shift = (value: unknown, ms: number): unknown =>
  JSON.parse(JSON.stringify(value), (_key, v) =>
    typeof v === 'string' && /^\d{4}-\d\d-\d\dT/.test(v) ? new Date(Date.parse(v) - ms).toISOString() : v,
  );

describe('demo cases', () => {
  it('are the same cases, people and stories for the same start, and move only in time a day later', () => {
    const now = new Date('2026-03-10T09:00:00Z');
    const first = planDemoCases([CENTRAL], now);
    expect(planDemoCases([CENTRAL], now)).toEqual(first);
    const later = planDemoCases([CENTRAL], new Date(now.getTime() + DAY));
    expect(later.map((c) => [c.person.givenName, c.person.familyName, c.stage, c.details])).toEqual(
      first.map((c) => [c.person.givenName, c.person.familyName, c.stage, c.details]),
    );
    // Timestamps move by exactly the day (dates of birth and plan days are dates, not instants).
    expect(
      shift(
        later.map((c) => c.events),
        DAY,
      ),
    ).toEqual(JSON.parse(JSON.stringify(first.map((c) => c.events))));
  });

  it('gives no two demo people of the three PCNs the same name', () => {
    const other = (slug: string, names: string[]): DemoPcn => ({
      slug,
      team: team([
        [names[0] as string, 'team_lead'],
        [names[1] as string, 'link_worker'],
        [names[2] as string, 'health_coach'],
        [names[3] as string, 'care_coordinator'],
      ]),
      practices: new Map(
        ['N99011', 'N99012', 'N99013', 'N99014', 'N99021', 'N99022', 'N99023', 'N99024'].map((code) => [
          code,
          { name: code, referrerUserId: null },
        ]),
      ),
    });
    const names = planDemoCases(
      [
        CENTRAL,
        other('riverside', ['Gareth Lloyd', 'Sofia Marin', 'Daniel Evans', 'Chloe Barker']),
        other('coastal', ['Fiona Mackay', 'Yusuf Ali', 'Grace Holloway', 'Liam Porter']),
      ],
      new Date(),
    ).map((c) => `${c.person.givenName} ${c.person.familyName}`);
    expect(names.length).toBeGreaterThan(100);
    expect(new Set(names).size).toBe(names.length);
  });
});
