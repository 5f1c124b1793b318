import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { FigureTableView } from './FigureTableView';
import { sourcesStacked, waitsByMonth } from './figure-fixtures';

const render = (table = waitsByMonth) => renderToStaticMarkup(createElement(FigureTableView, { table }));
const count = (html: string, pattern: RegExp) => html.match(new RegExp(pattern, 'g'))?.length ?? 0;

describe('a figure table on the page', () => {
  it('draws an SVG named by its title and summary, with <title> and <desc>', () => {
    const html = render();
    expect(html).toMatch(/<svg role="img" aria-label="Working days to first contact, by month\. Line chart of median/);
    expect(html).toContain('<title>Working days to first contact, by month</title>');
    expect(html).toMatch(/<desc>Line chart of median and 90th centile/);
  });

  it('breaks a line at a hidden or missing month instead of drawing it as 0', () => {
    const html = render();
    // April, then June: each series is two separate runs of a single point (May is "*", July null).
    expect(count(html, /<polyline /)).toBe(4);
    expect(count(html, />\*<\/text>/)).toBe(2);
  });

  it('gives the same figures as an NHS.UK table with caption, column and row headers, and a totals row', () => {
    const html = render();
    expect(html).toMatch(/<caption class="nhsuk-table__caption[^"]*">Working days to first contact, by month/);
    expect(html).toContain('<th scope="col" class="nhsuk-table__header">Month</th>');
    expect(html).toContain('<th scope="col" class="nhsuk-table__header nhsuk-table__header--numeric">Median</th>');
    expect(html).toContain('<th scope="row" class="nhsuk-table__header">April 2026</th>');
    expect(html).toContain('>81.3%</td>');
    expect(html).toContain('>1,235</td>');
    expect(html).toMatch(
      /<tfoot><tr class="nhsuk-table__row waymark-figure-table__total"><th scope="row"[^>]*>All months/,
    );
    expect(html).toContain('Working days leave out weekends');
  });

  it('shows a hidden figure as "*" and a missing one as "–"', () => {
    const html = render();
    expect(count(html, /nhsuk-table__cell--numeric">\*<\/td>/)).toBe(4);
    expect(count(html, /nhsuk-table__cell--numeric">–<\/td>/)).toBe(3);
  });

  it('stacks a category’s counts, drawing no part for a hidden count but marking it "*"', () => {
    const html = render(sourcesStacked);
    expect(count(html, /class="waymark-figure-chart__stack"/)).toBe(3);
    expect(html).toContain(
      'aria-label="Referrals by source. Stacked bar chart of gp practice and self-referral by practice',
    );
    expect(html).toContain('* a small number, not shown');
  });

  it('draws no chart where the table asks for none, and says so when there are no rows', () => {
    expect(render({ ...waitsByMonth, chart: 'none' })).not.toContain('<svg');
    expect(render({ ...waitsByMonth, rows: [], total: null })).toContain('No records for these filters.');
  });
});
