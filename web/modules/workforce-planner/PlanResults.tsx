import type { RoleResult } from '../../../common/workforce-planner';
import { type DataColumn, DataTable } from '../../ui/DataTable';
import { figure, type PlannerResult, pounds, signed } from './planner-api';

// The plan worked out: a chart of WTE needed against today's team, and the same figures (and the
// money) in tables, which are the accessible alternative and what a screen reader reads.

const SHORT: Record<RoleResult['role'], string> = {
  link_worker: 'Link worker',
  health_coach: 'Health and wellbeing coach',
  care_coordinator: 'Care coordinator',
};
const NEEDED = '#005eb8';
const TODAY = '#768692';
const WIDTH = 640;
const LABEL = 230;
const BAR = 16;
const GROUP = BAR * 2 + 18;

function WteChart({ result }: { result: PlannerResult }) {
  const max = Math.max(1, ...result.roles.flatMap((r) => [r.wteNeeded, r.wteToday]));
  const step = max > 10 ? 5 : max > 4 ? 2 : 1;
  const top = Math.ceil(max / step) * step;
  const ticks = Array.from({ length: top / step + 1 }, (_, i) => i * step);
  const x = (v: number) => LABEL + (v / top) * (WIDTH - LABEL - 60);
  const height = 10 + result.roles.length * GROUP + 30;
  const bottom = height - 30;
  return (
    <figure className="waymark-planner-chart">
      <svg
        viewBox={`0 0 ${WIDTH} ${height}`}
        role="img"
        aria-labelledby="wte-chart-title wte-chart-desc"
        className="waymark-planner-chart__svg"
      >
        <title id="wte-chart-title">Whole-time equivalents needed and in post today, by role</title>
        <desc id="wte-chart-desc">
          {result.roles.map((r) => `${r.label}: ${figure(r.wteNeeded)} needed, ${figure(r.wteToday)} today. `).join('')}
        </desc>
        {ticks.map((t) => (
          <g key={t}>
            <line x1={x(t)} x2={x(t)} y1={6} y2={bottom} stroke="#d8dde0" />
            <text x={x(t)} y={bottom + 18} textAnchor="middle" fontSize="13" fill="#212b32">
              {t}
            </text>
          </g>
        ))}
        {result.roles.map((r, i) => {
          const y = 10 + i * GROUP;
          return (
            <g key={r.role}>
              <text x={LABEL - 8} y={y + BAR + 4} textAnchor="end" fontSize="14" fill="#212b32">
                {SHORT[r.role]}
              </text>
              <rect x={LABEL} y={y} width={Math.max(0, x(r.wteNeeded) - LABEL)} height={BAR} fill={NEEDED} />
              <text x={x(r.wteNeeded) + 4} y={y + BAR - 3} fontSize="13" fill="#212b32">
                {figure(r.wteNeeded)}
              </text>
              <rect x={LABEL} y={y + BAR + 2} width={Math.max(0, x(r.wteToday) - LABEL)} height={BAR} fill={TODAY} />
              <text x={x(r.wteToday) + 4} y={y + 2 * BAR - 1} fontSize="13" fill="#212b32">
                {figure(r.wteToday)}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption>
        <span className="waymark-planner-chart__key" style={{ background: NEEDED }} aria-hidden="true" /> Needed
        <span className="waymark-planner-chart__key" style={{ background: TODAY }} aria-hidden="true" /> In post today
        <span className="nhsuk-u-visually-hidden">
          . The table “WTE and cost by role” below gives the same figures.
        </span>
      </figcaption>
    </figure>
  );
}

const COST_COLUMNS: DataColumn<RoleResult>[] = [
  { header: 'Role', cell: (r) => `${r.label} (band ${r.band})` },
  { header: 'WTE needed', numeric: true, cell: (r) => figure(r.wteNeeded) },
  { header: 'WTE today', numeric: true, cell: (r) => figure(r.wteToday) },
  { header: 'Difference', headerNote: 'needed less today', numeric: true, cell: (r) => signed(r.wteGap) },
  {
    header: 'Cost per WTE',
    headerNote: 'salary plus employer NI and pension',
    numeric: true,
    cell: (r) => pounds(r.costPerWte),
  },
  { header: 'Salaries a year', numeric: true, cell: (r) => pounds(r.salaryCost) },
  {
    header: 'Cost a year',
    headerNote: 'salaries plus employer on-costs',
    numeric: true,
    cell: (r) => pounds(r.totalCost),
  },
  { header: 'ARRS could reimburse', numeric: true, cell: (r) => pounds(r.arrsReimbursable) },
  { header: 'Above ARRS', headerNote: 'cost ARRS would not meet', numeric: true, cell: (r) => pounds(r.aboveArrs) },
];

const WORKING_COLUMNS: DataColumn<RoleResult>[] = [
  { header: 'Role', cell: (r) => r.label },
  { header: 'Share of cases', numeric: true, cell: (r) => `${figure(r.sharePercent)} %` },
  { header: 'New cases a month', numeric: true, cell: (r) => figure(r.newCasesPerMonth) },
  { header: 'Contacts per case', numeric: true, cell: (r) => figure(r.contactsPerCase) },
  { header: 'Months a case is open', numeric: true, cell: (r) => figure(r.monthsOpen) },
  { header: 'Open cases', numeric: true, cell: (r) => figure(r.openCases) },
  { header: 'Salary', headerNote: 'pay point', numeric: true, cell: (r) => pounds(r.salary) },
  { header: 'Employer NI', numeric: true, cell: (r) => pounds(r.employerNi) },
  { header: 'Employer pension', numeric: true, cell: (r) => pounds(r.employerPension) },
  { header: 'ARRS maximum per WTE', numeric: true, cell: (r) => pounds(r.arrsMaxPerWte) },
];

export function PlanResults({ result, title }: { result: PlannerResult; title: string }) {
  const t = result.totals;
  return (
    <section aria-labelledby="plan-results-heading" className="nhsuk-u-margin-top-6">
      <h2 id="plan-results-heading" tabIndex={-1}>
        {title}
      </h2>
      <p>
        {figure(result.referralsPerMonth)} referrals a month become {figure(result.newCasesPerMonth)} new cases a month.
        You need <strong>{figure(t.wteNeeded)} WTE</strong>; {figure(t.wteToday)} WTE are in post today (
        {t.wteGap > 0
          ? `${figure(t.wteGap)} WTE short`
          : t.wteGap < 0
            ? `${figure(-t.wteGap)} WTE more than needed`
            : 'exactly what is needed'}
        ). At {result.year} pay the team needed costs{' '}
        <strong>{t.totalCost === null ? 'an amount not yet known' : pounds(t.totalCost)}</strong> a year
        {t.totalCost === null && t.salaryCost !== null ? ` (salaries alone ${pounds(t.salaryCost)})` : ''}.
      </p>
      {result.warnings.length > 0 && (
        <div className="nhsuk-warning-callout">
          <h3 className="nhsuk-warning-callout__label">
            <span className="nhsuk-u-visually-hidden">Important: </span>
            What the figures leave out
          </h3>
          <ul>
            {result.warnings.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
          <p>An administrator enters pay, on-cost and ARRS figures on the pay and ARRS figures page.</p>
        </div>
      )}
      <WteChart result={result} />
      <DataTable
        caption="WTE and cost by role"
        captionSize="m"
        columns={COST_COLUMNS}
        rows={result.roles}
        rowKey={(r) => r.role}
        totals={{
          label: 'All roles',
          cells: {
            'WTE needed': <strong>{figure(t.wteNeeded)}</strong>,
            'WTE today': <strong>{figure(t.wteToday)}</strong>,
            Difference: <strong>{signed(t.wteGap)}</strong>,
            'Salaries a year': <strong>{pounds(t.salaryCost)}</strong>,
            'Cost a year': <strong>{pounds(t.totalCost)}</strong>,
            'ARRS could reimburse': <strong>{pounds(t.arrsReimbursable)}</strong>,
            'Above ARRS': <strong>{pounds(t.aboveArrs)}</strong>,
          },
        }}
      />
      <DataTable
        caption="How the WTE and cost are worked out"
        captionSize="s"
        columns={WORKING_COLUMNS}
        rows={result.roles}
        rowKey={(r) => r.role}
      />
    </section>
  );
}
