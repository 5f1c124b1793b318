import { Textarea } from 'nhsuk-react-components';
import type { FormEvent } from 'react';
import {
  DECLINE_REASON_LABELS,
  DECLINE_REASONS,
  type DeclineReason,
  ONWARD_TEXT_MAX,
} from '../../../common/onward-referrals';
import { useSubmit } from '../../app/use-submit';
import { Button } from '../../ui/Button';
import { ErrorSummary } from '../../ui/ErrorSummary';
import { NO_ERRORS, summaryOf } from '../../ui/form-errors';
import { Radios } from '../../ui/Radios';
import { answerReferral, type PartnerReferralView, type SendAnswer } from './partner-api';
import { readersOf } from './partner-words';

/** What every answer form is told by its page. */
export interface AnswerFormProps {
  referral: PartnerReferralView;
  /** The answer was saved: say so (the page shows the referral as it now is). */
  onSaved: (notice: string) => void;
  /** Someone answered first (409): the page shows their answer and reloads. */
  onConflict: (detail: string) => void;
  /** Sends the answer: the inbox's API unless given (the secure link's page sends its own way). */
  send?: SendAnswer;
}

/** The form's way to send: the page's, else the inbox's. */
export const sendOf =
  ({ referral, send }: Pick<AnswerFormProps, 'referral' | 'send'>): SendAnswer =>
  (verb, body) =>
    send ? send(verb, body) : answerReferral(referral.id, verb, body);

const tooLong = (text: string) => text.length > ONWARD_TEXT_MAX;

export function AcceptForm({ referral, onSaved, onConflict, send }: AnswerFormProps) {
  const write = useSubmit({
    mutationFn: (body: { note?: string }) =>
      sendOf({ referral, send })('accept', { version: referral.version, ...body }),
    labels: { note: 'Note' },
    onConflict,
    onSuccess: () => onSaved(`Referral accepted.${readersOf(referral).told}`),
  });
  const { errors, setErrors } = write;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const note = String(new FormData(event.currentTarget).get('acceptNote') ?? '').trim();
    if (tooLong(note)) return setErrors({ fields: { note: 'Note must be 2,000 characters or fewer' }, form: null });
    setErrors(NO_ERRORS);
    void write.submit(note ? { note } : {});
  }

  return (
    <form noValidate aria-labelledby="accept-heading" onSubmit={submit}>
      <h2 id="accept-heading">Accept the referral</h2>
      <ErrorSummary errors={summaryOf(errors, ['note'], undefined, { note: 'acceptNote' })} revision={errors} />
      <p>Accept it if your service can take the person on. You can then record their attendance.</p>
      <Textarea
        id="acceptNote"
        name="acceptNote"
        label={`${readersOf(referral).noteLabel} (optional)`}
        hint={`For example, when and where their first session is. ${readersOf(referral).reads}`}
        rows={2}
        error={errors.fields.note}
      />
      <Button aria-disabled={write.busy || undefined}>{write.busy ? 'Accepting…' : 'Accept referral'}</Button>
    </form>
  );
}

/** After accepting, only these reasons still apply (and only before any attendance). */
const AFTER_ACCEPT: readonly DeclineReason[] = ['could_not_contact', 'person_declined'];

export function DeclineForm({ referral, onSaved, onConflict, send }: AnswerFormProps) {
  const reasons = referral.status === 'accepted' ? AFTER_ACCEPT : DECLINE_REASONS;
  const write = useSubmit({
    mutationFn: (body: { reason: DeclineReason; note?: string }) =>
      sendOf({ referral, send })('decline', { version: referral.version, ...body }),
    labels: { reason: 'Reason', note: 'Note' },
    onConflict,
    onSuccess: () => onSaved(`Referral declined.${readersOf(referral).told}`),
  });
  const { errors, setErrors } = write;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const reason = String(form.get('reason') ?? '') as DeclineReason;
    const note = String(form.get('declineNote') ?? '').trim();
    const fields: Record<string, string> = {};
    if (!reason) fields.reason = 'Select why you are declining';
    if (reason === 'other' && !note) fields.note = 'Enter why you are declining';
    if (tooLong(note)) fields.note = 'Note must be 2,000 characters or fewer';
    if (Object.keys(fields).length > 0) return setErrors({ fields, form: null });
    setErrors(NO_ERRORS);
    void write.submit({ reason, ...(note ? { note } : {}) });
  }

  return (
    <form noValidate aria-labelledby="decline-heading" onSubmit={submit}>
      <h2 id="decline-heading">Decline the referral</h2>
      <ErrorSummary
        errors={summaryOf(errors, ['reason', 'note'], undefined, { note: 'declineNote' })}
        revision={errors}
      />
      <Radios
        name="reason"
        legend="Why are you declining it?"
        error={errors.fields.reason}
        options={reasons.map((r) => ({ value: r, label: DECLINE_REASON_LABELS[r] }))}
      />
      <Textarea
        id="declineNote"
        name="declineNote"
        label={readersOf(referral).noteLabel}
        hint={`Needed if the reason is other. ${readersOf(referral).reads} Up to 2,000 characters.`}
        rows={3}
        error={errors.fields.note}
      />
      <Button variant="secondary" aria-disabled={write.busy || undefined}>
        {write.busy ? 'Declining…' : 'Decline referral'}
      </Button>
    </form>
  );
}
