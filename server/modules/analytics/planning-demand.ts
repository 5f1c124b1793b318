import { sql } from 'drizzle-orm';
import { suppressCount, suppressStatistic } from '../../../common/suppression.js';
import type { Complexity, PlannedRole } from '../../../common/workforce-planner.js';
import type { SignedInContext } from '../../platform/context.js';
import type { Db } from '../../platform/db/client.js';
import { roleByRules } from '../allocation/allocation.service.js';
import type { ExactCell } from './figures.js';
import { londonMonth } from './refresh/sql-parts.js';
import { analyticsScopeOf, monthsOf, resolveFilters, scopeSnapshot } from './scope.js';
import { demandSection } from './sections/demand.js';
import { uuidArray } from './sections/rollup-filters.js';

// Demand as the workforce planner starts from it (issue 16, point 6): the same scope as the
// dashboards (a commissioner the ICB or one PCN of it, a team lead their own PCN only; an id out
// of scope is 404), the referrals a month from the demand section's rollups (so the planner and
// the Figures page agree), and what the rollups do not hold — the case mix at triage
// (the role recommended, or the allocation rules' role, × complexity), how many triaged referrals became cases, and contacts per
// closed case — read as aggregates from the PCNs' referrals. Outside the lead's own team every
// count goes under the small-number rule: null where it is 1 to 7.

export interface PlanningDemand extends PlanningArea {
  period: { from: string; to: string; months: number };
  /** Whether the figures are exact (the lead's own PCN) or under the small-number rule. */
  exact: boolean;
  referrals: number;
  triaged: number;
  becameCases: number;
  mix: { role: PlannedRole; complexity: Complexity; cases: number | null }[];
  contactsPerCase: { complexity: Complexity; cases: number | null; contacts: number | null }[];
}

const numberOf = (cell: ExactCell | string | undefined) => (typeof cell === 'object' ? (cell.value ?? 0) : 0);

export interface PlanningArea {
  area: { kind: 'pcn' | 'icb'; id: string; name: string };
  /** The PCNs the viewer may plan for. */
  pcns: { id: string; name: string }[];
  /** The PCNs the figures cover. */
  pcnIds: string[];
}

async function resolveArea(db: Db, ctx: SignedInContext, pcnId: string | null | undefined) {
  const scope = analyticsScopeOf(ctx.actor);
  const snapshot = await scopeSnapshot(db, scope);
  const resolved = resolveFilters(snapshot.pcns, scope, { pcnId: pcnId ?? undefined });
  const pcn = resolved.shown.pcn;
  const area: PlanningArea = {
    area: pcn ? { kind: 'pcn', id: pcn.id, name: pcn.name } : { kind: 'icb', id: scope.icbId, name: 'The whole ICB' },
    pcns: snapshot.pcns.map((p) => ({ id: p.id, name: p.name })),
    pcnIds: resolved.filters.pcnIds,
  };
  return { ...resolved, area };
}

/** The area a planner asks for, checked against their scope (out of scope: 404, as the dashboards). */
export async function planningArea(
  db: Db,
  ctx: SignedInContext,
  pcnId: string | null | undefined,
): Promise<PlanningArea> {
  return (await resolveArea(db, ctx, pcnId)).area;
}

export async function planningDemand(db: Db, ctx: SignedInContext, pcnId: string | undefined): Promise<PlanningDemand> {
  const { filters, shown, area } = await resolveArea(db, ctx, pcnId);
  const exact = filters.ownTeam;
  const count = (n: number) =>
    exact
      ? n
      : (() => {
          const f = suppressCount(n);
          return f === '*' ? null : f;
        })();

  const [tables, mixRows, flowRows, contactRows] = await Promise.all([
    demandSection(db, filters),
    db.execute<{
      recommendedRole: PlannedRole | null;
      complexity: Complexity;
      predictedPam: number | null;
      signpostingOnly: boolean;
      n: number;
    }>(sql`
      SELECT recommended_role AS "recommendedRole", complexity, predicted_pam AS "predictedPam",
             signposting_only AS "signpostingOnly", count(*)::int AS n
        FROM referrals
       WHERE pcn_id = ANY(${uuidArray(filters.pcnIds)}) AND spam_marked_at IS NULL
         AND ${londonMonth(sql`received_at`)} BETWEEN ${filters.fromMonth}::date AND ${filters.toMonth}::date
         AND complexity IS NOT NULL
       GROUP BY 1, 2, 3, 4`),
    db.execute<{ decided: number; cases: number }>(sql`
      SELECT count(*) FILTER (WHERE triaged_at IS NOT NULL OR status IN ('declined', 'redirected'))::int AS decided,
             count(*) FILTER (WHERE allocated_at IS NOT NULL)::int AS cases
        FROM referrals
       WHERE pcn_id = ANY(${uuidArray(filters.pcnIds)}) AND spam_marked_at IS NULL
         AND ${londonMonth(sql`received_at`)} BETWEEN ${filters.fromMonth}::date AND ${filters.toMonth}::date`),
    db.execute<{ complexity: Complexity; cases: number; contacts: number | null }>(sql`
      SELECT r.complexity, count(*)::int AS cases, avg(c.n)::float8 AS contacts
        FROM referrals r
        CROSS JOIN LATERAL (SELECT count(*) AS n FROM case_contacts cc WHERE cc.referral_id = r.id) c
       WHERE r.pcn_id = ANY(${uuidArray(filters.pcnIds)}) AND r.spam_marked_at IS NULL AND r.status = 'discharged'
         AND r.complexity IS NOT NULL
         AND ${londonMonth(sql`r.received_at`)} BETWEEN ${filters.fromMonth}::date AND ${filters.toMonth}::date
       GROUP BY 1`),
  ]);

  // The role a triaged referral calls for: the lead's recommendation, or else the allocation rules'
  // (high complexity or PAM 1–2 → coach; simple signposting → care coordinator; the rest → link worker).
  const mix = new Map<string, { role: PlannedRole; complexity: Complexity; n: number }>();
  for (const r of mixRows.rows) {
    const role = r.recommendedRole ?? roleByRules(r).role;
    const key = `${role}|${r.complexity}`;
    const cell = mix.get(key) ?? { role, complexity: r.complexity, n: 0 };
    cell.n += r.n;
    mix.set(key, cell);
  }
  const perMonth = tables.find((t) => t.id === 'demand-referrals-by-month');
  const referrals = numberOf(perMonth?.total?.values.referrals);
  const flow = flowRows.rows[0] ?? { decided: 0, cases: 0 };
  return {
    ...area,
    period: { from: shown.from, to: shown.to, months: monthsOf(shown.from, shown.to).length },
    exact,
    referrals: count(referrals) ?? 0,
    triaged: count(flow.decided) ?? 0,
    becameCases: count(flow.cases) ?? 0,
    mix: [...mix.values()].map((m) => ({ role: m.role, complexity: m.complexity, cases: count(m.n) })),
    contactsPerCase: contactRows.rows.map((r) => {
      const contacts = r.contacts === null ? null : Math.round(r.contacts * 10) / 10;
      const shownContacts = exact ? contacts : suppressStatistic(contacts, r.cases);
      return {
        complexity: r.complexity,
        cases: count(r.cases),
        contacts: shownContacts === '*' ? null : shownContacts,
      };
    }),
  };
}
