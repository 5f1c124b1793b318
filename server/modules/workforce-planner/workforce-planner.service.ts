import {
  COMPLEXITIES,
  type Complexity,
  PLANNED_ROLE_LABELS,
  PLANNED_ROLES,
  type PlannedRole,
  type PlannerBaseline,
  type PlannerInputs,
  type PlannerResult,
  type PlanRequest,
  type Rate,
  type RateChange,
  type RateList,
  type RateUnit,
  type Scenario,
  type ScenarioCreate,
  type ScenarioSummary,
} from '../../../common/workforce-planner.js';
import { writeAudit } from '../../platform/audit/audit.js';
import type { SignedInContext } from '../../platform/context.js';
import type { Db, DbOrTx } from '../../platform/db/client.js';
import { isUniqueViolation, notFound, validationError } from '../../platform/errors.js';
import { runUseCase } from '../../platform/use-case.js';
import { type PlanningArea, planningArea, planningDemand } from '../analytics/analytics.service.js';
import { teamMembersOfPcn, userNames } from '../users/users.service.js';
import { planWorkforce, type RateFigure, type TeamToday } from './planner.js';
import * as repo from './workforce-planner.repository.js';

// The workforce planner's use-cases (issue 16, point 6). The arithmetic is planner.ts; this file
// gathers what it needs — the rates of the year as this ICB has them, today's team of the area
// (whole-time equivalents by role, never a worker by name), demand from the dashboards' scope —
// and keeps named scenarios. Rates are the ICB administrator's to change; every change is audited
// with the figure before and after.

const ROLE_SHORT: Record<PlannedRole, string> = {
  link_worker: 'link worker',
  health_coach: 'health and wellbeing coach',
  care_coordinator: 'care coordinator',
};

/** What a rate code means, in words. */
export function rateLabel(code: string): string {
  const [kind, a, b] = code.split(':');
  if (kind === 'pay') return `Band ${a}, pay point ${b}`;
  if (code === 'oncost:ni_rate') return 'Employer National Insurance rate';
  if (code === 'oncost:ni_threshold') return 'Employer National Insurance threshold';
  if (code === 'oncost:pension_rate') return 'Employer pension contribution rate';
  if (kind === 'arrs') return `ARRS maximum per WTE, ${ROLE_SHORT[a as PlannedRole] ?? a}`;
  return code;
}

const unitOf = (code: string): RateUnit => (code.endsWith('_rate') ? 'percent' : 'gbp_year');
const KIND_ORDER = ['pay', 'oncost', 'arrs'];
const byKindThenCode = (a: Rate, b: Rate) =>
  KIND_ORDER.indexOf(a.code.split(':')[0] ?? '') - KIND_ORDER.indexOf(b.code.split(':')[0] ?? '') ||
  a.code.localeCompare(b.code) ||
  a.year.localeCompare(b.year);

/** The ICB's rates: its own rows over the shipped ones, every year. */
async function ratesOf(db: DbOrTx, icbId: string): Promise<RateList> {
  const rows = await repo.findRatesOf(db, icbId);
  const byKey = new Map<string, repo.RateRow>();
  for (const r of rows) {
    const key = `${r.code}|${r.year}`;
    const known = byKey.get(key);
    if (!known || (known.icbId === null && r.icbId !== null)) byKey.set(key, r);
  }
  const rates: Rate[] = [...byKey.values()].map((r) => ({
    code: r.code,
    year: r.year,
    label: rateLabel(r.code),
    unit: unitOf(r.code),
    amount: r.amount,
    verified: r.verified,
    source: r.source,
    changedHere: r.icbId !== null,
    updatedAt: r.icbId === null ? null : r.updatedAt.toISOString(),
  }));
  rates.sort(byKindThenCode);
  const years = [...new Set(rates.map((r) => r.year))].sort();
  return { years, rates };
}

function icbOf(ctx: SignedInContext): string {
  return ctx.actor.scope.icbId;
}

export async function listRates(db: Db, ctx: SignedInContext): Promise<RateList> {
  if (ctx.actor.scope.kind !== 'icb') throw notFound('ICB');
  return ratesOf(db, icbOf(ctx));
}

