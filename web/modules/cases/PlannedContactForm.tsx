import { Textarea, TextInput } from 'nhsuk-react-components';
import { type FormEvent, useState } from 'react';
import {
  CONTACT_MODE_LABELS,
  CONTACT_MODES,
  type ContactMode,
  PLANNED_CONTACT_PURPOSE_MAX,
  type PlannedContact,
} from '../../../common/cases';
import { useSubmit } from '../../app/use-submit';
import { Button } from '../../ui/Button';
import { DateInput, readDate } from '../../ui/DateInput';
import { ErrorSummary } from '../../ui/ErrorSummary';
import { summaryOf } from '../../ui/form-errors';
import { Radios } from '../../ui/Radios';
import { formatWhen } from '../referrals/referral-format';
import { TIME_PATTERN } from './case-form';
import { cancelPlannedContact, type PlannedContactBody, planContact } from './cases-api';

/**
 * Reads a planned contact's date and time (the worker's local time) from a form. Errors are keyed
 * `date` and `time`; a time in the past, or more than a year ahead, is an error on the date.
 */
export function readPlannedAt(
  form: FormData,
  ids: { date: string; time: string },
  what: string,
): { at?: string; errors: { date?: string; time?: string } } {
  const date = readDate(form, ids.date, 'Date');
  const time = String(form.get(ids.time) ?? '').trim();
  const errors: { date?: string; time?: string } = {};
  if (date.error) errors.date = date.error;
  else if (!date.value) errors.date = `Enter the date of ${what}`;
  if (!time) errors.time = `Enter the time of ${what}, like 14:30`;
  else if (!TIME_PATTERN.test(time)) errors.time = 'Time must be like 14:30';
  if (!date.value || errors.time) return { errors };
  const when = new Date(`${date.value}T${time.padStart(5, '0')}:00`);
  const yearAhead = new Date();
  yearAhead.setFullYear(yearAhead.getFullYear() + 1);
  if (when.getTime() <= Date.now()) errors.date = `${capitalised(what)} must be in the future`;
  else if (when.getTime() > yearAhead.getTime()) errors.date = `${capitalised(what)} must be at most a year ahead`;
  return { at: when.toISOString(), errors };
}

const capitalised = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

const LABELS = { at: 'Date', time: 'Time', mode: 'How', purpose: 'Purpose' };
const ORDER = ['at', 'time', 'mode', 'purpose'];
// Field ids differ from the contact form's on the same page; errors keep the API's names.
const ANCHORS = { at: 'planned-at-day', time: 'plannedTime', mode: 'plannedMode', purpose: 'plannedPurpose' };

/** Books a contact with the person: it shows on the caseload as the next contact. */
export function PlannedContactForm({ referralId, onSaved }: { referralId: string; onSaved: (notice: string) => void }) {
  const write = useSubmit({
    mutationFn: (body: PlannedContactBody) => planContact(referralId, body),
    labels: LABELS,
    onSuccess: (planned, { mode }) =>
      onSaved(`Contact booked for ${formatWhen(planned.at)}: ${CONTACT_MODE_LABELS[mode].toLowerCase()}`),
  });
  const { busy, errors, setErrors } = write;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const read = readPlannedAt(form, { date: 'planned-at', time: 'plannedTime' }, 'the contact');
    const mode = String(form.get('plannedMode') ?? '') as ContactMode;
    const purpose = String(form.get('plannedPurpose') ?? '').trim();
    const fields: Record<string, string> = {};
    if (read.errors.date) fields.at = read.errors.date;
    if (read.errors.time) fields.time = read.errors.time;
    if (!mode) fields.mode = 'Select how the contact will take place';
    if (purpose.length > PLANNED_CONTACT_PURPOSE_MAX) fields.purpose = 'Purpose must be 500 characters or fewer';
    if (Object.keys(fields).length > 0 || !read.at) {
      setErrors({ fields, form: null });
      return;
    }
    void write.submit({ at: read.at, mode, purpose: purpose || undefined });
  }

  return (
    <form onSubmit={submit} noValidate aria-label="Book a contact">
      <ErrorSummary errors={summaryOf(errors, ORDER, undefined, ANCHORS)} revision={errors} />
      <DateInput id="planned-at" legend="Date" hint="For example, 22 11 2026" error={errors.fields.at} />
      <TextInput
        id="plannedTime"
        name="plannedTime"
        label="Time"
        hint="24-hour clock, like 14:30"
        width={5}
        inputMode="numeric"
        autoComplete="off"
        error={errors.fields.time}
      />
      <Radios
        name="plannedMode"
        legend="How will it take place?"
        error={errors.fields.mode}
        options={CONTACT_MODES.map((m) => ({ value: m, label: CONTACT_MODE_LABELS[m] }))}
      />
      <Textarea
        id="plannedPurpose"
        name="plannedPurpose"
        label="Purpose (optional)"
        hint="What the contact is for, up to 500 characters"
        rows={2}
        error={errors.fields.purpose}
      />
      <Button aria-disabled={busy || undefined}>{busy ? 'Booking…' : 'Book the contact'}</Button>
    </form>
  );
}

/**
 * The open planned contacts of the case, soonest first, each with a button to cancel it, and a
 * "Book a contact" form behind a details element. The form is only rendered while open, so its
 * fields never sit hidden beside the contact form's fields of the same names.
 */
export function PlannedContacts({
  referralId,
  planned,
  mayWrite,
  onSaved,
}: {
  referralId: string;
  planned: PlannedContact[];
  mayWrite: boolean;
  onSaved: (notice: string) => void;
}) {
  const [booking, setBooking] = useState(false);
  const {
    submit: cancel,
    sending,
    errors,
  } = useSubmit({
    mutationFn: (p: PlannedContact) => cancelPlannedContact(referralId, p.id),
    labels: {},
    onSuccess: (_, p) => onSaved(`Planned contact on ${formatWhen(p.at)} cancelled`),
  });

  return (
    <section aria-labelledby="planned-heading">
      <h2 id="planned-heading">Next planned contact</h2>
      <ErrorSummary errors={summaryOf(errors, [])} revision={errors} />
      {planned.length === 0 ? (
        <p>None booked.</p>
      ) : (
        <ul className="nhsuk-list nhsuk-list--border">
          {planned.map((p) => (
            <li key={p.id}>
              <strong>
                <time dateTime={p.at}>{formatWhen(p.at)}</time>, {p.modeLabel}
              </strong>
              {p.purpose && <span className="waymark-secondary-text waymark-preserve-lines">{p.purpose}</span>}
              {p.createdByName && <span className="waymark-secondary-text">Booked by {p.createdByName}</span>}
              {mayWrite && (
                <Button
                  type="button"
                  variant="secondary"
                  small
                  className="nhsuk-u-margin-top-2 nhsuk-u-margin-bottom-0"
                  aria-disabled={sending?.id === p.id || undefined}
                  onClick={() => void cancel(p)}
                >
                  {sending?.id === p.id ? 'Cancelling…' : 'Cancel'}
                  <span className="nhsuk-u-visually-hidden"> the contact on {formatWhen(p.at)}</span>
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
      {mayWrite && (
        <details className="nhsuk-details" onToggle={(event) => setBooking(event.currentTarget.open)}>
          <summary className="nhsuk-details__summary">
            <span className="nhsuk-details__summary-text">Book a contact</span>
          </summary>
          <div className="nhsuk-details__text">
            {booking && <PlannedContactForm referralId={referralId} onSaved={onSaved} />}
          </div>
        </details>
      )}
    </section>
  );
}
