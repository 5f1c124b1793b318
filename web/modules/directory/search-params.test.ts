import { describe, expect, it } from 'vitest';
import { checkForm, formFromFormData, formFromParams, pageHref, paramsFromForm } from './search-params';

describe('directory search in the address bar', () => {
  it('reads a shared search back into the form', () => {
    const form = formFromParams(
      new URLSearchParams(
        'text=walking&category=c1&postcode=LS1+4AP&within_miles=3&age=70&day=tu&sort=distance&page=2',
      ),
    );
    expect(form).toEqual({
      text: 'walking',
      category: 'c1',
      postcode: 'LS1 4AP',
      within_miles: '3',
      age: '70',
      day: 'TU',
      sort: 'distance',
      include_closed: false,
      page: 2,
    });
  });

  it('falls back to the defaults for missing or unknown values', () => {
    const form = formFromParams(new URLSearchParams('day=XX&sort=random&page=-3'));
    expect(form.day).toBe('');
    expect(form.sort).toBe('relevance');
    expect(form.page).toBe(1);
    expect(form.within_miles).toBe('5');
  });

  it('writes only what was set, and the distance only with a postcode', () => {
    const noPostcode = paramsFromForm(formFromParams(new URLSearchParams('text=debt&within_miles=10')), false);
    expect(noPostcode.toString()).toBe('text=debt');
    const withPostcode = paramsFromForm(formFromParams(new URLSearchParams('postcode=LS1 4AP')), false);
    expect(withPostcode.get('within_miles')).toBe('5');
    expect(withPostcode.has('sort')).toBe(false);
  });

  it('keeps "include closed" for staff only', () => {
    const form = formFromParams(new URLSearchParams('include_closed=true'));
    expect(paramsFromForm(form, true).get('include_closed')).toBe('true');
    expect(paramsFromForm(form, false).has('include_closed')).toBe(false);
  });

  it('a round trip through the address bar keeps the search', () => {
    const query =
      'text=art&category=c2&postcode=LS1+4AP&within_miles=25&age=30&day=SA&sort=name&include_closed=true&page=3';
    expect(paramsFromForm(formFromParams(new URLSearchParams(query)), true).toString()).toBe(query);
  });

  it('a submitted form starts again at the first page', () => {
    const data = new FormData();
    data.set('text', '  choir ');
    data.set('within_miles', '10');
    data.set('sort', 'name');
    const form = formFromFormData(data);
    expect(form).toMatchObject({ text: 'choir', sort: 'name', page: 1 });
  });

  it('links to another page of the same search', () => {
    const form = formFromParams(new URLSearchParams('text=food&page=2'));
    expect(pageHref(form, false, 3)).toBe('/directory?text=food&page=3');
    expect(pageHref(form, false, 1)).toBe('/directory?text=food');
  });

  it('checks the age and that sorting by distance has a postcode', () => {
    const base = formFromParams(new URLSearchParams());
    expect(checkForm({ ...base, age: 'ten' })).toEqual({ age: 'Age must be a whole number, like 42' });
    expect(checkForm({ ...base, age: '131' })).toEqual({ age: 'Age must be 130 or less' });
    expect(checkForm({ ...base, age: '42' })).toEqual({});
    expect(checkForm({ ...base, sort: 'distance' })).toHaveProperty('postcode');
    expect(checkForm({ ...base, sort: 'distance', postcode: 'LS1 4AP' })).toEqual({});
  });
});
