import { z } from 'zod';
import { zText } from './schemas/text.js';

// The workforce planner (issue 16, point 6): demand → case mix → contacts and caseloads → WTE
// per role → cost by Agenda for Change band with employer on-costs, against the ARRS maximum
// reimbursable amounts. Pay, on-cost rates and ARRS maximums are data (`workforce_rates`), each
// with its year and source, edited by an ICB administrator: they change every year, and the
// figures the reference marks unverified ship empty, never as silent constants.

/** The three roles the planner sizes (the team lead is not planned from demand). */
export const PLANNED_ROLES = ['link_worker', 'health_coach', 'care_coordinator'] as const;
export type PlannedRole = (typeof PLANNED_ROLES)[number];
export const PLANNED_ROLE_LABELS: Record<PlannedRole, string> = {
  link_worker: 'Social prescribing link worker',
  health_coach: 'Health and wellbeing coach',
  care_coordinator: 'Care coordinator',
};

/** Triage's complexity (DESIGN.md §2). */
export const COMPLEXITIES = ['low', 'medium', 'high'] as const;
export type Complexity = (typeof COMPLEXITIES)[number];
export const COMPLEXITY_LABELS: Record<Complexity, string> = { low: 'Low', medium: 'Medium', high: 'High' };

// --- Rates -------------------------------------------------------------------------------------

/**
 * What a rate row is, by its code:
 * - `pay:<band>:<point>`: an Agenda for Change pay point, £ a year;
 * - `oncost:ni_rate` (%), `oncost:ni_threshold` (£ a year), `oncost:pension_rate` (%): employer
 *   National Insurance above the secondary threshold, and employer NHS Pension contributions;
 * - `arrs:<role>`: the ARRS maximum reimbursable amount per WTE, £ a year.
 */
export const RATE_CODE =
  /^(pay:[1-9]:[1-9]|oncost:(ni_rate|ni_threshold|pension_rate)|arrs:(link_worker|health_coach|care_coordinator))$/;
/** A financial year, like 2025/26 (the second part is the year after the first). */
export const RATE_YEAR = /^(19|20)\d\d\/\d\d$/;

export type RateUnit = 'gbp_year' | 'percent';

export const ZRate = z.object({
  code: z.string(),
  year: z.string(),
  label: z.string(),
  unit: z.enum(['gbp_year', 'percent']),
  /** Null: not entered (the planner says so, and leaves it out). */
  amount: z.number().nullable(),
  /** False until an administrator confirms the figure against its source. */
  verified: z.boolean(),
  source: z.string(),
  /** True when this ICB's administrator has changed the shipped figure. */
  changedHere: z.boolean(),
  updatedAt: z.string().nullable(),
});
export type Rate = z.infer<typeof ZRate>;
export const ZRateList = z.object({ years: z.array(z.string()), rates: z.array(ZRate) });
export type RateList = z.infer<typeof ZRateList>;

function yearFollows(year: string): boolean {
  const first = Number(year.slice(0, 4));
  return (first + 1) % 100 === Number(year.slice(5, 7));
}

/** A rate as an administrator enters it: a new year's figure, or a changed one. */
export const ZRateChange = z
  .object({
    code: zText(40).regex(RATE_CODE, 'must be a known figure, like pay:5:1, oncost:ni_rate or arrs:link_worker'),
    year: zText(7).regex(RATE_YEAR, 'must be a financial year, like 2025/26'),
    /** Null clears the figure: "not entered". */
    amount: z
      .number({ message: 'must be a number' })
      .min(0, 'must be 0 or more')
      .max(1_000_000, 'must be at most 1,000,000')
      .nullable(),
    verified: z.boolean({ message: 'must be true or false' }),
    source: zText(500).min(3, 'must say where the figure comes from'),
  })
  .superRefine((v, ctx) => {
    if (RATE_YEAR.test(v.year) && !yearFollows(v.year)) {
      ctx.addIssue({ code: 'custom', path: ['year'], message: 'must be two years in a row, like 2025/26' });
    }
    if (v.amount !== null && v.code.startsWith('oncost:') && v.code.endsWith('_rate') && v.amount > 100) {
      ctx.addIssue({ code: 'custom', path: ['amount'], message: 'must be a percentage, 100 or less' });
    }
    if (v.verified && v.amount === null) {
      ctx.addIssue({ code: 'custom', path: ['verified'], message: 'cannot be confirmed without a figure' });
    }
  });
