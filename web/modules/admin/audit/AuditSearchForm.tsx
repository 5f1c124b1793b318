import { Select, TextInput } from 'nhsuk-react-components';
import type { FormEvent } from 'react';
import { Button } from '../../../ui/Button';
import { DateInput, readDate } from '../../../ui/DateInput';
import type { FormErrors } from '../../../ui/form-errors';
import type { AuditFilters } from './audit-api';

/** Search by who, what, outcome and when. Submitting puts the filters in the address (bookmarkable). */
export function AuditSearchForm({
  filters,
  errors,
  onSearch,
  onInvalid,
}: {
  filters: AuditFilters;
  errors: FormErrors;
  onSearch: (filters: AuditFilters) => void;
  onInvalid: (errors: FormErrors) => void;
}) {
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const value = (name: string) => String(form.get(name) ?? '').trim() || undefined;
    const from = readDate(form, 'from', 'From date');
    const to = readDate(form, 'to', 'To date');
    const next: AuditFilters = {
      actor: value('actor'),
      action: value('action'),
      outcome: value('outcome'),
      entity: value('entity'),
      from: from.value,
      to: to.value,
    };
    const fields: Record<string, string> = {};
    if (from.error) fields.from = from.error;
    if (to.error) fields.to = to.error;
    if (next.from && next.to && next.from > next.to) fields.to = 'To date must be the same as or after the from date';
    if (Object.keys(fields).length > 0) onInvalid({ fields, form: null });
    else onSearch(next);
  }

  return (
    <form onSubmit={submit} noValidate className="waymark-search-form">
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-one-half">
          <TextInput
            id="actor"
            name="actor"
            label="Who"
            hint="Part of a person’s name or email address"
            defaultValue={filters.actor}
            autoComplete="off"
            spellCheck={false}
            error={errors.fields.actor}
          />
        </div>
        <div className="nhsuk-grid-column-one-half">
          <TextInput
            id="action"
            name="action"
            label="Action"
            hint="The start of the action name, like auth.sign-in or user"
            defaultValue={filters.action}
            autoComplete="off"
            spellCheck={false}
            error={errors.fields.action}
          />
        </div>
      </div>
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-one-half">
          <Select
            id="outcome"
            name="outcome"
            label="Outcome"
            defaultValue={filters.outcome ?? ''}
            error={errors.fields.outcome}
          >
            <Select.Option value="">Any outcome</Select.Option>
            <Select.Option value="success">Success</Select.Option>
            <Select.Option value="denied">Denied</Select.Option>
            <Select.Option value="failure">Failure</Select.Option>
          </Select>
        </div>
        <div className="nhsuk-grid-column-one-half">
          <TextInput
            id="entity"
            name="entity"
            label="Record"
            hint="A record type, like user, or a record’s id"
            defaultValue={filters.entity}
            autoComplete="off"
            spellCheck={false}
            error={errors.fields.entity}
          />
        </div>
      </div>
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-one-half">
          <DateInput
            id="from"
            legend="From date"
            hint="Events on or after this day, for example 1 11 2026"
            defaultValue={filters.from}
            error={errors.fields.from}
          />
        </div>
        <div className="nhsuk-grid-column-one-half">
          <DateInput
            id="to"
            legend="To date"
            hint="Events on or before this day, for example 30 11 2026"
            defaultValue={filters.to}
            error={errors.fields.to}
          />
        </div>
      </div>
      <Button>Search the audit log</Button>
    </form>
  );
}
