import { describe, expect, it } from 'vitest';
import { ANALYTICS_SECTIONS } from '../../../common/analytics.js';
import { setUpTestApp } from '../../test/team.js';
import type { Session } from '../../test/toolkit.js';

// Sections are built in turns (analytics.service.ts sectionBuilds). With one turn at a time, a
// room of dashboards asking every section at once must still get every answer, the same one it
// gets alone: nothing a build does may wait for another turn (which would never come).

const { ctx, commissioner, lead } = setUpTestApp({
  config: { ANALYTICS_CONCURRENT_BUILDS: '1' },
  team: { commissioner: 'commissioner', lead: 'team_lead' },
});

const SECTIONS = [...ANALYTICS_SECTIONS, 'national'];
const PERIODS = ['from=2025-01&to=2025-03', 'from=2025-04&to=2025-06', 'from=2024-01&to=2024-12'];
const ask = (s: Session, section: string, period: string, csv = false) =>
  ctx.app.inject({ method: 'GET', url: `/api/analytics/${section}${csv ? '.csv' : ''}?${period}`, headers: s.headers });

describe('dashboard sections built one at a time', () => {
  it('answers every section asked at once, as each is answered alone', async () => {
    expect(ctx.config.ANALYTICS_CONCURRENT_BUILDS).toBe(1);
    const asked = [commissioner, lead].flatMap((s) =>
      SECTIONS.flatMap((section) => PERIODS.map((period) => ({ s, section, period }))),
    );
    const together = await Promise.all(
      asked.map(async ({ s, section, period }) => {
        const [json, csv] = await Promise.all([ask(s, section, period), ask(s, section, period, true)]);
        return { json, csv };
      }),
    );
    for (const [i, { json, csv }] of together.entries()) {
      const { section } = asked[i] as (typeof asked)[number];
      expect(json.statusCode, `${section}: ${json.body}`).toBe(200);
      expect(csv.statusCode, `${section}.csv`).toBe(200);
      const body = json.json() as { section: string; tables: unknown[] };
      expect(body.section).toBe(section);
      expect(body.tables.length).toBeGreaterThan(0);
    }
    // Alone, from the answers kept: the same JSON as when they were asked together.
    for (const [i, { s, section, period }] of asked.entries()) {
      expect((await ask(s, section, period)).body).toBe(together[i]?.json.body);
    }
  });
});
