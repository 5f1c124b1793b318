import type { ImpactFigures, ImpactReport } from '../../../common/impact';
import { IMPACT_FIGURE_LABELS } from '../../../common/impact';
import { figureText } from '../../../common/suppression';
import { type DataColumn, DataTable } from '../../ui/DataTable';
import { monthLabel } from './impact-format';

// The tables of the impact page: the chart's figures by month (its accessible alternative), per
// service, outcomes at close and the change in people's outcome measures.

function figureColumns<T extends ImpactFigures>(): DataColumn<T>[] {
  return [
    {
      header: 'Referrals',
      headerNote: IMPACT_FIGURE_LABELS.referrals,
      cell: (r) => figureText(r.referrals),
      numeric: true,
    },
    {
      header: 'Accepted',
      headerNote: 'percentage of answered referrals accepted',
      cell: (r) => figureText(r.acceptedPercent, '%'),
      numeric: true,
    },
    {
      header: 'Days to reply',
      headerNote: IMPACT_FIGURE_LABELS.medianReplyWorkingDays,
      cell: (r) => figureText(r.medianReplyWorkingDays),
      numeric: true,
    },
    {
      header: 'People attended',
      headerNote: IMPACT_FIGURE_LABELS.peopleAttended,
      cell: (r) => figureText(r.peopleAttended),
      numeric: true,
    },
    {
      header: 'Sessions',
      headerNote: IMPACT_FIGURE_LABELS.sessionsAttended,
      cell: (r) => figureText(r.sessionsAttended),
      numeric: true,
    },
    { header: 'Signposts', cell: (r) => figureText(r.signposts), numeric: true },
  ];
}

type MonthRow = ImpactReport['months'][number];
type ServiceRow = ImpactReport['services'][number];

/** Figures by month with the period's totals: the organisation's (the chart's accessible alternative) or a service's. */
export function MonthsTable({
  months,
  totals,
  caption = 'Figures by month',
}: {
  months: MonthRow[];
  totals: ImpactFigures;
  caption?: string;
}) {
  const columns: DataColumn<MonthRow>[] = [
    { header: 'Month', cell: (m) => monthLabel(m.month, true) },
    ...figureColumns<MonthRow>(),
  ];
  return (
    <DataTable
      caption={caption}
      captionSize="s"
      columns={columns}
      rows={months}
      rowKey={(m) => m.month}
      totals={{
        label: 'Whole period',
        cells: Object.fromEntries(figureColumns<ImpactFigures>().map((c) => [c.header, c.cell(totals)])),
      }}
    />
  );
}

export function ImpactTables({ report, notCausation }: { report: ImpactReport; notCausation: string }) {
  const serviceColumns: DataColumn<ServiceRow>[] = [
    { header: 'Service', cell: (s) => s.name },
    ...figureColumns<ServiceRow>(),
  ];
  return (
    <>
      <h2>By service</h2>
      {report.services.length === 0 ? (
        <p>No service had referrals, attendance or signposts in this period.</p>
      ) : (
        <>
          <DataTable
            caption="Figures by service for the whole period"
            captionHidden
            columns={serviceColumns}
            rows={report.services}
            rowKey={(s) => s.id}
          />
          {report.services.map((s) => (
            <details key={s.id} className="nhsuk-details">
              <summary className="nhsuk-details__summary">
                <span className="nhsuk-details__summary-text">{s.name} by month</span>
              </summary>
              <div className="nhsuk-details__text">
                <MonthsTable months={s.months} totals={s} caption={`${s.name}: figures by month`} />
              </div>
            </details>
          ))}
        </>
      )}

      <h2>Outcomes at close</h2>
      <DataTable
        caption="Referrals closed in the period, by outcome"
        captionHidden
        columns={[
          { header: 'Outcome', cell: (o) => o.label },
          { header: 'Referrals closed', cell: (o) => figureText(o.count), numeric: true },
        ]}
        rows={report.outcomesAtClose}
        rowKey={(o) => o.outcome}
      />

      <h2>How people’s wellbeing changed</h2>
      <p>
        For the people referred in this period whose social prescribing team recorded a measure at the start and again
        later: how many scored better, the same or worse at their latest measure than at their first.
      </p>
      <div className="nhsuk-inset-text">
        <span className="nhsuk-u-visually-hidden">Information: </span>
        <p>{notCausation}</p>
      </div>
      <DataTable
        caption="Change between the first and the latest measure"
        captionHidden
        columns={[
          { header: 'Measure', cell: (c) => c.label },
          {
            header: 'People',
            headerNote: 'with a first and a later measure',
            cell: (c) => figureText(c.people),
            numeric: true,
          },
          { header: 'Better', cell: (c) => figureText(c.improved), numeric: true },
          { header: 'Same', cell: (c) => figureText(c.unchanged), numeric: true },
          { header: 'Worse', cell: (c) => figureText(c.worsened), numeric: true },
        ]}
        rows={report.measureChanges}
        rowKey={(c) => `${c.measure}:${c.key}`}
      />
    </>
  );
}
