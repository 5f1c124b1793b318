import { Textarea, TextInput } from 'nhsuk-react-components';
import { type FormEvent, useState } from 'react';
import {
  CONTACT_DURATION_MAX,
  CONTACT_MODE_LABELS,
  CONTACT_MODES,
  CONTACT_NOTES_MAX,
  CONTACT_OUTCOME_LABELS,
  CONTACT_OUTCOMES,
  type ContactMode,
  type ContactOutcome,
} from '../../../common/cases';
import { useSubmit } from '../../app/use-submit';
import { Button } from '../../ui/Button';
import { DateInput, readDate } from '../../ui/DateInput';
import { ErrorSummary } from '../../ui/ErrorSummary';
import { summaryOf } from '../../ui/form-errors';
import { Radios } from '../../ui/Radios';
import { formatWhen } from '../referrals/referral-format';
import { ContactHowFields } from './ContactHowFields';
import { durationError, futureContactErrors, TIME_PATTERN, todayIso } from './case-form';
import { type PlannedContactBody, recordContact } from './cases-api';
import { readPlannedAt } from './PlannedContactForm';

const LABELS = {
  at: 'Date',
  time: 'Time',
  mode: 'How',
  durationMinutes: 'Duration',
  outcome: 'Outcome',
  notes: 'Notes',
  'next.at': 'Date of the next contact',
  nextTime: 'Time of the next contact',
  'next.mode': 'How the next contact will take place',
  'next.purpose': 'Purpose of the next contact',
};
const ORDER = ['at', 'time', 'mode', 'durationMinutes', 'outcome', 'notes', 'next.at', 'nextTime', 'next.mode'];
const ANCHORS = { at: 'at-day', 'next.at': 'next-at-day', 'next.mode': 'nextMode' };

/** Records one contact. The first attended contact sets the first-contact milestone. */
export function ContactForm({ referralId, onSaved }: { referralId: string; onSaved: (notice: string) => void }) {
  const [round, setRound] = useState(0);
  const [bookNext, setBookNext] = useState(false);
  const write = useSubmit({
    mutationFn: (body: Parameters<typeof recordContact>[1]) => recordContact(referralId, body),
    labels: LABELS,
    onSuccess: (_, { mode, outcome, next }) => {
      setRound((n) => n + 1);
      setBookNext(false);
      const booked = next ? `; next contact booked for ${formatWhen(next.at)}` : '';
      onSaved(
        `Contact recorded: ${CONTACT_MODE_LABELS[mode].toLowerCase()}, ${CONTACT_OUTCOME_LABELS[outcome].toLowerCase()}${booked}`,
      );
    },
  });
  const { busy, errors, setErrors } = write;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const date = readDate(form, 'at', 'Date');
    const time = String(form.get('time') ?? '').trim();
    const mode = String(form.get('mode') ?? '') as ContactMode;
    const duration = String(form.get('durationMinutes') ?? '').trim();
    const outcome = String(form.get('outcome') ?? '') as ContactOutcome;
    const notes = String(form.get('notes') ?? '').trim();
    const fields: Record<string, string> = {};
    if (date.error) fields.at = date.error;
    else if (!date.value) fields.at = 'Enter the date of the contact';
    if (!time) fields.time = 'Enter the time of the contact, like 14:30';
    else if (!TIME_PATTERN.test(time)) fields.time = 'Time must be like 14:30';
    if (!mode) fields.mode = 'Select how the contact took place';
    const minutes = Number(duration);
    const badDuration = durationError(duration, true, CONTACT_DURATION_MAX);
    if (badDuration) fields.durationMinutes = badDuration;
    if (!outcome) fields.outcome = 'Select what happened';
    if (notes.length > CONTACT_NOTES_MAX) fields.notes = 'Notes must be 4,000 characters or fewer';
    let at = '';
    if (date.value && !fields.time) {
      const when = new Date(`${date.value}T${time.padStart(5, '0')}:00`);
      Object.assign(fields, futureContactErrors(date.value, time));
      at = when.toISOString();
    }
    let next: PlannedContactBody | undefined;
    if (bookNext) {
      const read = readPlannedAt(form, { date: 'next-at', time: 'nextTime' }, 'the next contact');
      const nextMode = String(form.get('nextMode') ?? '') as ContactMode;
      if (read.errors.date) fields['next.at'] = read.errors.date;
      if (read.errors.time) fields.nextTime = read.errors.time;
      if (!nextMode) fields['next.mode'] = 'Select how the next contact will take place';
      if (read.at && nextMode) next = { at: read.at, mode: nextMode };
    }
    if (Object.keys(fields).length > 0) {
      setErrors({ fields, form: null });
      return;
    }
    void write.submit({ at, mode, durationMinutes: minutes, outcome, notes: notes || undefined, next });
  }

  return (
    <form onSubmit={submit} noValidate key={round} aria-labelledby="contact-heading">
      <h2 id="contact-heading">Record a contact</h2>
      <ErrorSummary errors={summaryOf(errors, ORDER, undefined, ANCHORS)} revision={errors} />
      <DateInput id="at" legend="Date of the contact" defaultValue={todayIso()} error={errors.fields.at} />
      <TextInput
        id="time"
        name="time"
        label="Time"
        hint="24-hour clock, like 14:30"
        width={5}
        inputMode="numeric"
        autoComplete="off"
        error={errors.fields.time}
      />
      <ContactHowFields legend="How did it take place?" errors={errors.fields} />
      <Radios
        name="outcome"
        legend="What happened?"
        hint="The first attended contact is the first-contact milestone (coded SNOMED CT 871731000000106)."
        error={errors.fields.outcome}
        options={CONTACT_OUTCOMES.map((o) => ({ value: o, label: CONTACT_OUTCOME_LABELS[o] }))}
      />
      <Textarea
        id="notes"
        name="notes"
        label="Notes (optional)"
        hint="Plain text, up to 4,000 characters"
        rows={4}
        error={errors.fields.notes}
      />
      <div className="nhsuk-form-group">
        <div className="nhsuk-checkboxes">
          <div className="nhsuk-checkboxes__item">
            <input
              className="nhsuk-checkboxes__input"
              id="bookNext"
              name="bookNext"
              type="checkbox"
              checked={bookNext}
              aria-controls="bookNext-conditional"
              aria-expanded={bookNext}
              onChange={(event) => setBookNext(event.currentTarget.checked)}
            />
            <label className="nhsuk-label nhsuk-checkboxes__label" htmlFor="bookNext">
              Book the next contact
            </label>
          </div>
          {/* Rendered only when ticked, so a hidden, half-filled booking is never sent. */}
          <div className="nhsuk-checkboxes__conditional" id="bookNext-conditional" hidden={!bookNext}>
            {bookNext && (
              <>
                <DateInput id="next-at" legend="Date of the next contact" error={errors.fields['next.at']} />
                <TextInput
                  id="nextTime"
                  name="nextTime"
                  label="Time of the next contact"
                  hint="24-hour clock, like 14:30"
                  width={5}
                  inputMode="numeric"
                  autoComplete="off"
                  error={errors.fields.nextTime}
                />
                <Radios
                  name="nextMode"
                  legend="How will the next contact take place?"
                  error={errors.fields['next.mode']}
                  options={CONTACT_MODES.map((m) => ({ value: m, label: CONTACT_MODE_LABELS[m] }))}
                />
              </>
            )}
          </div>
        </div>
      </div>
      <Button aria-disabled={busy || undefined}>{busy ? 'Saving…' : 'Save contact'}</Button>
    </form>
  );
}
