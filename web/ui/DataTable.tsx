// biome-ignore-all lint/a11y/noRedundantRoles: the NHS.UK responsive table restyles rows and cells as blocks below the desktop breakpoint, which drops their table semantics in some browsers: the explicit roles keep them (as the NHS.UK template does)
import type { ReactNode } from 'react';

export interface DataColumn<T> {
  /** The column's heading; also shown beside each value when the table turns into cards. */
  header: string;
  /** A heading only screen readers hear (an actions column, say). */
  hiddenHeader?: boolean;
  cell: (row: T) => ReactNode;
}

/**
 * An NHS.UK table that reflows on narrow screens (the "responsive table" pattern): below the
 * desktop breakpoint each row becomes a card, each value labelled with its column's heading, so
 * nothing hides in a sideways scroll. The first column is the row's header (usually the name).
 */
export function DataTable<T>({
  caption,
  columns,
  rows,
  rowKey,
}: {
  caption: ReactNode;
  columns: DataColumn<T>[];
  rows: T[];
  rowKey: (row: T) => string;
}) {
  return (
    <table className="nhsuk-table nhsuk-table--responsive" role="table">
      <caption className="nhsuk-table__caption">{caption}</caption>
      <thead className="nhsuk-table__head" role="rowgroup">
        <tr className="nhsuk-table__row" role="row">
          {columns.map((c) => (
            <th key={c.header} scope="col" className="nhsuk-table__header" role="columnheader">
              {c.hiddenHeader ? <span className="nhsuk-u-visually-hidden">{c.header}</span> : c.header}
            </th>
          ))}
        </tr>
      </thead>
      <tbody className="nhsuk-table__body">
        {rows.map((row) => (
          <tr className="nhsuk-table__row" role="row" key={rowKey(row)}>
            {columns.map((c, i) => {
              const heading = c.hiddenHeader ? null : (
                <span key="heading" className="nhsuk-table__heading" aria-hidden="true">
                  {c.header}{' '}
                </span>
              );
              return i === 0 ? (
                <th key={c.header} scope="row" className="nhsuk-table__header" role="rowheader">
                  {heading}
                  <span>{c.cell(row)}</span>
                </th>
              ) : (
                <td key={c.header} className="nhsuk-table__cell" role="cell">
                  {heading}
                  <span>{c.cell(row)}</span>
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
