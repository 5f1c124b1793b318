import { useEffect, useRef } from 'react';
import type { RoleResult } from '../../../common/workforce-planner';
import { type DataColumn, DataTable } from '../../ui/DataTable';
import { TableScroll } from '../../ui/TableScroll';
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

/**
 * Bars drawn with HTML, not SVG, so that the labels and figures stay readable text at any width
 * (an SVG scaled down to a phone shrinks its text with it). The whole chart is one image to
 * assistive technology, its figures in its name; the table below has them too.
 */
function WteChart({ result }: { result: PlannerResult }) {
  const max = Math.max(1, ...result.roles.flatMap((r) => [r.wteNeeded, r.wteToday]));
  const width = (v: number) => `${Math.max(0, (v / max) * 100)}%`;
  const name = `Chart of whole-time equivalents needed and in post today, by role. ${result.roles
    .map((r) => `${SHORT[r.role]}: ${figure(r.wteNeeded)} needed, ${figure(r.wteToday)} in post.`)
    .join(' ')}`;
  return (
    <figure className="waymark-planner-chart">
      <div role="img" aria-label={name}>
        {result.roles.map((r) => (
          <div key={r.role} className="waymark-planner-chart__group">
            <div className="waymark-planner-chart__label">{SHORT[r.role]}</div>
            {(
              [
                ['needed', r.wteNeeded, NEEDED],
                ['today', r.wteToday, TODAY],
              ] as const
            ).map(([key, value, colour]) => (
              <div key={key} className="waymark-planner-chart__bar-row">
                <span className="waymark-planner-chart__bar" style={{ width: width(value), background: colour }} />
                <span className="waymark-planner-chart__value">{figure(value)}</span>
              </div>
            ))}
          </div>
        ))}
      </div>
      <figcaption>
        <span className="waymark-planner-chart__key" style={{ background: NEEDED }} aria-hidden="true" /> WTE needed
        <span className="waymark-planner-chart__key" style={{ background: TODAY }} aria-hidden="true" /> WTE in post
        today
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
  {
    header: 'Cost per WTE',
    headerNote: 'salary plus employer NI and pension',
    numeric: true,
    cell: (r) => pounds(r.costPerWte),
  },
  { header: 'ARRS maximum per WTE', numeric: true, cell: (r) => pounds(r.arrsMaxPerWte) },
];

/** `focusKey` changes when the plan was asked for (worked out, opened): its heading takes focus then. */
export function PlanResults({ result, title, focusKey }: { result: PlannerResult; title: string; focusKey: number }) {
  const t = result.totals;
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (focusKey > 0) heading.current?.focus();
  }, [focusKey]);
  return (
    <section aria-labelledby="plan-results-heading" className="nhsuk-u-margin-top-6">
      <h2 id="plan-results-heading" tabIndex={-1} ref={heading}>
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
      <TableScroll label="WTE and cost by role">
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
      </TableScroll>
      <TableScroll label="How the WTE and cost are worked out">
        <DataTable
          caption="How the WTE and cost are worked out"
          captionSize="s"
          columns={WORKING_COLUMNS}
          rows={result.roles}
          rowKey={(r) => r.role}
        />
      </TableScroll>
    </section>
  );
}