export type RateChange = z.infer<typeof ZRateChange>;

// --- Inputs ------------------------------------------------------------------------------------

const perRole = <T extends z.ZodType>(value: T) =>
  z.object({ link_worker: value, health_coach: value, care_coordinator: value });
const perComplexity = <T extends z.ZodType>(value: T) => z.object({ low: value, medium: value, high: value });
const zFigure = (min: number, max: number, what = '') =>
  z
    .number({ message: 'must be a number' })
    .min(min, `must be ${min}${what} or more`)
    .max(max, `must be at most ${max.toLocaleString('en-GB')}${what}`);

/** What a scenario assumes. Every figure is the planner's to change; defaults come from the data. */
export const ZPlannerInputs = z
  .object({
    year: zText(7).regex(RATE_YEAR, 'must be a financial year, like 2025/26'),
    /** Referrals a month today: the data's average, or a figure of the planner's own. */
    referralsPerMonth: zFigure(0, 100_000),
    /** What if demand changes: +20 means 20 % more referrals. */
    changePercent: zFigure(-100, 1000, ' %'),
    /** Referrals that become cases (the rest are declined or redirected at triage), %. */
    acceptedPercent: zFigure(0, 100, ' %'),
    /** Cases by recommended role and complexity: weights (e.g. counts), shares of the whole. */
    mix: perRole(perComplexity(zFigure(0, 1_000_000))),
    /** Contacts over a case's life, by complexity. */
    contactsPerCase: perComplexity(zFigure(0, 100)),
    /** How often an open case is seen: contacts per open case per month. */
    contactsPerMonth: zFigure(0.1, 31),
    /** Open cases one whole-time worker carries, by role. */
    caseloadPerWte: perRole(zFigure(1, 500)),
    /** The pay point each role is costed at (a `pay:<band>:<point>` code). */
    payPoint: perRole(zText(10).regex(/^pay:[1-9]:[1-9]$/, 'must be a pay point, like pay:5:2')),
  })
  .superRefine((v, ctx) => {
    const weight = Object.values(v.mix).reduce((s, byC) => s + byC.low + byC.medium + byC.high, 0);
    if (weight <= 0) ctx.addIssue({ code: 'custom', path: ['mix'], message: 'must give at least one role some cases' });
  });
export type PlannerInputs = z.infer<typeof ZPlannerInputs>;

// --- Results -----------------------------------------------------------------------------------

export const ZRoleResult = z.object({
  role: z.enum(PLANNED_ROLES),
  label: z.string(),
  band: z.string(),
  /** Share of cases, %. */
  sharePercent: z.number(),
  newCasesPerMonth: z.number(),
  contactsPerCase: z.number(),
  contactsPerMonth: z.number(),
  monthsOpen: z.number(),
  openCases: z.number(),
  wteNeeded: z.number(),
  wteToday: z.number(),
  /** Needed less today's: positive means more staff are needed. */
  wteGap: z.number(),
  salary: z.number().nullable(),
  /** WTE needed × salary: known whenever the pay point is, on-costs or not. */
  salaryCost: z.number().nullable(),
  employerNi: z.number().nullable(),
  employerPension: z.number().nullable(),
  costPerWte: z.number().nullable(),
  totalCost: z.number().nullable(),
  arrsMaxPerWte: z.number().nullable(),
  arrsReimbursable: z.number().nullable(),
  /** What ARRS would not meet (the cost above the maximum). */
  aboveArrs: z.number().nullable(),
});
export type RoleResult = z.infer<typeof ZRoleResult>;

