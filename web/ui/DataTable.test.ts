import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { MemoryRouter } from 'react-router';
import { describe, expect, it } from 'vitest';
import { type DataColumn, DataTable } from './DataTable';

interface Row {
  id: string;
  when: string;
  what: string;
}
const columns: DataColumn<Row>[] = [
  { header: 'When', cell: (r) => r.when },
  { header: 'What', cell: (r) => r.what },
];
const rows: Row[] = [{ id: '1', when: '5 December 2026', what: 'Allocated' }];

const render = (rowHeader?: boolean) =>
  renderToStaticMarkup(
    createElement(
      MemoryRouter,
      null,
      createElement(DataTable<Row>, { caption: 'History', columns, rows, rowKey: (r) => r.id, rowHeader }),
    ),
  );

describe('DataTable', () => {
  it('makes the first column the row header by default', () => {
    const html = render();
    expect(html).toContain('<th scope="row" class="nhsuk-table__header" role="rowheader">');
    expect(html.match(/role="cell"/g)).toHaveLength(1);
  });

  it('renders every column as a cell when no column names the row', () => {
    const html = render(false);
    expect(html).not.toContain('role="rowheader"');
    expect(html.match(/role="cell"/g)).toHaveLength(2);
    // Each value keeps its column heading for the narrow-screen cards.
    expect(html).toContain('<span class="nhsuk-table__heading" aria-hidden="true">When </span>');
  });

  it('aligns figures right, sizes the caption, explains a terse heading and adds a totals row that becomes a card', () => {
    interface Member {
      name: string;
      fte: string;
    }
    const html = renderToStaticMarkup(
      createElement(DataTable<Member>, {
        caption: 'Team',
        captionSize: 'm',
        columns: [
          { header: 'Name', cell: (m) => m.name },
          { header: 'Role', cell: () => 'Coach' },
          { header: 'FTE', numeric: true, headerNote: 'full-time equivalent', cell: (m) => m.fte },
        ],
        rows: [{ name: 'Aisha Khan', fte: '0.8' }],
        rowKey: (m) => m.name,
        totals: { label: 'Whole team', cells: { FTE: '0.8' } },
      }),
    );
    expect(html).toContain('<caption class="nhsuk-table__caption nhsuk-table__caption--m">Team</caption>');
    expect(html).toContain(
      'class="nhsuk-table__header nhsuk-table__header--numeric" role="columnheader">FTE<span class="nhsuk-u-visually-hidden"> (full-time equivalent)</span></th>',
    );
    expect(html.match(/nhsuk-table__cell nhsuk-table__cell--numeric/g)).toHaveLength(2);
    const foot = html.slice(html.indexOf('<tfoot'));
    // The foot is styled as body rows, so the responsive table turns it into a card like the others.
    expect(foot).toMatch(/^<tfoot class="nhsuk-table__body" role="rowgroup">/);
    expect(foot).toContain('role="rowheader">Whole team</th>');
    // An empty cell of the totals has no heading on its card; a filled one has.
    expect(foot).not.toContain('>Role </span>');
    // …and no line of its own there (waymark.css hides it below the desktop breakpoint).
    expect(foot.match(/waymark-table__cell--empty/g)).toHaveLength(1);
    expect(foot).toContain('<span class="nhsuk-table__heading" aria-hidden="true">FTE </span><span>0.8</span>');
  });
});
