import type { FigureRow, FigureTable } from '../../../common/analytics';
import { TableScroll } from '../../ui/TableScroll';
import { BarChart } from './BarChart';
import { chartModel } from './chart-model';
import { figureText, monthText } from './figure-format';
import { LineChart } from './LineChart';

// One figure table: its title and what it counts, the chart, then the same figures as an NHS.UK
// table (the accessible alternative, and the exact figures a chart cannot show).

/** A month row reads "April 2026", whether the API labelled it or left its key. */
const rowLabel = (row: FigureRow) => (/^\d{4}-\d{2}$/.test(row.label) ? monthText(row.label) : row.label);

function Row({ table, row, total }: { table: FigureTable; row: FigureRow; total?: boolean }) {
  return (
    <tr className={`nhsuk-table__row${total ? ' waymark-figure-table__total' : ''}`}>
      <th scope="row" className="nhsuk-table__header">
        {rowLabel(row)}
      </th>
      {table.columns.map((c) => (
        <td key={c.key} className={`nhsuk-table__cell${c.unit === 'text' ? '' : ' nhsuk-table__cell--numeric'}`}>
          {figureText(row.values[c.key], c.unit)}
        </td>
      ))}
    </tr>
  );
}

export function FigureTableView({ table }: { table: FigureTable }) {
  const model = chartModel(table);
  const headingId = `figure-${table.id}`;
  return (
    <section aria-labelledby={headingId} className="waymark-figure">
      <h2 id={headingId}>{table.title}</h2>
      <p>{table.description}</p>
      {table.rows.length === 0 ? (
        <p className="waymark-figure__empty">No records for these filters.</p>
      ) : (
        <>
          {model?.kind === 'line' && <LineChart table={table} model={model} />}
          {model && model.kind !== 'line' && <BarChart table={table} model={model} />}
          <TableScroll label={`${table.title}: table`}>
            <table className="nhsuk-table">
              <caption className="nhsuk-table__caption nhsuk-table__caption--s">
                {table.title}
                {model && <span className="nhsuk-u-visually-hidden"> (the chart’s figures)</span>}
              </caption>
              <thead className="nhsuk-table__head">
                <tr className="nhsuk-table__row">
                  <th scope="col" className="nhsuk-table__header">
                    {table.rowHeader}
                  </th>
                  {table.columns.map((c) => (
                    <th
                      key={c.key}
                      scope="col"
                      className={`nhsuk-table__header${c.unit === 'text' ? '' : ' nhsuk-table__header--numeric'}`}
                    >
                      {c.label}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody className="nhsuk-table__body">
                {table.rows.map((row) => (
                  <Row key={row.key} table={table} row={row} />
                ))}
              </tbody>
              {table.total && (
                <tfoot>
                  <Row table={table} row={table.total} total />
                </tfoot>
              )}
            </table>
          </TableScroll>
        </>
      )}
      {table.notes.map((note) => (
        <p key={note} className="nhsuk-body-s">
          {note}
        </p>
      ))}
    </section>
  );
}
