import { type FormEvent, useState } from 'react';
import { ANALYTICS_ROLES, type AnalyticsOptions } from '../../../common/analytics';
import { ROLE_LABELS } from '../../../common/roles';
import { Button } from '../../ui/Button';
import { SelectField } from '../../ui/FormFields';
import type { FormErrors } from '../../ui/form-errors';
import { FILTER_KEYS, type FigureFilters } from './analytics-api';
import { monthText } from './figure-format';

export const FILTER_LABELS = { pcnId: 'PCN', practiceId: 'Practice', from: 'From', to: 'To', role: 'Whose work' };

/**
 * Which figures: submitted as a GET, so the filters live in the address and a link to the page
 * shows the same figures. A team lead has one PCN, so is offered no PCN to choose.
 */
export function FilterForm({
  action,
  options,
  shown,
  errors,
  onChoose,
}: {
  action: string;
  options: AnalyticsOptions;
  /** The filters in force: the address's, else the defaults. */
  shown: FigureFilters;
  errors: FormErrors;
  onChoose: (filters: FigureFilters) => void;
}) {
  const [draft, setDraft] = useState<FigureFilters>(shown);
  const set = (key: keyof FigureFilters) => (value: string) => setDraft((d) => ({ ...d, [key]: value }));
  const pcn = options.ownPcnOnly ? options.pcns[0] : options.pcns.find((p) => p.id === draft.pcnId);
  const months = options.months.map((m) => ({ value: m, text: monthText(m) }));

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const chosen: FigureFilters = {};
    for (const key of FILTER_KEYS) if (draft[key]) chosen[key] = draft[key];
    if (options.ownPcnOnly) delete chosen.pcnId;
    onChoose(chosen);
  }

  return (
    <form method="get" action={action} onSubmit={submit} noValidate className="waymark-figures-filters">
      <div className="nhsuk-grid-row">
        {!options.ownPcnOnly && (
          <div className="nhsuk-grid-column-one-half">
            <SelectField
              id="pcnId"
              name="pcnId"
              label={FILTER_LABELS.pcnId}
              value={draft.pcnId ?? ''}
              error={errors.fields.pcnId}
              options={[{ value: '', text: 'All PCNs' }, ...options.pcns.map((p) => ({ value: p.id, text: p.name }))]}
              // A practice belongs to one PCN: choosing another PCN clears it.
              onChange={(value) => setDraft((d) => ({ ...d, pcnId: value, practiceId: '' }))}
            />
          </div>
        )}
        <div className="nhsuk-grid-column-one-half">
          <SelectField
            id="practiceId"
            name="practiceId"
            label={FILTER_LABELS.practiceId}
            hint={pcn ? undefined : 'Choose a PCN to pick one of its practices'}
            value={draft.practiceId ?? ''}
            error={errors.fields.practiceId}
            options={[
              { value: '', text: 'All practices' },
              ...(pcn?.practices ?? []).map((p) => ({ value: p.id, text: p.name })),
            ]}
            onChange={set('practiceId')}
          />
        </div>
      </div>
      <div className="nhsuk-grid-row">
        {(['from', 'to'] as const).map((key) => (
          <div key={key} className="nhsuk-grid-column-one-third">
            <SelectField
              id={key}
              name={key}
              label={FILTER_LABELS[key]}
              value={draft[key] ?? (key === 'from' ? options.defaultFrom : options.defaultTo)}
              error={errors.fields[key]}
              options={months}
              onChange={set(key)}
            />
          </div>
        ))}
        <div className="nhsuk-grid-column-one-third">
          <SelectField
            id="role"
            name="role"
            label={FILTER_LABELS.role}
            value={draft.role ?? ''}
            error={errors.fields.role}
            options={[
              { value: '', text: 'Everyone' },
              ...ANALYTICS_ROLES.map((r) => ({ value: r, text: ROLE_LABELS[r] })),
            ]}
            onChange={set('role')}
          />
        </div>
      </div>
      <Button variant="secondary">Show these figures</Button>
    </form>
  );
}
