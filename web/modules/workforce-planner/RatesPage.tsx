import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useSubmit } from '../../app/use-submit';
import { Button } from '../../ui/Button';
import { type DataColumn, DataTable } from '../../ui/DataTable';
import { ErrorSummary } from '../../ui/ErrorSummary';
import { ErrorMessage, SelectField, TextAreaField, TextField } from '../../ui/FormFields';
import { summaryOf } from '../../ui/form-errors';
import { formatDateTime } from '../../ui/format';
import { NotificationBanner } from '../../ui/NotificationBanner';
import { Loading, ServiceProblem } from '../../ui/ServiceProblem';
import { Tag } from '../../ui/Tag';
import { usePageTitle } from '../../ui/use-page-title';
import { changeRate, pounds, type Rate, useRates } from './planner-api';
import './planner.css';

// The ICB administrator's pay points, employer on-cost rates and ARRS maximums (issue 16, point 6):
// each a figure of a financial year with its source, "not entered" until someone enters it, and
// "not confirmed" until someone checks it against that source. A change is this ICB's only.

const LABELS = { code: 'Figure', year: 'Year', amount: 'Amount', verified: 'Confirmed', source: 'Source' };
const ORDER = ['code', 'year', 'amount', 'verified', 'source'];

const shown = (r: Rate) =>
  r.amount === null ? 'Not entered' : r.unit === 'percent' ? `${r.amount} %` : pounds(r.amount);

const COLUMNS = (edit: (r: Rate) => void): DataColumn<Rate>[] => [
  { header: 'Figure', cell: (r) => r.label },
  { header: 'Year', cell: (r) => r.year },
  { header: 'Amount', numeric: true, cell: shown },
  {
    header: 'Status',
    cell: (r) =>
      r.amount === null ? (
        <Tag colour="grey">Not entered</Tag>
      ) : r.verified ? (
        <Tag colour="green">Confirmed</Tag>
      ) : (
        <Tag colour="yellow">Unverified</Tag>
      ),
  },
  {
    header: 'Source',
    cell: (r) => (
      <>
        {r.source}
        {r.changedHere && r.updatedAt && (
          <span className="nhsuk-body-s nhsuk-u-secondary-text-color">
            {' '}
            (changed here {formatDateTime(r.updatedAt)})
          </span>
        )}
      </>
    ),
  },
  {
    header: 'Action',
    hiddenHeader: true,
    cell: (r) => (
      <Button type="button" small variant="secondary" onClick={() => edit(r)}>
        Change<span className="nhsuk-u-visually-hidden"> {`${r.label}, ${r.year}`}</span>
      </Button>
    ),
  },
];

interface Draft {
  code: string;
  year: string;
  amount: string;
  verified: boolean;
  source: string;
}

const EMPTY: Draft = { code: 'pay:5:1', year: '', amount: '', verified: false, source: '' };