export async function changeRate(db: Db, ctx: SignedInContext, input: RateChange): Promise<Rate> {
  if (ctx.actor.scope.kind !== 'icb') throw notFound('ICB');
  const icbId = icbOf(ctx);
  return runUseCase(db, ctx, async (tx, actor) => {
    const before = (await ratesOf(tx, icbId)).rates.find((r) => r.code === input.code && r.year === input.year);
    const row = await repo.upsertRateOf(tx, icbId, { ...input, updatedBy: actor.userId });
    await writeAudit(tx, ctx, {
      action: 'workforce.rate-changed',
      entityType: 'workforce_rate',
      entityId: row.id,
      details: {
        code: input.code,
        year: input.year,
        from: before ? { amount: before.amount, verified: before.verified, source: before.source } : null,
        to: { amount: row.amount, verified: row.verified, source: row.source },
      },
    });
    const rate = (await ratesOf(tx, icbId)).rates.find((r) => r.code === input.code && r.year === input.year);
    return rate as Rate;
  });
}

function ratesOfYear(list: RateList, year: string): Map<string, RateFigure> {
  return new Map(
    list.rates
      .filter((r) => r.year === year)
      .map((r) => [r.code, { amount: r.amount, verified: r.verified, label: rateLabel(r.code) }]),
  );
}

interface TeamOfRole {
  role: PlannedRole;
  label: string;
  people: number;
  wte: number;
  caseloadPerWte: number | null;
}

/** Today's team of the area by role: people, WTE, and caseload per WTE (weighted by FTE). Never names. */
async function teamOf(db: Db, pcnIds: string[]): Promise<TeamOfRole[]> {
  const members = (await Promise.all(pcnIds.map((id) => teamMembersOfPcn(db, id)))).flat();
  return PLANNED_ROLES.map((role) => {
    const ofRole = members.filter((m) => m.active && m.role === role);
    const wte = ofRole.reduce((s, m) => s + (m.fte === null ? 0 : Number(m.fte)), 0);
    const withCapacity = ofRole.filter((m) => m.fte !== null && m.caseloadCapacity !== null);
    const weight = withCapacity.reduce((s, m) => s + Number(m.fte), 0);
    const carried = withCapacity.reduce((s, m) => s + Number(m.fte) * (m.caseloadCapacity ?? 0), 0);
    return {
      role,
      label: PLANNED_ROLE_LABELS[role],
      people: ofRole.length,
      wte: Math.round(wte * 100) / 100,
      caseloadPerWte: weight > 0 ? Math.round(carried / weight) : null,
    };
  });
}

const todayOf = (team: TeamOfRole[]): TeamToday =>
  Object.fromEntries(team.map((t) => [t.role, t.wte])) as Record<PlannedRole, number>;

// Assumptions used where the data has nothing to say (a new team, no triaged referrals yet).
// They are starting points in the form, every one the planner's to change.
const DEFAULT_MIX: PlannerInputs['mix'] = {
  link_worker: { low: 30, medium: 30, high: 0 },
  health_coach: { low: 0, medium: 10, high: 15 },
  care_coordinator: { low: 15, medium: 0, high: 0 },
};
const DEFAULT_CONTACTS: Record<Complexity, number> = { low: 3, medium: 6, high: 10 };
const DEFAULT_CASELOAD: Record<PlannedRole, number> = { link_worker: 40, health_coach: 25, care_coordinator: 30 };
const ROLE_BAND: Record<PlannedRole, string> = { link_worker: '5', health_coach: '5', care_coordinator: '4' };
const DEFAULT_ACCEPTED = 80;
const DEFAULT_CONTACTS_PER_MONTH = 2;

/** The year planned by default: the latest with pay points. */
function defaultYear(list: RateList): string {
  const withPay = list.rates.filter((r) => r.code.startsWith('pay:') && r.amount !== null).map((r) => r.year);
  return withPay.sort().at(-1) ?? list.years.at(-1) ?? '2025/26';
}

/** Each role costed at the top pay point of its band that year: a prudent budget for an experienced team. */
function defaultPayPoint(list: RateList, year: string, role: PlannedRole): string {
  const points = list.rates
    .filter((r) => r.year === year && r.code.startsWith(`pay:${ROLE_BAND[role]}:`))
    .map((r) => r.code)
    .sort();
  return points.at(-1) ?? `pay:${ROLE_BAND[role]}:1`;
}

