import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Link } from 'react-router';
import { RESTRICTION_REASON_LABELS, RESTRICTION_REASONS, type RestrictionReason } from '../../../common/records';
import { hasPermission, useSignedInMe } from '../../app/session';
import { useSubmit } from '../../app/use-submit';
import { Button } from '../../ui/Button';
import { ErrorSummary } from '../../ui/ErrorSummary';
import { TextAreaField } from '../../ui/FormFields';
import { summaryOf } from '../../ui/form-errors';
import { formatDateTime } from '../../ui/format';
import { Radios } from '../../ui/Radios';
import { liftRestriction, restrict, restrictionChanged, useRestriction } from './records-api';

/** The restriction banner alone: for every page that shows the person's record. */
export function RestrictionBanner({ referralId }: { referralId: string }) {
  const { data } = useRestriction(referralId);
  const active = data?.active;
  if (!active) return null;
  return (
    <div className="nhsuk-warning-callout" data-testid="restriction-banner">
      <h2 className="nhsuk-warning-callout__label">
        <span className="nhsuk-u-visually-hidden">Important: </span>Processing restricted
      </h2>
      <p>
        This person asked for processing of their record to be restricted (UK GDPR Article 18):{' '}
        {RESTRICTION_REASON_LABELS[active.reason].toLowerCase()}. The record can be read but not changed, and they get
        no appointments, reminders or messages from Waymark until the restriction is lifted.
      </p>
      <p className="nhsuk-body-s">
        Restricted {formatDateTime(active.restrictedAt)}
        {active.restrictedByName ? ` by ${active.restrictedByName}` : ''}
        {active.note ? `: ${active.note}` : '.'}
      </p>
    </div>
  );
}

const LABELS: Record<string, string> = { reason: 'Reason', note: 'Note' };

/**
 * The person's rights on their case (issue 19): the subject access export, and restricting or
 * lifting restriction of processing, for the team lead.
 */
export function PersonRights({ referralId }: { referralId: string }) {
  const me = useSignedInMe();
  const mayExport = hasPermission(me, 'person.export');
  const mayRestrict = hasPermission(me, 'person.restrict');
  if (!mayExport && !mayRestrict) return null;
  return (
    <section aria-labelledby="rights-heading" className="nhsuk-u-margin-top-7">
      <h2 id="rights-heading">The person’s information rights</h2>
      {mayExport && (
        <p>
          <Link to={`/referrals/${referralId}/person/export`}>Export everything held about this person</Link> for a
          subject access request (answer within one month).
        </p>
      )}
      {mayRestrict && <RestrictionForm referralId={referralId} />}
    </section>
  );
}

function RestrictionForm({ referralId }: { referralId: string }) {
  const queryClient = useQueryClient();
  const { data } = useRestriction(referralId);
  const [reason, setReason] = useState<RestrictionReason | ''>('');
  const [note, setNote] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const active = data?.active ?? null;
  const write = useSubmit({
    mutationFn: (body: { reason?: RestrictionReason; note: string }) =>
      active
        ? liftRestriction(referralId, { note: body.note })
        : restrict(referralId, body as { reason: RestrictionReason; note: string }),
    labels: LABELS,
    onSuccess: async (state) => {
      await restrictionChanged(queryClient, referralId);
      setNote('');
      setReason('');
      setDone(state.active ? 'Processing of this person’s record is now restricted.' : 'The restriction is lifted.');
    },
  });
  const { busy, errors, setErrors } = write;
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setDone(null);
    if (active) {
      if (!note.trim()) return setErrors({ fields: { note: 'Enter why the restriction is lifted' }, form: null });
      void write.submit({ note: note.trim() });
    } else {
      if (!reason) return setErrors({ fields: { reason: 'Select the person’s grounds for restriction' }, form: null });
      void write.submit({ reason, note: note.trim() });
    }
  }
  return (
    <>
      <ErrorSummary errors={summaryOf(errors, ['reason', 'note'], 'note')} revision={errors} />
      {done && (
        <p className="nhsuk-body" role="status">
          {done}
        </p>
      )}
      <form onSubmit={submit} noValidate>
        <h3>{active ? 'Lift the restriction' : 'Restrict processing'}</h3>
        {!active && (
          <Radios
            name="reason"
            legend="The person’s grounds (UK GDPR Article 18)"
            hint="While restricted, the record is read-only and the person is left out of allocation, reminders and messages. A request to erase the record does not override the retention rule: restrict instead."
            options={RESTRICTION_REASONS.map((r) => ({ value: r, label: RESTRICTION_REASON_LABELS[r] }))}
            error={errors.fields.reason}
            onChange={(v) => setReason(v as RestrictionReason)}
          />
        )}
        <TextAreaField
          id="note"
          label={active ? 'Why is the restriction lifted?' : 'Note (optional)'}
          hint={active ? 'For example, the record was corrected with the person' : 'No more than 1,000 characters'}
          value={note}
          rows={3}
          error={errors.fields.note ?? errors.form ?? undefined}
          onChange={setNote}
        />
        <Button variant={active ? 'secondary' : 'warning'} disabled={busy}>
          {active ? 'Lift the restriction' : 'Restrict processing'}
        </Button>
      </form>
    </>
  );
}
