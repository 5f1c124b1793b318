import { Textarea } from 'nhsuk-react-components';
import { type FormEvent, useState } from 'react';
import { Link } from 'react-router';
import {
  DISCHARGE_REASON_LABELS,
  DISCHARGE_REASONS,
  DISCHARGE_SUMMARY_MAX,
  type DischargeReason,
  type PlannedContact,
} from '../../../common/cases';
import { useSubmit } from '../../app/use-submit';
import { Button } from '../../ui/Button';
import { ErrorSummary } from '../../ui/ErrorSummary';
import { NO_ERRORS, summaryOf } from '../../ui/form-errors';
import { Radios } from '../../ui/Radios';
import { formatWhen } from '../referrals/referral-format';
import { ConflictMessage } from '../triage/ConflictMessage';
import { dischargeCase } from './cases-api';

const LABELS = { reason: 'Reason', summary: 'Summary' };

/**
 * Discharge with a reason and a summary; this writes the message back to the GP. A discharge
 * cannot be undone, so the worker confirms it first, told what it closes and which booked
 * contacts it cancels.
 */
export function DischargeForm({
  referralId,
  version,
  who,
  planned,
  onSaved,
  onReload,
}: {
  referralId: string;
  version: number;
  /** The person's name, for the confirmation. */
  who: string;
  /** The contacts still booked: a discharge cancels them. */
  planned: PlannedContact[];
  onSaved: (notice: string) => void;
  onReload: () => void;
}) {
  const [conflict, setConflict] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<{ reason: DischargeReason; summary: string } | null>(null);
  const write = useSubmit({
    mutationFn: (body: { reason: DischargeReason; summary: string }) => dischargeCase(referralId, { version, ...body }),
    labels: LABELS,
    onConflict: setConflict,
    onSuccess: () => onSaved('Discharged. The message back to the GP is ready and the practice has been told.'),
    // Back to the form, where the errors (or the conflict) are shown.
    onError: () => setConfirming(null),
  });
  const { busy, errors, setErrors } = write;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const reason = String(form.get('reason') ?? '') as DischargeReason;
    const summary = String(form.get('summary') ?? '').trim();
    const fields: Record<string, string> = {};
    if (!reason) fields.reason = 'Select why the person is being discharged';
    if (!summary) fields.summary = 'Enter a summary for the GP';
    else if (summary.length > DISCHARGE_SUMMARY_MAX) fields.summary = 'Summary must be 2,000 characters or fewer';
    if (Object.keys(fields).length > 0) return setErrors({ fields, form: null });
    setErrors(NO_ERRORS);
    setConfirming({ reason, summary });
  }

  async function discharge() {
    if (!confirming) return;
    await write.submit(confirming);
  }

  return (
    <>
      {confirming && (
        <section className="nhsuk-warning-callout" aria-labelledby="discharge-check-heading">
          <h2 className="nhsuk-warning-callout__label" id="discharge-check-heading">
            <span className="nhsuk-u-visually-hidden">Important: </span>
            Discharge {who}?
          </h2>
          <p>Discharging cannot be undone. It will:</p>
          <ul>
            <li>close the case: no more contacts or notes can be recorded</li>
            <li>write the message back to the GP, with its SNOMED CT codes, and tell the practice</li>
            {planned.length > 0 ? (
              <li>
                cancel {planned.length === 1 ? 'this booked contact' : `these ${planned.length} booked contacts`}:
                <ul>
                  {planned.map((p) => (
                    <li key={p.id}>
                      {formatWhen(p.at)}, {p.modeLabel.toLowerCase()}
                      {p.purpose ? ` (${p.purpose})` : ''}
                    </li>
                  ))}
                </ul>
              </li>
            ) : (
              <li>cancel nothing: no contacts are booked</li>
            )}
          </ul>
          <div className="nhsuk-button-group">
            <Button type="button" variant="warning" aria-disabled={busy || undefined} onClick={() => void discharge()}>
              {busy ? 'Discharging…' : 'Yes, discharge and send to the GP'}
            </Button>
            <Button type="button" variant="secondary" onClick={() => setConfirming(null)}>
              Go back
            </Button>
          </div>
        </section>
      )}
      <form onSubmit={submit} noValidate aria-labelledby="discharge-heading" hidden={!!confirming}>
        <h2 id="discharge-heading">Discharge</h2>
        {conflict && <ConflictMessage message={conflict} onReload={onReload} />}
        <ErrorSummary errors={summaryOf(errors, ['reason', 'summary'])} revision={errors} />
        <div className="nhsuk-inset-text">
          <span className="nhsuk-u-visually-hidden">Information: </span>
          <p>
            Before you discharge,{' '}
            <Link to={`/referrals/${referralId}/measures`}>record the discharge outcome measures</Link> (ONS4, SWEMWBS,
            UCLA-3, PAM) so the GP sees the change since the baseline.
          </p>
        </div>
        <Radios
          name="reason"
          legend="Why is the person being discharged?"
          error={errors.fields.reason}
          options={DISCHARGE_REASONS.map((r) => ({
            value: r,
            label: DISCHARGE_REASON_LABELS[r],
            hint:
              r === 'declined_further_support'
                ? 'Also coded SNOMED CT 871711000000103 (social prescribing declined)'
                : undefined,
          }))}
        />
        <Textarea
          id="summary"
          name="summary"
          label="Summary for the GP"
          hint="What support was given and how the person is now. Up to 2,000 characters. The practice reads this."
          rows={5}
          error={errors.fields.summary}
        />
        <Button>Discharge and send to the GP</Button>
      </form>
    </>
  );
}