export async function plannerBaseline(
  db: Db,
  ctx: SignedInContext,
  pcnId: string | undefined,
): Promise<PlannerBaseline> {
  const demand = await planningDemand(db, ctx, pcnId);
  const [team, rates] = await Promise.all([teamOf(db, demand.pcnIds), ratesOf(db, icbOf(ctx))]);
  const year = defaultYear(rates);

  const mixKnown = demand.mix.some((m) => (m.cases ?? 0) > 0);
  const mix: PlannerInputs['mix'] = mixKnown
    ? {
        link_worker: { low: 0, medium: 0, high: 0 },
        health_coach: { low: 0, medium: 0, high: 0 },
        care_coordinator: { low: 0, medium: 0, high: 0 },
      }
    : structuredClone(DEFAULT_MIX);
  if (mixKnown) for (const m of demand.mix) mix[m.role][m.complexity] = m.cases ?? 0;
  const contactsPerCase = { ...DEFAULT_CONTACTS };
  for (const c of demand.contactsPerCase)
    if (c.contacts !== null && c.contacts > 0) contactsPerCase[c.complexity] = c.contacts;

  const months = Math.max(1, demand.period.months);
  const defaults: PlannerInputs = {
    year,
    referralsPerMonth: Math.round((demand.referrals / months) * 10) / 10,
    changePercent: 0,
    acceptedPercent:
      demand.triaged > 0 ? Math.min(100, Math.round((100 * demand.becameCases) / demand.triaged)) : DEFAULT_ACCEPTED,
    mix,
    contactsPerCase,
    contactsPerMonth: DEFAULT_CONTACTS_PER_MONTH,
    caseloadPerWte: Object.fromEntries(
      PLANNED_ROLES.map((r) => [r, team.find((t) => t.role === r)?.caseloadPerWte || DEFAULT_CASELOAD[r]]),
    ) as Record<PlannedRole, number>,
    payPoint: Object.fromEntries(PLANNED_ROLES.map((r) => [r, defaultPayPoint(rates, year, r)])) as Record<
      PlannedRole,
      string
    >,
  };

  return {
    area: demand.area,
    pcns: demand.pcns,
    period: demand.period,
    demand: {
      referrals: demand.referrals,
      referralsPerMonth: defaults.referralsPerMonth,
      triaged: demand.triaged,
      acceptedPercent: demand.triaged > 0 ? defaults.acceptedPercent : null,
      mix: demand.mix.filter((m) => m.cases !== null).map((m) => ({ ...m, cases: m.cases ?? 0 })),
      contactsPerCase: COMPLEXITIES.map((complexity) => {
        const c = demand.contactsPerCase.find((x) => x.complexity === complexity);
        return { complexity, cases: c?.cases ?? 0, contacts: c?.contacts ?? null };
      }),
    },
    team,
    defaults,
    rates,
  };
}

function checkYear(rates: RateList, inputs: PlannerInputs): void {
  if (!rates.years.includes(inputs.year)) {
    throw validationError([
      { field: 'inputs.year', message: `has no figures: enter them first (years: ${rates.years.join(', ')})` },
    ]);
  }
  for (const role of PLANNED_ROLES) {
    const code = inputs.payPoint[role];
    if (!rates.rates.some((r) => r.year === inputs.year && r.code === code)) {
      throw validationError([{ field: `inputs.payPoint.${role}`, message: `is not a pay point of ${inputs.year}` }]);
    }
  }
}

async function planFor(
  db: Db,
  ctx: SignedInContext,
  area: PlanningArea,
  inputs: PlannerInputs,
): Promise<PlannerResult> {
  const [team, rates] = await Promise.all([teamOf(db, area.pcnIds), ratesOf(db, icbOf(ctx))]);
  checkYear(rates, inputs);
  return planWorkforce(inputs, ratesOfYear(rates, inputs.year), todayOf(team));
}

/** Works a plan out without keeping it (the page's "Work out"). */
export async function calculatePlan(db: Db, ctx: SignedInContext, request: PlanRequest): Promise<PlannerResult> {
  const area = await planningArea(db, ctx, request.pcnId);
  return planFor(db, ctx, area, request.inputs);
}

