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
});
