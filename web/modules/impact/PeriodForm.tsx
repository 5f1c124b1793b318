import type { FormEvent } from 'react';
import { Button } from '../../ui/Button';
import { DateInput, readDate } from '../../ui/DateInput';
import type { FormErrors } from '../../ui/form-errors';
import type { ImpactPeriod } from './impact-api';

/** The period the figures cover; submitting puts it in the address (bookmarkable). */
export function PeriodForm({
  period,
  errors,
  onChoose,
  onInvalid,
}: {
  period: { from: string; to: string };
  errors: FormErrors;
  onChoose: (period: ImpactPeriod) => void;
  onInvalid: (errors: FormErrors) => void;
}) {
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const from = readDate(form, 'from', 'From');
    const to = readDate(form, 'to', 'To');
    const fields: Record<string, string> = {};
    if (from.error) fields.from = from.error;
    if (to.error) fields.to = to.error;
    if (from.value && to.value && from.value > to.value) fields.to = 'To must be the same as or after from';
    if (Object.keys(fields).length > 0) onInvalid({ fields, form: null });
    else onChoose({ from: from.value, to: to.value });
  }

  return (
    <form onSubmit={submit} noValidate className="waymark-search-form">
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-one-half">
          <DateInput
            id="from"
            legend="From"
            hint="For example 1 4 2026"
            defaultValue={period.from}
            error={errors.fields.from}
          />
        </div>
        <div className="nhsuk-grid-column-one-half">
          <DateInput
            id="to"
            legend="To"
            hint="For example 31 3 2027"
            defaultValue={period.to}
            error={errors.fields.to}
          />
        </div>
      </div>
      <Button variant="secondary">Show this period</Button>
    </form>
  );
}