export function RatesPage() {
  const { data, error, isPending } = useRates();
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [done, setDone] = useState<string | null>(null);
  const queryClient = useQueryClient();
  const write = useSubmit({
    mutationFn: changeRate,
    labels: LABELS,
    onSuccess: async (r) => {
      setDone(`${r.label}, ${r.year}: ${shown(r)}`);
      await queryClient.invalidateQueries({ queryKey: ['workforce-planner'] });
    },
  });
  const { errors, busy, setErrors } = write;
  usePageTitle('Pay and ARRS figures', Object.keys(errors.fields).length > 0 || errors.form !== null);

  if (error) return <ServiceProblem error={error} />;
  if (isPending) return <Loading what="the figures" />;

  const codes = [...new Map(data.rates.map((r) => [r.code, r.label])).entries()];
  const edit = (r: Rate) => {
    setDone(null);
    setErrors({ fields: {}, form: null });
    setDraft({
      code: r.code,
      year: r.year,
      amount: r.amount === null ? '' : String(r.amount),
      verified: r.verified,
      source: r.source,
    });
    requestAnimationFrame(() => document.getElementById('change-heading')?.focus());
  };

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setDone(null);
    const text = draft.amount.trim().replace(/[£,%\s]/g, '');
    const amount = text === '' ? null : Number(text);
    const fields: Record<string, string> = {};
    if (amount !== null && !Number.isFinite(amount)) fields.amount = 'Enter the amount as a number, or leave it empty';
    if (!/^\d{4}\/\d{2}$/.test(draft.year.trim())) fields.year = 'Enter a financial year, like 2025/26';
    if (Object.keys(fields).length > 0) return setErrors({ fields, form: null });
    void write.submit({
      code: draft.code,
      year: draft.year.trim(),
      amount,
      verified: draft.verified,
      source: draft.source,
    });
  }

  const years = [...data.years].reverse();
  return (
    <>
      <h1>Pay and ARRS figures</h1>
      <p>
        The workforce planner costs each role from these figures: Agenda for Change pay points, employer National
        Insurance and pension rates, and the Additional Roles Reimbursement Scheme (ARRS) maximum reimbursable amount
        per whole-time equivalent. They change every year: enter each year's figures with their source, and mark a
        figure confirmed once you have checked it against that source. A figure left empty is left out of the plan, and
        the planner says so.
      </p>
      {done && <NotificationBanner variant="success" heading={`Figure saved: ${done}`} />}
      {years.map((y) => (
        <DataTable
          key={y}
          caption={`Figures for ${y}`}
          captionSize="m"
          columns={COLUMNS(edit)}
          rows={data.rates.filter((r) => r.year === y)}
          rowKey={(r) => `${r.code}|${r.year}`}
        />
      ))}

      <form onSubmit={submit} noValidate aria-labelledby="change-heading">
        <h2 id="change-heading" tabIndex={-1}>
          Enter or change a figure
        </h2>
        <ErrorSummary errors={summaryOf(errors, ORDER)} revision={errors} />
        <SelectField
          id="code"
          label="Figure"
          value={draft.code}
          error={errors.fields.code}
          options={codes.map(([value, text]) => ({ value, text }))}
          onChange={(code) => setDraft((d) => ({ ...d, code }))}
        />
        <TextField
          id="year"
          label="Year"
          hint="The financial year, like 2025/26. A year with no figures yet is added."
          value={draft.year}
          error={errors.fields.year}
          width={5}
          onChange={(year) => setDraft((d) => ({ ...d, year }))}
        />
        <TextField
          id="amount"
          label="Amount"
          hint="Pounds a year, or a percentage for a rate. Leave empty when the figure is not known."
          value={draft.amount}
          error={errors.fields.amount}
          width={10}
          inputMode="text"
          onChange={(amount) => setDraft((d) => ({ ...d, amount }))}
        />
        <div className={`nhsuk-form-group${errors.fields.verified ? ' nhsuk-form-group--error' : ''}`}>
          <ErrorMessage id="verified" error={errors.fields.verified} />
          <div className="nhsuk-checkboxes nhsuk-checkboxes--small">
            <div className="nhsuk-checkboxes__item">
              <input
                className="nhsuk-checkboxes__input"
                id="verified"
                type="checkbox"
                checked={draft.verified}
                aria-describedby={errors.fields.verified ? 'verified-error' : undefined}
                onChange={(e) => setDraft((d) => ({ ...d, verified: e.target.checked }))}
              />
              <label className="nhsuk-label nhsuk-checkboxes__label" htmlFor="verified">
                Confirmed against the source
              </label>
            </div>
          </div>
        </div>
        <TextAreaField
          id="source"
          label="Source"
          hint="Where the figure comes from: the publication, its date or address."
          value={draft.source}
          error={errors.fields.source}
          rows={3}
          onChange={(source) => setDraft((d) => ({ ...d, source }))}
        />
        <Button aria-disabled={busy || undefined}>{busy ? 'Saving…' : 'Save figure'}</Button>
      </form>
    </>
  );
}
