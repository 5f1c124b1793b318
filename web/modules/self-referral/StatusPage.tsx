import { type FormEvent, useState } from 'react';
import type { SelfReferralStatus } from '../../../common/self-referral';
import { isProblemAnswer } from '../../ui/api-problem';
import { Button } from '../../ui/Button';
import { ErrorSummary } from '../../ui/ErrorSummary';
import { ErrorMessage, TextField } from '../../ui/FormFields';
import { type FormErrors, hasErrors, NO_ERRORS, phrase, summaryOf } from '../../ui/form-errors';
import { SummaryList } from '../../ui/SummaryList';
import { usePageTitle } from '../../ui/use-page-title';
import { STATUS } from './copy';
import { checkStatus } from './journey';
import { DateParts } from './question-parts';

const LABELS: Record<string, string> = { reference: STATUS.reference, dateOfBirth: STATUS.dateOfBirth };

/** A resident checks a self-referral with its reference and date of birth: the status and how to reach the team. */
export function StatusPage() {
  const [reference, setReference] = useState('');
  const [dateOfBirth, setDateOfBirth] = useState('');
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [answer, setAnswer] = useState<SelfReferralStatus | null>(null);
  /** A self-referral straight to a community group (its reference begins OR-): the group answers it. */
  const toGroup = answer?.reference.startsWith('OR-') ?? false;
  const [busy, setBusy] = useState(false);
  usePageTitle(answer ? `${STATUS.statusTitle}: ${answer.title}` : STATUS.title, hasErrors(errors));

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setAnswer(null);
    try {
      setAnswer(await checkStatus(reference, dateOfBirth));
      setErrors(NO_ERRORS);
    } catch (error) {
      const problem = isProblemAnswer(error) ? error.problem : null;
      const fields: Record<string, string> = {};
      for (const e of problem?.errors ?? []) fields[e.field] ??= phrase(LABELS[e.field] ?? e.field, e.message);
      setErrors({
        fields,
        form: Object.keys(fields).length > 0 ? null : (problem?.detail ?? 'Sorry, something went wrong. Try again.'),
      });
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <ErrorSummary errors={summaryOf(errors, ['reference', 'dateOfBirth'])} revision={errors} />
        <h1>{STATUS.title}</h1>
        <p>{STATUS.lede}</p>
        <form noValidate onSubmit={onSubmit}>
          <TextField
            id="reference"
            label={STATUS.reference}
            hint={STATUS.referenceHint}
            width={10}
            autoComplete="off"
            spellCheck={false}
            value={reference}
            error={errors.fields.reference}
            onChange={setReference}
          />
          <div className={`nhsuk-form-group${errors.fields.dateOfBirth ? ' nhsuk-form-group--error' : ''}`}>
            <fieldset
              className="nhsuk-fieldset"
              aria-describedby={`status-birth-hint${errors.fields.dateOfBirth ? ' status-birth-error' : ''}`}
            >
              <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">{STATUS.dateOfBirth}</legend>
              <div className="nhsuk-hint" id="status-birth-hint">
                {STATUS.dateHint}
              </div>
              <ErrorMessage id="status-birth" error={errors.fields.dateOfBirth} />
              <DateParts id="dateOfBirth" value="" error={errors.fields.dateOfBirth} onChange={setDateOfBirth} />
            </fieldset>
          </div>
          <Button aria-disabled={busy || undefined}>{STATUS.button}</Button>
        </form>
        {answer && (
          <section aria-labelledby="status-heading" role="status">
            <h2 id="status-heading">
              {STATUS.statusTitle}: {answer.title}
            </h2>
            <p>{answer.detail}</p>
            <h3>{toGroup ? STATUS.group : STATUS.team}</h3>
            <SummaryList
              rows={[
                { key: toGroup ? 'Group' : 'Team', value: answer.team.name },
                ...(answer.team.phone ? [{ key: STATUS.phone, value: answer.team.phone }] : []),
                ...(answer.team.email ? [{ key: STATUS.email, value: answer.team.email }] : []),
              ]}
            />
          </section>
        )}
      </div>
    </div>
  );
}
