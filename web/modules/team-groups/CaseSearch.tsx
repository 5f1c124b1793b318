import { type FormEvent, useState } from 'react';
import { formatNhsNumber } from '../../../common/nhs-number';
import { useSubmit } from '../../app/use-submit';
import { Button } from '../../ui/Button';
import { ErrorSummary } from '../../ui/ErrorSummary';
import { TextField } from '../../ui/FormFields';
import { summaryOf } from '../../ui/form-errors';
import { formatDate } from '../referrals/referral-format';
import { findOpenCases, type OpenCase } from './team-groups-api';

/**
 * Finds one of the team's open cases by the person's name or NHS number, and offers an action on
 * each (add to a register, match with a befriender). Every search is audited: it shows names.
 */
export function CaseSearch({
  id,
  heading,
  hint,
  actionLabel,
  exclude = [],
  busyWith,
  onPick,
}: {
  id: string;
  heading: string;
  hint: string;
  /** The button on each result, e.g. "Add to register"; the person's name follows for screen readers. */
  actionLabel: string;
  /** Cases already chosen (not offered again). */
  exclude?: readonly string[];
  /** The case whose action is under way. */
  busyWith?: string;
  onPick: (found: OpenCase) => void;
}) {
  const [q, setQ] = useState('');
  const [found, setFound] = useState<{ q: string; cases: OpenCase[] } | null>(null);
  const search = useSubmit({
    mutationFn: findOpenCases,
    labels: { q: 'Name or NHS number' },
    onSuccess: (cases: OpenCase[], text: string) => setFound({ q: text, cases }),
  });
  const { errors, setErrors } = search;
  const results = found?.cases.filter((c) => !exclude.includes(c.referralId)) ?? null;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const text = q.trim();
    if (text.length < 2) {
      return setErrors({ fields: { q: 'Enter at least 2 characters of a name or an NHS number' }, form: null });
    }
    void search.submit(text);
  }

  return (
    <section aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{heading}</h2>
      <form onSubmit={submit} noValidate aria-labelledby={`${id}-heading`}>
        <ErrorSummary errors={summaryOf(errors, ['q'], undefined, { q: `${id}-q` })} revision={errors} />
        <TextField
          id={`${id}-q`}
          label="Name or NHS number"
          hint={hint}
          value={q}
          error={errors.fields.q}
          width={20}
          onChange={setQ}
        />
        <Button variant="secondary" aria-disabled={search.busy || undefined}>
          {search.busy ? 'Searching…' : 'Search'}
        </Button>
      </form>
      {results && (
        <div aria-live="polite">
          {results.length === 0 ? (
            <p>No open case of your team matches “{found?.q}”.</p>
          ) : (
            <ul className="nhsuk-list nhsuk-list--border">
              {results.map((c) => (
                <li key={c.referralId} className="waymark-pick">
                  <span>
                    <strong>{c.personName}</strong>
                    <br />
                    <span className="nhsuk-body-s">
                      {c.nhsNumber ? `NHS number ${formatNhsNumber(c.nhsNumber)} · ` : ''}
                      Born {formatDate(c.dateOfBirth)}
                      {c.workerName ? ` · worker ${c.workerName}` : ''}
                    </span>
                  </span>
                  <Button
                    type="button"
                    variant="secondary"
                    small
                    className="nhsuk-u-margin-bottom-0"
                    aria-disabled={busyWith === c.referralId || undefined}
                    onClick={() => onPick(c)}
                  >
                    {actionLabel}
                    <span className="nhsuk-u-visually-hidden">: {c.personName}</span>
                  </Button>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </section>
  );
}