const audienceOf = (ctx: SignedInContext): 'pcn' | 'icb' => (ctx.actor.scope.kind === 'pcn' ? 'pcn' : 'icb');

async function areaNames(db: Db, ctx: SignedInContext): Promise<Map<string | null, string>> {
  const area = await planningArea(db, ctx, undefined);
  return new Map<string | null, string>([[null, 'The whole ICB'], ...area.pcns.map((p) => [p.id, p.name] as const)]);
}

export async function listScenarios(db: Db, ctx: SignedInContext): Promise<{ scenarios: ScenarioSummary[] }> {
  const rows = await repo.findScenarios(db, ctx.actor.scope);
  if (rows.length === 0) return { scenarios: [] };
  const [names, areas, rates] = await Promise.all([
    userNames(
      db,
      rows.map((r) => r.createdBy),
    ),
    areaNames(db, ctx),
    ratesOf(db, icbOf(ctx)),
  ]);
  const teams = new Map<string | null, TeamToday>();
  const scenarios: ScenarioSummary[] = [];
  for (const row of rows) {
    let today = teams.get(row.pcnId);
    if (!today) {
      const area = await planningArea(db, ctx, row.pcnId);
      today = todayOf(await teamOf(db, area.pcnIds));
      teams.set(row.pcnId, today);
    }
    const result = planWorkforce(row.inputs, ratesOfYear(rates, row.inputs.year), today);
    scenarios.push({
      id: row.id,
      name: row.name,
      area: areas.get(row.pcnId) ?? 'A PCN no longer in your ICB',
      createdBy: names.get(row.createdBy) ?? 'A former user',
      createdAt: row.createdAt.toISOString(),
      changePercent: row.inputs.changePercent,
      wteNeeded: result.totals.wteNeeded,
      totalCost: result.totals.totalCost,
    });
  }
  return { scenarios };
}

export async function getScenario(db: Db, ctx: SignedInContext, id: string): Promise<Scenario> {
  const row = await repo.findScenario(db, ctx.actor.scope, id);
  if (!row) throw notFound('scenario');
  const area = await planningArea(db, ctx, row.pcnId);
  const [names, result] = await Promise.all([userNames(db, [row.createdBy]), planFor(db, ctx, area, row.inputs)]);
  return {
    id: row.id,
    name: row.name,
    pcnId: row.pcnId,
    area: area.area.name,
    createdBy: names.get(row.createdBy) ?? 'A former user',
    createdAt: row.createdAt.toISOString(),
    inputs: row.inputs,
    result,
  };
}

export async function saveScenario(db: Db, ctx: SignedInContext, input: ScenarioCreate): Promise<Scenario> {
  const area = await planningArea(db, ctx, input.pcnId);
  // Worked out first: a scenario that cannot be worked out (a year without figures) is not kept.
  await planFor(db, ctx, area, input.inputs);
  const pcnId = area.area.kind === 'pcn' ? area.area.id : null;
  let id: string;
  try {
    id = await runUseCase(db, ctx, async (tx, actor) => {
      const row = await repo.insertScenario(tx, {
        icbId: icbOf(ctx),
        audience: audienceOf(ctx),
        pcnId,
        name: input.name,
        inputs: input.inputs,
        createdBy: actor.userId,
      });
      await writeAudit(tx, ctx, {
        action: 'workforce.scenario-saved',
        entityType: 'workforce_scenario',
        entityId: row.id,
        details: { name: row.name, pcnId, changePercent: input.inputs.changePercent, year: input.inputs.year },
      });
      return row.id;
    });
  } catch (err) {
    if (isUniqueViolation(err, 'workforce_scenarios_name')) {
      throw validationError([
        { field: 'name', message: 'is already the name of a scenario for this area: choose another' },
      ]);
    }
    throw err;
  }
  return getScenario(db, ctx, id);
}

export async function deleteScenario(db: Db, ctx: SignedInContext, id: string): Promise<void> {
  await runUseCase(db, ctx, async (tx) => {
    const row = await repo.deleteScenario(tx, ctx.actor.scope, id);
    if (!row) throw notFound('scenario');
    await writeAudit(tx, ctx, {
      action: 'workforce.scenario-deleted',
      entityType: 'workforce_scenario',
      entityId: id,
      details: { name: row.name, pcnId: row.pcnId },
    });
  });
}
