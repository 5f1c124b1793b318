import { type FormEvent, useState } from 'react';
import type { EqualityAnswers as Answers } from '../../../common/equality';
import { useSubmit } from '../../app/use-submit';
import { Button } from '../../ui/Button';
import { ErrorSummary } from '../../ui/ErrorSummary';
import { summaryOf } from '../../ui/form-errors';
import { SummaryList } from '../../ui/SummaryList';
import { EQUALITY_HINT, EqualityFields } from '../referrals/EqualityFields';
import { EQUALITY_FIELDS, EQUALITY_LABELS, equalityText, readEqualityAnswers } from '../referrals/equality-form';
import { ConflictMessage } from '../triage/ConflictMessage';
import { type EqualityAnswersBody, updateEqualityAnswers } from './cases-api';

const PREFIX = 'equality-';

/** The person's equality answers on their record, and (for the worker on the case) a form to change them. */
export function EqualityAnswers({
  referralId,
  answers,
  version,
  mayWrite,
  onSaved,
  onReload,
}: {
  referralId: string;
  answers: Answers;
  version: number;
  mayWrite: boolean;
  onSaved: (notice: string) => void;
  onReload: () => void;
}) {
  const [conflict, setConflict] = useState<string | null>(null);
  const shown = equalityText(answers);
  const write = useSubmit({
    mutationFn: (body: EqualityAnswersBody) => updateEqualityAnswers(referralId, body),
    labels: EQUALITY_LABELS,
    onConflict: setConflict,
    onSuccess: () => onSaved('Equality answers saved'),
  });
  const { busy, errors } = write;
  // The API names its fields "sex" etc.; the form's ids carry a prefix so they are unique on the page.
  const fieldErrors = Object.fromEntries(Object.entries(errors.fields).map(([f, m]) => [`${PREFIX}${f}`, m]));

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void write.submit({ ...readEqualityAnswers(new FormData(event.currentTarget), PREFIX, null), version });
  }

  return (
    <section aria-labelledby="equality-heading">
      <h2 id="equality-heading">About the person</h2>
      <SummaryList
        rows={[
          { key: EQUALITY_LABELS.sex, value: shown.sex },
          { key: EQUALITY_LABELS.genderIdentity, value: shown.genderIdentity },
          { key: EQUALITY_LABELS.ethnicity, value: shown.ethnicity },
        ]}
      />
      {mayWrite && (
        <details className="nhsuk-details" open={!!conflict || Object.keys(errors.fields).length > 0 || undefined}>
          <summary className="nhsuk-details__summary">
            <span className="nhsuk-details__summary-text">Change their equality answers</span>
          </summary>
          <div className="nhsuk-details__text">
            <form onSubmit={submit} noValidate aria-label="Equality answers">
              {conflict && <ConflictMessage message={conflict} onReload={onReload} />}
              <ErrorSummary
                errors={summaryOf(errors, [...EQUALITY_FIELDS], undefined, {
                  sex: `${PREFIX}sex`,
                  genderIdentity: `${PREFIX}genderIdentity`,
                  genderIdentityDescription: `${PREFIX}genderIdentityDescription`,
                  ethnicity: `${PREFIX}ethnicity`,
                })}
                revision={errors}
              />
              <p className="nhsuk-hint">{EQUALITY_HINT}</p>
              <EqualityFields prefix={PREFIX} errors={fieldErrors} initial={answers} />
              <Button variant="secondary" aria-disabled={busy || undefined}>
                {busy ? 'Saving…' : 'Save equality answers'}
              </Button>
            </form>
          </div>
        </details>
      )}
    </section>
  );
}