export const ZPlannerResult = z.object({
  year: z.string(),
  referralsPerMonth: z.number(),
  newCasesPerMonth: z.number(),
  roles: z.array(ZRoleResult),
  totals: z.object({
    wteNeeded: z.number(),
    wteToday: z.number(),
    wteGap: z.number(),
    salaryCost: z.number().nullable(),
    totalCost: z.number().nullable(),
    arrsReimbursable: z.number().nullable(),
    aboveArrs: z.number().nullable(),
  }),
  /** What the cost leaves out, in words (a figure not entered, one not confirmed). */
  warnings: z.array(z.string()),
});
export type PlannerResult = z.infer<typeof ZPlannerResult>;

// --- Baseline: what the data says ---------------------------------------------------------------

export const ZPlannerArea = z.object({ id: z.string(), name: z.string() });

export const ZPlannerBaseline = z.object({
  /** The area planned: a PCN, or the whole ICB (a commissioner's default). */
  area: z.object({ kind: z.enum(['pcn', 'icb']), id: z.string(), name: z.string() }),
  /** PCNs a commissioner may plan for (a team lead: their own only). */
  pcns: z.array(ZPlannerArea),
  period: z.object({ from: z.string(), to: z.string(), months: z.number() }),
  demand: z.object({
    referrals: z.number(),
    referralsPerMonth: z.number(),
    triaged: z.number(),
    acceptedPercent: z.number().nullable(),
    /** Triaged cases by recommended role and complexity. */
    mix: z.array(z.object({ role: z.enum(PLANNED_ROLES), complexity: z.enum(COMPLEXITIES), cases: z.number() })),
    /** Contacts per closed case, by complexity (null: no closed case of that complexity). */
    contactsPerCase: z.array(
      z.object({ complexity: z.enum(COMPLEXITIES), cases: z.number(), contacts: z.number().nullable() }),
    ),
  }),
  team: z.array(
    z.object({
      role: z.enum(PLANNED_ROLES),
      label: z.string(),
      people: z.number(),
      wte: z.number(),
      caseloadPerWte: z.number().nullable(),
    }),
  ),
  defaults: ZPlannerInputs,
  rates: ZRateList,
});
export type PlannerBaseline = z.infer<typeof ZPlannerBaseline>;

export const ZPlannerQuery = z.object({
  pcnId: zText(40).pipe(z.uuid('must be a valid PCN id')).optional(),
});
export type PlannerQuery = z.infer<typeof ZPlannerQuery>;

export const ZPlanRequest = z.object({
  pcnId: zText(40).pipe(z.uuid('must be a valid PCN id')).nullish(),
  inputs: ZPlannerInputs,
});
export type PlanRequest = z.infer<typeof ZPlanRequest>;

export const ZScenarioCreate = z.object({
  name: zText(120).min(1, 'must be given: name the scenario, like "20 % more referrals"'),
  pcnId: zText(40).pipe(z.uuid('must be a valid PCN id')).nullish(),
  inputs: ZPlannerInputs,
});
export type ScenarioCreate = z.infer<typeof ZScenarioCreate>;

export const ZScenarioSummary = z.object({
  id: z.string(),
  name: z.string(),
  area: z.string(),
  createdBy: z.string(),
  createdAt: z.string(),
  changePercent: z.number(),
  wteNeeded: z.number(),
  totalCost: z.number().nullable(),
});
export type ScenarioSummary = z.infer<typeof ZScenarioSummary>;
export const ZScenarioList = z.object({ scenarios: z.array(ZScenarioSummary) });

export const ZScenario = z.object({
  id: z.string(),
  name: z.string(),
  pcnId: z.string().nullable(),
  area: z.string(),
  createdBy: z.string(),
  createdAt: z.string(),
  inputs: ZPlannerInputs,
  /** Worked out again with today's rates and team. */
  result: ZPlannerResult,
});
export type Scenario = z.infer<typeof ZScenario>;
