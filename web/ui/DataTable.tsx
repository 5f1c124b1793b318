// biome-ignore-all lint/a11y/noRedundantRoles: the NHS.UK responsive table restyles rows and cells as blocks below the desktop breakpoint, which drops their table semantics in some browsers: the explicit roles keep them (as the NHS.UK template does)
import type { ReactNode } from 'react';
import { Link } from 'react-router';

export interface DataColumn<T> {
  /** The column's heading; also shown beside each value when the table turns into cards. */
  header: string;
  /** A heading only screen readers hear (an actions column, say). */
  hiddenHeader?: boolean;
  /** Said after the heading to screen readers only: what a terse heading means. */
  headerNote?: string;
  cell: (row: T) => ReactNode;
  /** Makes the heading a link that sorts the table by this key (see `sorting`). */
  sortKey?: string;
  /** Figures, aligned right so their digits line up. */
  numeric?: boolean;
}

/** A last row that sums the table up (a team's totals): its label, and values by column heading. */
export interface TableTotals {
  label: ReactNode;
  cells: Partial<Record<string, ReactNode>>;
}

/** The table's sort order, kept in the address: each sortable heading links to its own order. */
export interface Sorting {
  key: string;
  dir: 'asc' | 'desc';
  /** The address that shows the table sorted by `key` in `dir`. */
  linkTo: (key: string, dir: 'asc' | 'desc') => string;
}

function SortableHeading({ header, sortKey, sorting }: { header: string; sortKey: string; sorting: Sorting }) {
  const current = sorting.key === sortKey;
  // The first click sorts A to Z; a click on the current column turns it round.
  const next = current && sorting.dir === 'asc' ? 'desc' : 'asc';
  return (
    <Link className="waymark-sort" to={sorting.linkTo(sortKey, next)}>
      {header}
      <span className="nhsuk-u-visually-hidden">
        {current ? `, sorted ${sorting.dir === 'asc' ? 'A to Z' : 'Z to A'}` : ''}, sort{' '}
        {next === 'asc' ? 'A to Z' : 'Z to A'}
      </span>
      {current && <span aria-hidden="true">{sorting.dir === 'asc' ? ' ▲' : ' ▼'}</span>}
    </Link>
  );
}

/**
 * An NHS.UK table that reflows on narrow screens (the "responsive table" pattern): below the
 * desktop breakpoint each row becomes a card, each value labelled with its column's heading, so
 * nothing hides in a sideways scroll. The first column is the row's header (usually the name)
 * unless `rowHeader` is false (a table whose rows no one column names: a history of changes, say).
 */
export function DataTable<T>({
  caption,
  columns,
  rows,
  rowKey,
  sorting,
  busy = false,
  captionHidden = false,
  rowHeader = true,
  className,
  captionSize,
  totals,
}: {
  caption: ReactNode;
  /** For a table under a heading that already names it: the caption is for screen readers only. */
  captionHidden?: boolean;
  /** Extra classes for the table (spacing utilities, say). */
  className?: string;
  columns: DataColumn<T>[];
  rows: T[];
  rowKey: (row: T) => string;
  sorting?: Sorting;
  /**
   * The rows are the previous list's while the one asked for loads (the headings already show its
   * order): said with aria-busy, so assistive technology and tests wait for the rows that match.
   */
  busy?: boolean;
  /** Whether the first column names its row (a `th scope="row"`); true unless said otherwise. */
  rowHeader?: boolean;
  /** A smaller caption, for a table that sits under its section's heading. */
  captionSize?: 's' | 'm' | 'l';
  /** In the table's foot; styled as a body row so that it too becomes a card on narrow screens. */
  totals?: TableTotals;
}) {
  const numeric = (c: DataColumn<T>, kind: 'header' | 'cell') => (c.numeric ? ` nhsuk-table__${kind}--numeric` : '');
  return (
    <table
      className={`nhsuk-table nhsuk-table--responsive${className ? ` ${className}` : ''}`}
      role="table"
      aria-busy={busy || undefined}
    >
      <caption
        className={
          captionHidden
            ? 'nhsuk-u-visually-hidden'
            : `nhsuk-table__caption${captionSize ? ` nhsuk-table__caption--${captionSize}` : ''}`
        }
      >
        {caption}
      </caption>
      <thead className="nhsuk-table__head" role="rowgroup">
        <tr className="nhsuk-table__row" role="row">
          {columns.map((c) => (
            <th
              key={c.header}
              scope="col"
              className={`nhsuk-table__header${numeric(c, 'header')}`}
              role="columnheader"
              aria-sort={
                sorting && c.sortKey
                  ? sorting.key === c.sortKey
                    ? sorting.dir === 'asc'
                      ? 'ascending'
                      : 'descending'
                    : 'none'
                  : undefined
              }
            >
              {c.hiddenHeader ? (
                <span className="nhsuk-u-visually-hidden">{c.header}</span>
              ) : sorting && c.sortKey ? (
                <SortableHeading header={c.header} sortKey={c.sortKey} sorting={sorting} />
              ) : (
                c.header
              )}
              {c.headerNote && <span className="nhsuk-u-visually-hidden"> ({c.headerNote})</span>}
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
              return i === 0 && rowHeader ? (
                <th key={c.header} scope="row" className="nhsuk-table__header" role="rowheader">
                  {heading}
                  <span>{c.cell(row)}</span>
                </th>
              ) : (
                <td key={c.header} className={`nhsuk-table__cell${numeric(c, 'cell')}`} role="cell">
                  {heading}
                  <span>{c.cell(row)}</span>
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
      {totals && (
        <tfoot className="nhsuk-table__body" role="rowgroup">
          <tr className="nhsuk-table__row" role="row">
            <th scope="row" className="nhsuk-table__header" role="rowheader">
              {totals.label}
            </th>
            {columns.slice(1).map((c) => {
              const value = totals.cells[c.header];
              return (
                <td
                  key={c.header}
                  // An empty total (a role has no sum) is no line of its own on a card.
                  className={`nhsuk-table__cell${numeric(c, 'cell')}${value === undefined ? ' waymark-table__cell--empty' : ''}`}
                  role="cell"
                >
                  {value !== undefined && !c.hiddenHeader && (
                    <span className="nhsuk-table__heading" aria-hidden="true">
                      {c.header}{' '}
                    </span>
                  )}
                  <span>{value}</span>
                </td>
              );
            })}
          </tr>
        </tfoot>
      )}
    </table>
  );
}
