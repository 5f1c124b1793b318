import { Select, TextInput } from 'nhsuk-react-components';
import { type FormEvent, useState } from 'react';
import { WEEKDAY_LABELS, WEEKDAYS } from '../../../common/directory';
import { Button } from '../../ui/Button';
import type { FormErrors } from '../../ui/form-errors';
import type { DirectoryCategory } from './directory-api';
import { DISTANCE_OPTIONS, formFromFormData, type DirectorySearchForm as SearchForm } from './search-params';

/** The labels of the form's fields, by the API parameter each one sets (errors name those). */
export const SEARCH_LABELS: Record<string, string> = {
  text: 'What are you looking for',
  category: 'Category',
  postcode: 'Your postcode',
  within_miles: 'Distance',
  age: 'Age',
  day: 'Open on',
  sort: 'Sort by',
  include_closed: 'Include closed services',
};
export const SEARCH_ORDER = Object.keys(SEARCH_LABELS);

/**
 * A GET form: `action` and field names make the same address the page builds, so it would work
 * as a plain form too; with scripts, submitting changes the address without a page load.
 */
export function DirectorySearchForm({
  form,
  staff,
  categories,
  errors,
  onSearch,
}: {
  form: SearchForm;
  staff: boolean;
  categories: DirectoryCategory[] | undefined;
  errors: FormErrors;
  onSearch: (form: SearchForm) => void;
}) {
  // Controlled, so a shared link's category stays chosen when the list of categories arrives
  // (the form is not redrawn then: that would throw away what the person has typed meanwhile).
  const [category, setCategory] = useState(form.category);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    onSearch(formFromFormData(new FormData(event.currentTarget)));
  }

  return (
    <form method="get" action="/directory" onSubmit={submit} noValidate aria-labelledby="search-heading">
      <h2 id="search-heading" className="nhsuk-heading-m">
        Search
      </h2>
      <TextInput
        id="text"
        name="text"
        label="What are you looking for?"
        hint="For example, walking group, debt advice or support for carers"
        defaultValue={form.text}
        autoComplete="off"
        error={errors.fields.text}
      />
      <Select
        id="category"
        name="category"
        label="Category"
        value={category}
        onChange={(event) => setCategory(event.currentTarget.value)}
        error={errors.fields.category}
      >
        <Select.Option value="">Any category</Select.Option>
        {/* Keeps a category from a shared link selected while the list loads. */}
        {!categories && form.category && <Select.Option value={form.category}>Selected category</Select.Option>}
        {categories?.map((category) => (
          <Select.Option key={category.id} value={category.id}>
            {category.name}
          </Select.Option>
        ))}
      </Select>
      <TextInput
        id="postcode"
        name="postcode"
        label="Your postcode"
        hint="To find services near you, for example LS1 4AP"
        width={10}
        defaultValue={form.postcode}
        autoComplete="postal-code"
        spellCheck={false}
        className="waymark-uppercase"
        error={errors.fields.postcode}
      />
      <Select
        id="within_miles"
        name="within_miles"
        label="Distance"
        hint="How far from your postcode. Online services and services for the whole area are always shown."
        defaultValue={form.within_miles}
        error={errors.fields.within_miles}
      >
        {DISTANCE_OPTIONS.map((miles) => (
          <Select.Option key={miles} value={String(miles)}>
            Within {miles} {miles === 1 ? 'mile' : 'miles'}
          </Select.Option>
        ))}
      </Select>
      <TextInput
        id="age"
        name="age"
        label="Age"
        hint="The age of the person the service is for, in years"
        width={3}
        inputMode="numeric"
        defaultValue={form.age}
        autoComplete="off"
        error={errors.fields.age}
      />
      <Select id="day" name="day" label="Open on" defaultValue={form.day} error={errors.fields.day}>
        <Select.Option value="">Any day</Select.Option>
        {WEEKDAYS.map((day) => (
          <Select.Option key={day} value={day}>
            {WEEKDAY_LABELS[day]}
          </Select.Option>
        ))}
      </Select>
      <Select id="sort" name="sort" label="Sort by" defaultValue={form.sort} error={errors.fields.sort}>
        <Select.Option value="relevance">Best match</Select.Option>
        <Select.Option value="distance">Distance from your postcode</Select.Option>
        <Select.Option value="name">Name (A to Z)</Select.Option>
      </Select>
      {staff && (
        <div className={`nhsuk-form-group${errors.fields.include_closed ? ' nhsuk-form-group--error' : ''}`}>
          {errors.fields.include_closed && (
            <span className="nhsuk-error-message" id="include_closed-error">
              <span className="nhsuk-u-visually-hidden">Error:</span> {errors.fields.include_closed}
            </span>
          )}
          <div className="nhsuk-checkboxes">
            <div className="nhsuk-checkboxes__item">
              <input
                className="nhsuk-checkboxes__input"
                id="include_closed"
                name="include_closed"
                type="checkbox"
                value="true"
                defaultChecked={form.include_closed}
                aria-describedby={`include_closed-hint${errors.fields.include_closed ? ' include_closed-error' : ''}`}
              />
              <label className="nhsuk-label nhsuk-checkboxes__label" htmlFor="include_closed">
                Include closed services
              </label>
              <div className="nhsuk-hint nhsuk-checkboxes__hint" id="include_closed-hint">
                Temporarily closed and retired listings. Only staff see these.
              </div>
            </div>
          </div>
        </div>
      )}
      <Button>Search</Button>
    </form>
  );
}
