import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { NO_ERRORS } from '../../ui/form-errors';
import { csvPath, filtersFrom, sectionPath } from './analytics-api';
import { FilterForm } from './FilterForm';
import { options } from './figure-fixtures';

const render = (ownPcnOnly: boolean, shown = {}) =>
  renderToStaticMarkup(
    createElement(FilterForm, {
      action: '/analytics/waits',
      options: options(ownPcnOnly),
      shown,
      errors: { fields: { to: 'To must be the same month as "from" or later' }, form: null },
      onChoose: () => {},
    }),
  );

describe('the filter form', () => {
  it('is a GET form, so the filters go into the address', () => {
    const html = render(false);
    expect(html).toMatch(/<form [^>]*action="\/analytics\/waits" method="get">/);
    for (const name of ['pcnId', 'practiceId', 'from', 'to', 'role']) expect(html).toContain(`name="${name}"`);
  });

  it('offers a commissioner every PCN, and the practices of the chosen PCN only', () => {
    const none = render(false);
    expect(none).toContain('>Hillview PCN</option>');
    expect(none).not.toContain('Riverside Surgery');
    const riverside = render(false, { pcnId: '11111111-1111-4111-8111-111111111111' });
    expect(riverside).toContain('>Riverside Surgery</option>');
    expect(riverside).not.toContain('Hillview Medical Centre');
  });

  it('offers a team lead no PCN to choose, and their own PCN’s practices', () => {
    const html = render(true);
    expect(html).not.toContain('id="pcnId"');
    expect(html).toContain('>Riverside Surgery</option>');
  });

  it('shows an error beside its field', () => {
    expect(render(false)).toMatch(/id="to-error"><span class="nhsuk-u-visually-hidden">Error:<\/span> To must be/);
    expect(NO_ERRORS.form).toBeNull();
  });
});

describe('the addresses of the figures', () => {
  it('reads only the known filters from the address, leaving blanks out', () => {
    const search = new URLSearchParams('pcnId=abc&practiceId=&from=2026-04&to=2026-06&evil=1&role=link_worker');
    expect(filtersFrom(search)).toEqual({ pcnId: 'abc', from: '2026-04', to: '2026-06', role: 'link_worker' });
  });

  it('puts the same filters on the page and on its CSV', () => {
    const filters = { pcnId: 'abc', from: '2026-04', to: '2026-06' };
    expect(sectionPath('waits', filters)).toBe('/analytics/waits?pcnId=abc&from=2026-04&to=2026-06');
    expect(csvPath('waits', filters)).toBe('/api/analytics/waits.csv?pcnId=abc&from=2026-04&to=2026-06');
  });
});
