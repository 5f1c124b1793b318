// The directory search lives in the address bar (GET form semantics): a search can be shared,
// bookmarked and reached again with Back. The URL's parameter names are the API's, so the page
// passes them through unchanged and a 400 from the API names the form field to fix.

import { DIRECTORY_SORTS, type DirectorySort, WEEKDAYS, type Weekday } from '../../../common/directory';

export const DISTANCE_OPTIONS = [1, 3, 5, 10, 25] as const;
export const DEFAULT_DISTANCE = 5;

/** What the search form shows: every value as typed, so a bad value is shown back to be fixed. */
export interface DirectorySearchForm {
  text: string;
  category: string;
  postcode: string;
  within_miles: string;
  age: string;
  day: Weekday | '';
  sort: DirectorySort;
  include_closed: boolean;
  page: number;
}

const FIELDS = ['text', 'category', 'postcode', 'within_miles', 'age', 'day', 'sort', 'include_closed'] as const;

function isWeekday(value: string): value is Weekday {
  return (WEEKDAYS as readonly string[]).includes(value);
}

function isSort(value: string): value is DirectorySort {
  return (DIRECTORY_SORTS as readonly string[]).includes(value);
}

/** Reads the form's values from the address bar's query. Unknown values fall back to the defaults. */
export function formFromParams(params: URLSearchParams): DirectorySearchForm {
  const get = (name: string) => (params.get(name) ?? '').trim();
  const day = get('day').toUpperCase();
  const sort = get('sort');
  const page = Number(get('page'));
  return {
    text: get('text'),
    category: get('category'),
    postcode: get('postcode'),
    within_miles: get('within_miles') || String(DEFAULT_DISTANCE),
    age: get('age'),
    day: isWeekday(day) ? day : '',
    sort: isSort(sort) ? sort : 'relevance',
    include_closed: get('include_closed') === 'true',
    page: Number.isInteger(page) && page > 1 ? page : 1,
  };
}

/**
 * The query for the address bar and the API: only what was set. The distance only means
 * something with a postcode, so it is left out without one; relevance is the default order.
 * `staff` keeps "include closed services", which only staff may ask for.
 */
export function paramsFromForm(form: DirectorySearchForm, staff: boolean): URLSearchParams {
  const params = new URLSearchParams();
  if (form.text) params.set('text', form.text);
  if (form.category) params.set('category', form.category);
  if (form.postcode) {
    params.set('postcode', form.postcode);
    params.set('within_miles', form.within_miles || String(DEFAULT_DISTANCE));
  }
  if (form.age) params.set('age', form.age);
  if (form.day) params.set('day', form.day);
  if (form.sort !== 'relevance') params.set('sort', form.sort);
  if (staff && form.include_closed) params.set('include_closed', 'true');
  if (form.page > 1) params.set('page', String(form.page));
  return params;
}

/** Reads a submitted search form. A new search starts at the first page. */
export function formFromFormData(data: FormData): DirectorySearchForm {
  const params = new URLSearchParams();
  for (const name of FIELDS) {
    const value = data.get(name);
    if (typeof value === 'string') params.set(name, value);
  }
  return { ...formFromParams(params), page: 1 };
}

/** Checks the browser can make before asking the server (which checks everything again). */
export function checkForm(form: DirectorySearchForm): Record<string, string> {
  const errors: Record<string, string> = {};
  if (form.age) {
    if (!/^[0-9]{1,3}$/.test(form.age)) errors.age = 'Age must be a whole number, like 42';
    else if (Number(form.age) > 130) errors.age = 'Age must be 130 or less';
  }
  if (form.sort === 'distance' && !form.postcode) {
    errors.postcode = 'Enter your postcode to sort by distance';
  }
  return errors;
}

/** The address of another page of the same search. */
export function pageHref(form: DirectorySearchForm, staff: boolean, page: number): string {
  const query = paramsFromForm({ ...form, page }, staff).toString();
  return `/directory${query ? `?${query}` : ''}`;
}
